with transaction():
    # ok: conf-python-pattern-not-inside
    db.execute(q)
# ruleid: conf-python-pattern-not-inside
db.execute(q)
