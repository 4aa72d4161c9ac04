import asyncssh
import paramiko
from paramiko import AutoAddPolicy, SSHClient


def run_remote(host: str, command: str) -> str:
    client = paramiko.SSHClient()
    # ruleid: python-ssh-unknown-host-key-accepted
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="deploy", key_filename="/etc/deploy/id_ed25519")
    _, stdout, _ = client.exec_command(command)
    return stdout.read().decode()


def run_remote_safe(host: str, command: str) -> str:
    client = paramiko.SSHClient()
    client.load_host_keys("/etc/deploy/known_hosts")
    # ok: python-ssh-unknown-host-key-accepted
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username="deploy", key_filename="/etc/deploy/id_ed25519")
    _, stdout, _ = client.exec_command(command)
    return stdout.read().decode()


def upload_backup(host: str, path: str) -> None:
    ssh = SSHClient()
    ssh.load_system_host_keys()
    # ruleid: python-ssh-unknown-host-key-accepted
    ssh.set_missing_host_key_policy(AutoAddPolicy)
    ssh.connect(host, username="backup", password="from-vault")
    with ssh.open_sftp() as sftp:
        sftp.put(path, f"/backups/{path.rsplit('/', 1)[-1]}")


async def tail_logs(host: str) -> str:
    # ruleid: python-ssh-unknown-host-key-accepted
    async with asyncssh.connect(host, username="ops", known_hosts=None) as conn:
        result = await conn.run("tail -n 100 /var/log/app.log")
        return result.stdout


async def tail_logs_safe(host: str) -> str:
    # ok: python-ssh-unknown-host-key-accepted
    async with asyncssh.connect(host, username="ops", known_hosts="/etc/ops/known_hosts") as conn:
        result = await conn.run("tail -n 100 /var/log/app.log")
        return result.stdout


def default_policy_client(host: str) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    # ok: python-ssh-unknown-host-key-accepted
    client.load_system_host_keys()
    client.connect(host, username="deploy")
    return client
