import requests
resp = requests.get(
    # ruleid: conf-python-focus-metavariable
    build_url(host),
    timeout=5,
)
# ok: conf-python-focus-metavariable
other.get(build_url(host))
