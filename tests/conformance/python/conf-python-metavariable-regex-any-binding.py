import hashlib
# ruleid: conf-python-metavariable-regex-any-binding
hashlib.md5(password.encode()).hexdigest()
# ok: conf-python-metavariable-regex-any-binding
hashlib.md5(data.encode()).hexdigest()
