import io

import numpy as np
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/embeddings/import", methods=["POST"])
def import_embeddings():
    upload = request.files["file"]
    # ruleid: python-numpy-load-allow-pickle
    data = np.load(io.BytesIO(upload.read()), allow_pickle=True)
    return jsonify({"count": len(data["ids"])})


@app.route("/embeddings/import/safe", methods=["POST"])
def import_embeddings_safe():
    upload = request.files["file"]
    # ok: python-numpy-load-allow-pickle
    data = np.load(io.BytesIO(upload.read()))
    return jsonify({"count": len(data["ids"])})


def load_index(path: str) -> dict:
    # ruleid: python-numpy-load-allow-pickle
    return np.load(path, allow_pickle=True).item()


def load_vectors(path: str) -> np.ndarray:
    # ok: python-numpy-load-allow-pickle
    return np.load(path, allow_pickle=False, mmap_mode="r")


def load_cache(path: str):
    # ruleid: python-numpy-load-allow-pickle
    with np.load(path, mmap_mode=None, allow_pickle=True) as archive:
        return {name: archive[name] for name in archive.files}


def save_vectors(path: str, vectors: np.ndarray) -> None:
    # ok: python-numpy-load-allow-pickle
    np.save(path, vectors, allow_pickle=False)
