import os
import shlex
import subprocess

from fastapi import FastAPI
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
api = FastAPI()

ALLOWED_HOSTS = {"db.internal", "cache.internal"}


def run_diagnostic(target):
    # Helper the assistant extracted: the shell string is built two frames away.
    cmd = f"traceroute -m 10 {target}"
    # ruleid: python-command-injection-from-request
    return subprocess.check_output(cmd, shell=True, text=True)


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    count = request.args.get("count", "3")
    command = "ping -c " + count + " " + host
    # ruleid: python-command-injection-from-request
    output = os.popen(command).read()
    return jsonify(output=output)


@app.route("/trace", methods=["POST"])
def trace():
    data = request.get_json()
    target = data["target"].strip()
    return jsonify(result=run_diagnostic(target))


@app.route("/convert/<filename>")
def convert(filename):
    out = filename.rsplit(".", 1)[0] + ".pdf"
    # ruleid: python-command-injection-from-request
    os.system(f"libreoffice --headless --convert-to pdf /uploads/{filename} --outdir /out/{out}")
    return jsonify(file=out)


@api.post("/git/clone")
async def clone(repo_url: str, branch: str = "main"):
    # ruleid: python-command-injection-from-request
    proc = subprocess.run(["bash", "-c", f"git clone -b {branch} {repo_url} /tmp/work"], capture_output=True)
    return {"code": proc.returncode}


@app.route("/archive")
def archive():
    name = request.args["name"]
    args = ["tar", "czf", "/tmp/out.tgz"]
    args.append(name)
    # ok: python-command-injection-from-request
    subprocess.run(args, check=True)
    return "done"


@app.route("/ping/safe")
def ping_safe():
    host = request.args.get("host", "localhost")
    # ok: python-command-injection-from-request
    subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True, check=True)
    return "ok"


@app.route("/ping/allowed")
def ping_allowed():
    host = request.args.get("host", "")
    if host not in ALLOWED_HOSTS:
        abort(400)
    # ok: python-command-injection-from-request
    os.system("ping -c 1 " + host)
    return "ok"


@app.route("/sleep")
def sleep():
    seconds = int(request.args.get("s", "1"))
    # ok: python-command-injection-from-request
    subprocess.run(f"sleep {seconds}", shell=True)
    return "ok"


@app.route("/list")
def list_files():
    folder = request.args.get("folder", ".")
    # ok: python-command-injection-from-request
    result = subprocess.run(["ls", "-la", folder], capture_output=True, text=True)
    return result.stdout


DIAGNOSTIC_COMMANDS = {
    "uptime": "uptime",
    "disk": "df -h",
    "memory": "free -m",
}


@app.route("/diagnostics/run")
def run_named_diagnostic():
    # The request only picks one of the server's own commands (allow-list map).
    cmd = DIAGNOSTIC_COMMANDS[request.args["c"]]
    # ok: python-command-injection-from-request
    os.system(cmd)
    fallback = DIAGNOSTIC_COMMANDS.get(request.args.get("c"), "uptime")
    # ok: python-command-injection-from-request
    subprocess.run(fallback, shell=True)
    return "ok"


@app.route("/diagnostics/raw")
def run_raw_diagnostic():
    # The container itself is request data: the selected entry is attacker-controlled.
    params = request.get_json()
    cmd = params["cmd"]
    # ruleid: python-command-injection-from-request
    os.system(cmd)
    extra = request.args.get("extra", "")
    # ruleid: python-command-injection-from-request
    subprocess.run(DIAGNOSTIC_COMMANDS.get("disk", extra), shell=True)
    overrides = {}
    overrides["disk"] = request.args["cmd"]
    # ruleid: python-command-injection-from-request
    os.system(overrides["disk"])
    return "ok"
