import subprocess
import subprocess as sp
from subprocess import Popen
from subprocess import Popen as P
# ruleid: conf-python-import-aliases
subprocess.Popen(cmd)
# ruleid: conf-python-import-aliases
sp.Popen(cmd)
# ruleid: conf-python-import-aliases
Popen(cmd)
# ruleid: conf-python-import-aliases
P(cmd)
# ok: conf-python-import-aliases
other.Popen(cmd)
# ok: conf-python-import-aliases
from subprocess import Popen as Popen2
