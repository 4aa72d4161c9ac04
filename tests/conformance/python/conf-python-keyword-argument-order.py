import subprocess
# ruleid: conf-python-keyword-argument-order
subprocess.run(c, check=True, shell=True)
# ruleid: conf-python-keyword-argument-order
subprocess.run(c, shell=True, check=True)
# ok: conf-python-keyword-argument-order
subprocess.run(c, shell=True, check=True, text=True)
