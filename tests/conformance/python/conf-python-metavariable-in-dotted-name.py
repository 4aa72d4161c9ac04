from os import system
# ruleid: conf-python-metavariable-in-dotted-name
system("ls")
# ruleid: conf-python-metavariable-in-dotted-name
os.remove(p)
# ok: conf-python-metavariable-in-dotted-name
ois.remove(p)
