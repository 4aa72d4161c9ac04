# ruleid: conf-python-metavariable-comparison-functions
set_timeout(3600)
# ok: conf-python-metavariable-comparison-functions
set_timeout(30)
# ok: conf-python-metavariable-comparison-functions
set_timeout(x)
