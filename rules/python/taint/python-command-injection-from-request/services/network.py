"""Network diagnostics used by routes.py (no request data is read in this file)."""

import os
import shlex
import subprocess


def ping_host(host, count=4):
    cmd = f"ping -c {count} {host}"
    # ok: python-command-injection-from-request
    return subprocess.check_output(cmd, shell=True, text=True)


def dns_lookup(name):
    # ok: python-command-injection-from-request
    with os.popen("dig +short " + name) as fh:
        return fh.read().splitlines()


def safe_ping(host):
    # ok: python-command-injection-from-request
    return subprocess.check_output("ping -c 1 " + shlex.quote(host), shell=True, text=True)


def quoted(host):
    return shlex.quote(host)


def normalized(host):
    return host.strip().lower()
