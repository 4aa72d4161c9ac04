"""Flask views behind an admin-only decorator and an ordinary login."""

import requests
from flask import Blueprint, request
from flask_login import login_required

from .security import admin_required

bp = Blueprint("integrations", __name__)


@bp.route("/admin/webhooks/test", methods=["POST"])
@admin_required
def test_webhook():
    # ok: python-ssrf-from-request
    r = requests.post(request.form["url"], json={"ping": True}, timeout=5)
    return {"status": r.status_code}


@bp.route("/webhooks/test", methods=["POST"])
@login_required
def test_user_webhook():
    # ruleid: python-ssrf-from-request
    r = requests.post(request.form["url"], json={"ping": True}, timeout=5)
    return {"status": r.status_code}
