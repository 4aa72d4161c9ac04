"""Notes API: a Flask backend the way an AI assistant typically writes it.

Every route marked FLAW has a planted vulnerability (see ../README.md); the
helpers it could have used instead live in db.py.
"""
import base64
import hashlib
import os
import pickle
import sqlite3
import subprocess

import jwt
import requests
import yaml
from flask import Flask, jsonify, request

import db

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
DB_PATH = os.environ.get("DB_PATH", "notes.db")
WEATHER_API = "https://api.weather.example.com/v1"


def get_conn():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def current_user():
    token = request.headers.get("Authorization", "").replace("Bearer ", "")
    # FLAW: claims are trusted without checking the signature
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims.get("sub")


@app.route("/api/register", methods=["POST"])
def register():
    data = request.get_json()
    # FLAW: fast unsalted hash for passwords
    password_hash = hashlib.md5(data["password"].encode()).hexdigest()
    db.create_user(get_conn(), data["username"], password_hash)
    return jsonify({"ok": True}), 201


@app.route("/api/users/<username>")
def get_user(username):
    cur = get_conn().cursor()
    # FLAW: SQL built with an f-string
    cur.execute(f"SELECT id, username, bio FROM users WHERE username = '{username}'")
    row = cur.fetchone()
    return jsonify(dict(row)) if row else (jsonify({"error": "not found"}), 404)


@app.route("/api/notes")
def list_notes():
    # safe twin: parameterized query in db.py
    return jsonify(db.notes_for_user(get_conn(), current_user()))


@app.route("/api/tools/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    # FLAW: shell=True with an interpolated host
    out = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True, text=True)
    return jsonify({"output": out.stdout})


@app.route("/api/notes/import", methods=["POST"])
def import_notes():
    # FLAW: yaml.load with the full unsafe Loader
    notes = yaml.load(request.data, Loader=yaml.Loader)
    for note in notes:
        db.add_note(get_conn(), current_user(), note["title"], note["body"])
    return jsonify({"imported": len(notes)})


@app.route("/api/drafts/restore", methods=["POST"])
def restore_draft():
    blob = request.cookies.get("draft", "")
    # FLAW: unpickling a cookie
    draft = pickle.loads(base64.b64decode(blob))
    return jsonify(draft)


@app.route("/api/calc")
def calc():
    # FLAW: eval of a query parameter ("quick calculator" feature)
    result = eval(request.args.get("expr", "0"))
    return jsonify({"result": result})


@app.route("/api/weather/<city>")
def weather(city):
    # FLAW: TLS verification disabled to "fix" a certificate error
    resp = requests.get(f"{WEATHER_API}/current", params={"city": city}, verify=False, timeout=5)
    return jsonify(resp.json())


@app.route("/api/weather-safe/<city>")
def weather_safe(city):
    # safe twin: default verification
    resp = requests.get(f"{WEATHER_API}/current", params={"city": city}, timeout=5)
    return jsonify(resp.json())


if __name__ == "__main__":
    # FLAW: Werkzeug debugger exposed
    app.run(host="0.0.0.0", port=5000, debug=True)
