# ruleid: conf-python-pattern-regex-and-not-regex
password = "hunter22"
# ok: conf-python-pattern-regex-and-not-regex
password = "changeme"
# ok: conf-python-pattern-regex-and-not-regex
username = "bob"
