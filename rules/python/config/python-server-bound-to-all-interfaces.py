import os
import socket

import uvicorn
from fastapi import FastAPI
from flask import Flask, jsonify

app = Flask(__name__)
api = FastAPI()


@app.route("/health")
def health():
    return jsonify({"ok": True})


def serve_metrics(port: int = 9100) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: python-server-bound-to-all-interfaces
    sock.bind(("0.0.0.0", port))
    sock.listen()


def serve_metrics_local(port: int = 9100) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ok: python-server-bound-to-all-interfaces
    sock.bind(("127.0.0.1", port))
    sock.listen()


def run_api() -> None:
    # ruleid: python-server-bound-to-all-interfaces
    uvicorn.run(api, host="0.0.0.0", port=8000, reload=True)


def run_api_configurable() -> None:
    # ok: python-server-bound-to-all-interfaces
    uvicorn.run(api, host=os.environ.get("HOST", "127.0.0.1"), port=8000)


if __name__ == "__main__":
    # ruleid: python-server-bound-to-all-interfaces
    app.run(host="0.0.0.0", port=5000)
    # ok: python-server-bound-to-all-interfaces
    app.run(host="127.0.0.1", port=5000)


def find_free_port() -> int:
    with socket.socket() as s:
        # ok: python-server-bound-to-all-interfaces
        s.bind(("", 0))
        return s.getsockname()[1]
