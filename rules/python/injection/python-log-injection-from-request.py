import logging

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
logger = logging.getLogger(__name__)


def _clean(value: str) -> str:
    return value.replace("\r", "\\r").replace("\n", "\\n")


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "")
    if not check_credentials(username, request.form.get("password", "")):
        # ruleid: python-log-injection-from-request
        logger.warning(f"Failed login attempt for user {request.form.get('username')}")
        abort(401)
    # ok: python-log-injection-from-request
    logger.info("login ok for user=%s", _clean(username))
    return jsonify({"ok": True})


@app.route("/search")
def search():
    # ruleid: python-log-injection-from-request
    app.logger.info("search query: %s", request.args["q"])
    # ok: python-log-injection-from-request
    app.logger.info("search query length: %d", len(request.args["q"]))
    return jsonify([])


@app.route("/webhook", methods=["POST"])
def webhook():
    # ruleid: python-log-injection-from-request
    logging.info("webhook from %s: %s", request.headers.get("User-Agent"), request.get_json())
    # ok: python-log-injection-from-request
    logging.info("webhook received, %d bytes", int(request.headers.get("Content-Length", 0)))
    # ok: python-log-injection-from-request
    logging.info("webhook received from %s", request.remote_addr)
    return "", 204


def check_credentials(username: str, password: str) -> bool:
    return False
