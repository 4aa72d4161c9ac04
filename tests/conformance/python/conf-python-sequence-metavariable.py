# ruleid: conf-python-sequence-metavariable
log(a, b, secret)
# ruleid: conf-python-sequence-metavariable
log(secret)
# ok: conf-python-sequence-metavariable
log(secret, a)
