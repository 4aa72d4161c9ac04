import requests
# ruleid: conf-python-ellipsis-arguments
requests.get(url, verify=False)
# ruleid: conf-python-ellipsis-arguments
requests.get(url, timeout=3, verify=False, headers=h)
# ok: conf-python-ellipsis-arguments
requests.get(url, verify=True)
# ok: conf-python-ellipsis-arguments
requests.post(url, verify=False)
