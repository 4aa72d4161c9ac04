import os
import stat
import subprocess
from pathlib import Path

UPLOAD_ROOT = Path("/srv/app/uploads")


def prepare_upload_dir(tenant: str) -> Path:
    path = UPLOAD_ROOT / tenant
    path.mkdir(parents=True, exist_ok=True)
    # ruleid: python-world-writable-permissions
    os.chmod(path, 0o777)
    return path


def prepare_upload_dir_safe(tenant: str) -> Path:
    path = UPLOAD_ROOT / tenant
    path.mkdir(parents=True, exist_ok=True)
    # ok: python-world-writable-permissions
    os.chmod(path, 0o750)
    return path


def install_hook(script: str) -> None:
    hook = Path(".git/hooks/pre-commit")
    hook.write_text(script)
    # ruleid: python-world-writable-permissions
    hook.chmod(stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)


def install_hook_safe(script: str) -> None:
    hook = Path(".git/hooks/pre-commit")
    hook.write_text(script)
    # ok: python-world-writable-permissions
    hook.chmod(stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP)


def write_shared_config(path: str, content: str) -> None:
    with open(path, "w") as fh:
        fh.write(content)
    # ruleid: python-world-writable-permissions
    os.chmod(path, 0o666)
    subprocess.run(["systemctl", "reload", "worker"], check=True)


def write_private_key(path: str, pem: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(pem)
    # ok: python-world-writable-permissions
    os.chmod(path, 0o600)
