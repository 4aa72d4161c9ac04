import bcrypt
# ruleid: conf-python-metavariable-comparison
bcrypt.gensalt(rounds=4)
# ruleid: conf-python-metavariable-comparison
bcrypt.gensalt(rounds=0x0A)
# ok: conf-python-metavariable-comparison
bcrypt.gensalt(rounds=12)
