# ruleid: conf-python-metavariable-unification
if a.b == a.b: pass
# ruleid: conf-python-metavariable-unification
ok = (x  +  1) == (x + 1)
# ok: conf-python-metavariable-unification
if a == b: pass
