import subprocess
# ruleid: conf-python-metavariable-pattern
subprocess.run(f"ls {d}")
# ruleid: conf-python-metavariable-pattern
subprocess.run("ls " + d)
# ok: conf-python-metavariable-pattern
subprocess.run(["ls", d])
