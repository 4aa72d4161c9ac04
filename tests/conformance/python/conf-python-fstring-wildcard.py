import os
# ruleid: conf-python-fstring-wildcard
os.system(f"ping {host}")
# ruleid: conf-python-fstring-wildcard
os.system(f"ls")
# ok: conf-python-fstring-wildcard
os.system("ls")
