# ruleid: conf-python-string-regex
query("DELETE FROM t")
# ruleid: conf-python-string-regex
query('delete  from t')
# ok: conf-python-string-regex
query("SELECT 1")
