import json
import marshal
import shelve
import tempfile

import joblib
import keras
import requests
from fastapi import FastAPI, UploadFile

app = FastAPI()
MODEL_URL = "https://models.example.com/churn/latest.joblib"


@app.post("/models/churn")
async def upload_churn_model(file: UploadFile):
    with tempfile.NamedTemporaryFile(suffix=".joblib", delete=False) as tmp:
        tmp.write(await file.read())
    # ruleid: python-pickle-based-loader
    model = joblib.load(tmp.name)
    return {"classes": list(model.classes_)}


def refresh_model(path: str):
    with open(path, "wb") as fh:
        fh.write(requests.get(MODEL_URL, timeout=60).content)
    # ruleid: python-pickle-based-loader
    return joblib.load(path)


def save_model(model, path: str) -> None:
    # ok: python-pickle-based-loader
    joblib.dump(model, path)


def session_store(path: str):
    # ruleid: python-pickle-based-loader
    return shelve.open(path)


def session_store_fresh(path: str):
    # ok: python-pickle-based-loader
    return shelve.open(path, flag="n")


def load_plugin_code(blob: bytes):
    # ok: python-pickle-based-loader
    code = marshal.loads(blob)
    return code


def load_classifier(path: str):
    # ruleid: python-pickle-based-loader
    return keras.models.load_model(path, safe_mode=False)


def load_classifier_safe(path: str):
    # ok: python-pickle-based-loader
    return keras.models.load_model(path)


def load_settings(path: str) -> dict:
    with open(path) as fh:
        # ok: python-pickle-based-loader
        return json.load(fh)
