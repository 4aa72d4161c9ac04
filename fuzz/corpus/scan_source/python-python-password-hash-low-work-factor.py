python
import hashlib
import os

import bcrypt
from flask import Flask, jsonify, request
from passlib.context import CryptContext
from werkzeug.security import generate_password_hash

app = Flask(__name__)

# ruleid: python-password-hash-low-work-factor
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto", bcrypt__rounds=4)
# ok: python-password-hash-low-work-factor
strong_context = CryptContext(schemes=["bcrypt"], deprecated="auto", bcrypt__rounds=12)


@app.route("/register", methods=["POST"])
def register():
    password = request.json["password"]
    # ruleid: python-password-hash-low-work-factor
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=6))
    return jsonify({"hash": hashed.decode()}), 201


@app.route("/register/safe", methods=["POST"])
def register_safe():
    password = request.json["password"]
    # ok: python-password-hash-low-work-factor
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))
    return jsonify({"hash": hashed.decode()}), 201


def hash_password(password: str) -> bytes:
    salt = os.urandom(16)
    # ruleid: python-password-hash-low-work-factor
    return salt + hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000)


def hash_password_safe(password: str) -> bytes:
    salt = os.urandom(16)
    # ok: python-password-hash-low-work-factor
    return salt + hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def legacy_hash(password: str) -> str:
    # ruleid: python-password-hash-low-work-factor
    return generate_password_hash(password, method="pbkdf2:sha256:1000")


def default_hash(password: str) -> str:
    # ok: python-password-hash-low-work-factor
    return generate_password_hash(password)
