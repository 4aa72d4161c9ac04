"""Flask routes of a small ops dashboard; the shell helpers live in services/network.py."""

import os

from flask import Blueprint, jsonify, request

from .services.network import dns_lookup, normalized, ping_host, quoted, safe_ping

bp = Blueprint("ops", __name__)


@bp.route("/ops/ping")
def ping():
    host = request.args.get("host", "localhost")
    # ruleid: python-command-injection-from-request
    result = ping_host(host, count=2)
    return jsonify(output=result)


@bp.route("/ops/dns", methods=["POST"])
def dns():
    name = request.get_json()["name"]
    # ruleid: python-command-injection-from-request
    return jsonify(records=dns_lookup(name))


@bp.route("/ops/ping/safe")
def ping_checked():
    host = request.args.get("host", "localhost")
    # ok: python-command-injection-from-request
    return jsonify(output=safe_ping(host))


@bp.route("/ops/trace")
def trace():
    host = request.args.get("host", "localhost")
    # The helper in services/network.py quotes its argument.
    # ok: python-command-injection-from-request
    os.system("traceroute " + quoted(host))
    return "started"


@bp.route("/ops/trace/raw")
def trace_raw():
    host = request.args.get("host", "localhost")
    # The helper only trims and lower-cases: shell metacharacters pass.
    # ruleid: python-command-injection-from-request
    os.system("traceroute " + normalized(host))
    return "started"
