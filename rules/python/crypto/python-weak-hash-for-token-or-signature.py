import hashlib
import hmac
import os
import secrets
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SIGNING_KEY = os.environ["SIGNING_KEY"].encode()


def sign_payload(payload: bytes) -> str:
    # ruleid: python-weak-hash-for-token-or-signature
    return hashlib.md5(SIGNING_KEY + payload).hexdigest()


def sign_payload_safe(payload: bytes) -> str:
    # ok: python-weak-hash-for-token-or-signature
    return hmac.new(SIGNING_KEY, payload, hashlib.sha256).hexdigest()


@app.route("/api-keys", methods=["POST"])
def create_api_key():
    user_id = request.json["user_id"]
    # ruleid: python-weak-hash-for-token-or-signature
    api_key = hashlib.sha1(f"{user_id}:{time.time()}".encode()).hexdigest()
    return jsonify({"api_key": api_key}), 201


@app.route("/api-keys/safe", methods=["POST"])
def create_api_key_safe():
    # ok: python-weak-hash-for-token-or-signature
    api_key = secrets.token_urlsafe(32)
    return jsonify({"api_key": api_key}), 201


@app.route("/download")
def download():
    path = request.args["path"]
    # ruleid: python-weak-hash-for-token-or-signature
    expected_sig = hashlib.new("md5", SIGNING_KEY + path.encode()).hexdigest()
    if not hmac.compare_digest(expected_sig, request.args.get("sig", "")):
        abort(403)
    return jsonify({"path": path})


def cache_key(url: str) -> str:
    # ok: python-weak-hash-for-token-or-signature
    return hashlib.md5(url.encode()).hexdigest()


def etag_for(body: bytes) -> str:
    # ok: python-weak-hash-for-token-or-signature
    etag = hashlib.sha1(body, usedforsecurity=False).hexdigest()
    return f'"{etag}"'


def new_request_id() -> str:
    # ok: python-weak-hash-for-token-or-signature
    session_id = hashlib.md5(os.urandom(16)).hexdigest()
    return session_id
