import os
import shlex
import subprocess
from subprocess import check_output

from fastapi import FastAPI, HTTPException, UploadFile

app = FastAPI()
UPLOAD_DIR = "/srv/uploads"


@app.post("/thumbnails/{name}")
def make_thumbnail(name: str, size: int = 200):
    src = os.path.join(UPLOAD_DIR, name)
    dst = os.path.join(UPLOAD_DIR, f"thumb_{name}")
    # ruleid: python-shell-true-with-variable
    subprocess.run(f"convert {src} -resize {size}x{size} {dst}", shell=True, check=True)
    return {"thumbnail": dst}


@app.post("/thumbnails/safe/{name}")
def make_thumbnail_safe(name: str, size: int = 200):
    src = os.path.join(UPLOAD_DIR, name)
    dst = os.path.join(UPLOAD_DIR, f"thumb_{name}")
    # ok: python-shell-true-with-variable
    subprocess.run(["convert", src, "-resize", f"{size}x{size}", dst], check=True)
    return {"thumbnail": dst}


@app.get("/ping")
def ping(host: str):
    # ruleid: python-shell-true-with-variable
    output = check_output("ping -c 1 " + host, shell=True, text=True)
    return {"output": output}


@app.get("/dns")
def dns_lookup(domain: str):
    # ruleid: python-shell-true-with-variable
    result = os.popen("nslookup %s" % domain).read()
    return {"result": result}


@app.post("/backup")
def backup_database(db_name: str):
    cmd = f"pg_dump {db_name} > /backups/{db_name}.sql"
    # ruleid: python-shell-true-with-variable
    exit_code = os.system(cmd)
    if exit_code != 0:
        raise HTTPException(status_code=500, detail="backup failed")
    return {"ok": True}


def git_log(repo_path: str) -> str:
    # ruleid: python-shell-true-with-variable
    proc = subprocess.Popen(
        "git -C {} log --oneline -n 20".format(repo_path),
        shell=True,
        stdout=subprocess.PIPE,
    )
    out, _ = proc.communicate()
    return out.decode()


def disk_usage() -> str:
    # ok: python-shell-true-with-variable
    return subprocess.check_output("df -h | sort -k5 -r | head -5", shell=True, text=True)


def archive(path: str) -> None:
    # ok: python-shell-true-with-variable
    subprocess.run(f"tar czf /tmp/archive.tgz {shlex.quote(path)}", shell=True, check=True)


def list_dir(path: str) -> list[str]:
    # ok: python-shell-true-with-variable
    out = subprocess.run(["ls", "-la", path], capture_output=True, text=True)
    return out.stdout.splitlines()


def restart_service() -> None:
    # ok: python-shell-true-with-variable
    os.system("systemctl restart nginx")


def word_count(filename: str) -> str:
    # ruleid: python-shell-true-with-variable
    return subprocess.getoutput(f"wc -l {filename}")
