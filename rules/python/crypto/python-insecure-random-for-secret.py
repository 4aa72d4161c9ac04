import random
import secrets
import string
from datetime import datetime, timedelta

from flask import Flask, jsonify, request

from .mail import send_mail
from .models import User, db

app = Flask(__name__)


def generate_reset_token(length: int = 32) -> str:
    alphabet = string.ascii_letters + string.digits
    # ruleid: python-insecure-random-for-secret
    return "".join(random.choice(alphabet) for _ in range(length))


def generate_reset_token_safe() -> str:
    # ok: python-insecure-random-for-secret
    return secrets.token_urlsafe(32)


@app.route("/2fa/send", methods=["POST"])
def send_otp():
    user = User.query.filter_by(email=request.json["email"]).first_or_404()
    # ruleid: python-insecure-random-for-secret
    otp = str(random.randint(100000, 999999))
    user.otp = otp
    user.otp_expires = datetime.utcnow() + timedelta(minutes=5)
    db.session.commit()
    send_mail(user.email, f"Your code is {otp}")
    return jsonify({"sent": True})


@app.route("/2fa/send/safe", methods=["POST"])
def send_otp_safe():
    user = User.query.filter_by(email=request.json["email"]).first_or_404()
    # ok: python-insecure-random-for-secret
    otp = f"{secrets.randbelow(1_000_000):06d}"
    user.otp = otp
    db.session.commit()
    send_mail(user.email, f"Your code is {otp}")
    return jsonify({"sent": True})


def create_temporary_password() -> str:
    # ruleid: python-insecure-random-for-secret
    temp = "".join(random.sample(string.ascii_letters + string.digits + "!@#$", 12))
    return temp


def pick_ab_variant(user_id: int) -> str:
    # ok: python-insecure-random-for-secret
    variant = random.choice(["control", "new-checkout"])
    return variant


def retry_delay(attempt: int) -> float:
    # ok: python-insecure-random-for-secret
    return min(30.0, 2**attempt) + random.uniform(0, 1)
