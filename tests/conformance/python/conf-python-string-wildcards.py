# ruleid: conf-python-string-wildcards
cursor.execute(f"SELECT {x}")
# ruleid: conf-python-string-wildcards
cursor.execute("SELECT " + x)
# ok: conf-python-string-wildcards
cursor.execute("SELECT 1")
# ok: conf-python-string-wildcards
cursor.execute('SELECT 2')
# ok: conf-python-string-wildcards
cursor.execute("""SELECT 3""")
