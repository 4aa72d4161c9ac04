import hashlib
# ruleid: conf-python-metavariable-regex
hashlib.md5(b"x")
# ruleid: conf-python-metavariable-regex
hashlib.sha1(b"x")
# ok: conf-python-metavariable-regex
hashlib.sha256(b"x")
