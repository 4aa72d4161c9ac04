"""Safe twins of the patterns in app.py: these must NOT be reported."""
import json
import shlex
import subprocess

import jwt
import yaml
from werkzeug.security import check_password_hash, generate_password_hash


def create_user(conn, username, password):
    # parameterized INSERT, slow salted password hash
    conn.execute(
        "INSERT INTO users (username, password_hash) VALUES (?, ?)",
        (username, generate_password_hash(password)),
    )
    conn.commit()


def check_login(conn, username, password):
    row = conn.execute("SELECT password_hash FROM users WHERE username = ?", (username,)).fetchone()
    return row is not None and check_password_hash(row[0], password)


def get_user(conn, username):
    cur = conn.cursor()
    cur.execute("SELECT id, username, bio FROM users WHERE username = ?", (username,))
    return cur.fetchone()


def notes_for_user(conn, user_id, tag=None):
    sql = "SELECT id, title, body FROM notes WHERE owner_id = ?"
    params = [user_id]
    if tag:
        sql += " AND tag = ?"
        params.append(tag)
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


def add_note(conn, user_id, title, body):
    conn.execute("INSERT INTO notes (owner_id, title, body) VALUES (?, ?, ?)", (user_id, title, body))
    conn.commit()


def ping(host):
    # argument list, no shell
    return subprocess.run(["ping", "-c", "1", host], capture_output=True, text=True).stdout


def archive(path):
    # shell features, but every value quoted
    return subprocess.run(f"tar czf /tmp/notes.tgz {shlex.quote(path)}", shell=True, check=True)


def parse_import(text):
    return yaml.safe_load(text)


def parse_draft(cookie_value):
    return json.loads(cookie_value)


def verify_token(token, secret):
    return jwt.decode(token, secret, algorithms=["HS256"])
