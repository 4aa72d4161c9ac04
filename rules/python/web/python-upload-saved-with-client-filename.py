import os
import uuid
from pathlib import Path

from flask import Flask, abort, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/app/uploads"
ALLOWED = {".png", ".jpg", ".jpeg", ".pdf"}


@app.route("/upload", methods=["POST"])
def upload():
    file = request.files.get("file")
    if file is None or file.filename == "":
        abort(400, "no file")
    # ruleid: python-upload-saved-with-client-filename
    file.save(os.path.join(UPLOAD_DIR, file.filename))
    return jsonify({"saved": file.filename}), 201


@app.route("/upload/safe", methods=["POST"])
def upload_safe():
    file = request.files.get("file")
    if file is None or file.filename == "":
        abort(400, "no file")
    filename = secure_filename(file.filename)
    # ok: python-upload-saved-with-client-filename
    file.save(os.path.join(UPLOAD_DIR, filename))
    return jsonify({"saved": filename}), 201


@app.route("/avatar", methods=["POST"])
def upload_avatar():
    avatar = request.files["avatar"]
    path = f"{UPLOAD_DIR}/avatars/{avatar.filename}"
    # ruleid: python-upload-saved-with-client-filename
    avatar.save(path)
    return jsonify({"url": f"/static/avatars/{avatar.filename}"})


@app.route("/avatar/safe", methods=["POST"])
def upload_avatar_safe():
    avatar = request.files["avatar"]
    ext = os.path.splitext(avatar.filename)[1].lower()
    if ext not in ALLOWED:
        abort(400, "file type not allowed")
    name = f"{uuid.uuid4().hex}{ext}"
    # ok: python-upload-saved-with-client-filename
    avatar.save(os.path.join(UPLOAD_DIR, "avatars", name))
    return jsonify({"url": f"/static/avatars/{name}"})


@app.route("/documents", methods=["POST"])
def upload_documents():
    saved = []
    for doc in request.files.getlist("documents"):
        name = doc.filename
        # ruleid: python-upload-saved-with-client-filename
        doc.save(Path(UPLOAD_DIR) / name)
        saved.append(name)
    return jsonify({"saved": saved})


@app.route("/documents/safe", methods=["POST"])
def upload_documents_safe():
    saved = []
    for doc in request.files.getlist("documents"):
        name = doc.filename
        name = secure_filename(name)
        # ok: python-upload-saved-with-client-filename
        doc.save(Path(UPLOAD_DIR) / name)
        saved.append(name)
    return jsonify({"saved": saved})
