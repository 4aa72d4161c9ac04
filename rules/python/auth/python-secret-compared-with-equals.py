import hashlib
import hmac
import os

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()
API_KEY = os.environ["API_KEY"]


@app.route("/webhooks/github", methods=["POST"])
def github_webhook():
    signature = request.headers.get("X-Hub-Signature-256", "")
    expected = "sha256=" + hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.sha256).hexdigest()
    # ok: python-secret-compared-with-equals
    if not hmac.compare_digest(signature, expected):
        abort(401)
    return "", 204


@app.route("/webhooks/shop", methods=["POST"])
def shop_webhook():
    digest = hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.sha256).hexdigest()
    # ruleid: python-secret-compared-with-equals
    if digest != request.headers.get("X-Shop-Hmac-Sha256"):
        abort(401)
    return "", 204


@app.route("/webhooks/payments", methods=["POST"])
def payments_webhook():
    # ruleid: python-secret-compared-with-equals
    if hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.sha256).hexdigest() != request.headers["X-Signature"]:
        abort(401)
    return "", 204


@app.route("/internal/stats")
def internal_stats():
    api_key = request.headers.get("X-API-Key")
    # ruleid: python-secret-compared-with-equals
    if api_key != API_KEY:
        abort(403)
    return jsonify({"users": 42})


@app.route("/internal/stats/safe")
def internal_stats_safe():
    api_key = request.headers.get("X-API-Key", "")
    # ok: python-secret-compared-with-equals
    if not hmac.compare_digest(api_key.encode(), API_KEY.encode()):
        abort(403)
    return jsonify({"users": 42})


@app.route("/reset-password", methods=["POST"])
def reset_password():
    token = request.form.get("token")
    # ok: python-secret-compared-with-equals
    if token == None or token == "":
        abort(400)
    return jsonify({"ok": True})


def verify_file(path: str, checksum: str) -> bool:
    with open(path, "rb") as fh:
        # ok: python-secret-compared-with-equals
        return hashlib.sha256(fh.read()).hexdigest() == checksum


def next_page(previous_page_token: str, next_page_token: str) -> bool:
    # ok: python-secret-compared-with-equals
    return previous_page_token == next_page_token


@app.route("/account/confirm")
def confirm_account():
    user = load_user(request.args["uid"])
    # ruleid: python-secret-compared-with-equals
    if request.args.get("confirmation_token") != user.confirmation_token:
        abort(403)
    return jsonify({"confirmed": True})


def load_user(uid):
    raise NotImplementedError


CHANGE_ME_SECRET_KEY = "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET"


def check_secret_key(app):
    # a start-up check against the shipped placeholder: nothing attacker-chosen
    # ok: python-secret-compared-with-equals
    if app.config["SECRET_KEY"] == CHANGE_ME_SECRET_KEY:
        raise RuntimeError("Refusing to start with the default SECRET_KEY")


def check_api_key(request, settings):
    # ruleid: python-secret-compared-with-equals
    if request.headers.get("X-Api-Key") != settings.API_KEY:
        raise PermissionError("bad key")
