import base64
import json
import pickle

import pandas as pd
import redis
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
cache = redis.Redis(host="localhost", port=6379)


@app.route("/api/session/restore", methods=["POST"])
def restore_session():
    blob = request.cookies.get("session_state", "")
    # ruleid: python-pickle-load
    state = pickle.loads(base64.b64decode(blob))
    return jsonify({"user": state.get("user"), "cart": state.get("cart", [])})


@app.route("/api/session/save", methods=["POST"])
def save_session():
    state = {"user": request.json["user"], "cart": request.json.get("cart", [])}
    resp = make_response(jsonify({"ok": True}))
    # ok: python-pickle-load
    resp.set_cookie("session_state", base64.b64encode(pickle.dumps(state)).decode())
    return resp


@app.route("/api/session/restore/safe", methods=["POST"])
def restore_session_safe():
    # ok: python-pickle-load
    state = json.loads(request.cookies.get("session_state", "{}"))
    return jsonify(state)


def get_cached_report(report_id):
    raw = cache.get(f"report:{report_id}")
    if raw is None:
        return None
    # ruleid: python-pickle-load
    return pickle.loads(raw)


@app.route("/api/models/upload", methods=["POST"])
def upload_model():
    uploaded = request.files["model"]
    # ruleid: python-pickle-load
    model = pickle.load(uploaded.stream)
    return jsonify({"type": type(model).__name__})


@app.route("/api/datasets/preview", methods=["POST"])
def preview_dataset():
    path = request.json["path"]
    # ruleid: python-pickle-load
    df = pd.read_pickle(path)
    # ok: python-pickle-load
    csv_df = pd.read_csv(path.replace(".pkl", ".csv"))
    return jsonify({"rows": len(df), "csv_rows": len(csv_df)})


def export_report(report):
    # ok: python-pickle-load
    return pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)


def test_settings_survive_pickling():
    settings = {"theme": "dark", "retries": 3}
    # ok: python-pickle-load
    assert pickle.loads(pickle.dumps(settings)) == settings
    blob = pickle.dumps(settings, protocol=pickle.HIGHEST_PROTOCOL)
    # ok: python-pickle-load
    restored = pickle.loads(blob)
    assert restored == settings


def load_uploaded_state(upload, cached):
    blob = pickle.dumps(cached)
    # ruleid: python-pickle-load
    return pickle.loads(upload.read()), blob


import threading


class LocalCache:
    def __init__(self):
        self._cache = {}
        self._lock = threading.Lock()

    def set(self, key, value):
        with self._lock:
            self._cache[key] = pickle.dumps(value)

    def get(self, key):
        with self._lock:
            pickled = self._cache[key]
        # ok: python-pickle-load
        return pickle.loads(pickled)

    def get_shared(self, redis_client, key):
        blob = redis_client.get(key)
        # ruleid: python-pickle-load
        return pickle.loads(blob)
