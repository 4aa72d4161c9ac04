import warnings

import requests
import urllib3
from urllib3.exceptions import InsecureRequestWarning

# ruleid: python-tls-warnings-suppressed
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

# ok: python-tls-warnings-suppressed
urllib3.disable_warnings(urllib3.exceptions.DependencyWarning)


def fetch_inventory(url: str) -> dict:
    # ruleid: python-tls-warnings-suppressed
    requests.packages.urllib3.disable_warnings()
    return requests.get(url, verify=False, timeout=10).json()


def fetch_inventory_safe(url: str) -> dict:
    # ok: python-tls-warnings-suppressed
    return requests.get(url, verify="/etc/ssl/certs/internal-ca.pem", timeout=10).json()


def quiet_client() -> requests.Session:
    # ruleid: python-tls-warnings-suppressed
    warnings.filterwarnings("ignore", category=InsecureRequestWarning)
    session = requests.Session()
    session.verify = False
    return session


def quiet_deprecations() -> None:
    # ok: python-tls-warnings-suppressed
    warnings.filterwarnings("ignore", category=DeprecationWarning)
