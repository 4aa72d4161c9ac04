import base64
import json
import pickle

import yaml
from fastapi import FastAPI, UploadFile
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()


def restore_session(blob):
    raw = base64.b64decode(blob)
    # ruleid: python-deserialization-from-request
    return pickle.loads(raw)


@app.route("/session/restore", methods=["POST"])
def restore():
    token = request.cookies.get("session_state")
    state = restore_session(token)
    return jsonify(user=state.get("user"))


@app.route("/config/import", methods=["POST"])
def import_config():
    upload = request.files["config"]
    text = upload.read().decode("utf-8")
    # ruleid: python-deserialization-from-request
    config = yaml.load(text, Loader=yaml.Loader)
    return jsonify(config)


@api.post("/models/upload")
async def upload_model(file: UploadFile):
    contents = await file.read()
    # ruleid: python-deserialization-from-request
    model = pickle.loads(contents)
    return {"classes": list(model.classes_)}


@app.route("/cache", methods=["PUT"])
def put_cache():
    body = request.get_data()
    # ruleid: python-deserialization-from-request
    obj = yaml.load(body)
    return jsonify(ok=bool(obj))


@app.route("/config/import/safe", methods=["POST"])
def import_config_safe():
    text = request.files["config"].read().decode("utf-8")
    # ok: python-deserialization-from-request
    config = yaml.load(text, Loader=yaml.SafeLoader)
    return jsonify(config)


@app.route("/session/restore/safe", methods=["POST"])
def restore_safe():
    token = request.cookies.get("session_state", "{}")
    state = json.loads(base64.b64decode(token))
    # ok: python-deserialization-from-request
    defaults = pickle.loads(DEFAULTS_BLOB)
    return jsonify(user=state.get("user"), defaults=defaults)


@app.route("/settings", methods=["POST"])
def settings():
    text = request.get_data(as_text=True)
    # ok: python-deserialization-from-request
    data = yaml.safe_load(text)
    return jsonify(data)
