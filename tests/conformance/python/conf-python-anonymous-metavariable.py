# ruleid: conf-python-anonymous-metavariable
open(path, 'w')
# ruleid: conf-python-anonymous-metavariable
open("x", 'w')
# ok: conf-python-anonymous-metavariable
open(path, 'r')
