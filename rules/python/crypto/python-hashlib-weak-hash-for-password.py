import hashlib
import hmac
import os
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
db = sqlite3.connect("users.db", check_same_thread=False)


@app.route("/register", methods=["POST"])
def register():
    username = request.json["username"]
    password = request.json["password"]
    # ruleid: python-hashlib-weak-hash-for-password
    password_hash = hashlib.md5(password.encode()).hexdigest()
    db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)", (username, password_hash))
    db.commit()
    return jsonify({"ok": True}), 201


@app.route("/login", methods=["POST"])
def login():
    username = request.json["username"]
    row = db.execute("SELECT salt, password_hash FROM users WHERE username = ?", (username,)).fetchone()
    salt, stored = row
    # ruleid: python-hashlib-weak-hash-for-password
    candidate = hashlib.sha256((salt + request.json["password"]).encode("utf-8")).hexdigest()
    if not hmac.compare_digest(candidate, stored):
        return jsonify({"error": "invalid credentials"}), 401
    return jsonify({"ok": True})


class User:
    def __init__(self, email, raw_password):
        self.email = email
        # ruleid: python-hashlib-weak-hash-for-password
        self.password_hash = hashlib.sha1(raw_password.encode()).hexdigest()


def hash_new_password(new_password: str) -> str:
    h = hashlib.sha512()
    h.update(os.urandom(16))
    # ruleid: python-hashlib-weak-hash-for-password
    h.update(new_password.encode())
    return h.hexdigest()


def hash_password_safe(password: str) -> bytes:
    salt = os.urandom(16)
    # ok: python-hashlib-weak-hash-for-password
    return salt + hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def file_checksum(path: str) -> str:
    with open(path, "rb") as fh:
        # ok: python-hashlib-weak-hash-for-password
        return hashlib.md5(fh.read()).hexdigest()


def reset_token_digest(password_reset_token: str) -> str:
    # ok: python-hashlib-weak-hash-for-password
    return hashlib.sha256(password_reset_token.encode()).hexdigest()


def gravatar_url(email: str) -> str:
    # ok: python-hashlib-weak-hash-for-password
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}"
