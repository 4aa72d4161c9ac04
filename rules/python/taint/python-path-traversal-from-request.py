import os
import shutil
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from flask import Flask, abort, jsonify, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()

UPLOAD_DIR = "/srv/app/uploads"
REPORTS = Path("/srv/app/reports")


def load_template(name):
    path = os.path.join("/srv/app/templates", name + ".txt")
    # ruleid: python-path-traversal-from-request
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@app.route("/download")
def download():
    filename = request.args.get("file")
    file_path = os.path.join(UPLOAD_DIR, filename)
    # ruleid: python-path-traversal-from-request
    return send_file(file_path, as_attachment=True)


@app.route("/templates/<name>")
def template(name):
    return jsonify(body=load_template(name))


@api.get("/reports/{report_name}")
async def get_report(report_name: str):
    report_path = REPORTS / f"{report_name}.csv"
    # ruleid: python-path-traversal-from-request
    return FileResponse(report_path)


@app.route("/files", methods=["DELETE"])
def delete_file():
    target = request.get_json()["path"]
    # ruleid: python-path-traversal-from-request
    shutil.rmtree(os.path.join(UPLOAD_DIR, target))
    return "", 204


@app.route("/notes/<note_id>")
def read_note(note_id):
    note = Path("/srv/app/notes") / note_id
    # ruleid: python-path-traversal-from-request
    return note.read_text()


@app.route("/download/safe")
def download_safe():
    filename = secure_filename(request.args.get("file", ""))
    # ok: python-path-traversal-from-request
    return send_file(os.path.join(UPLOAD_DIR, filename))


@app.route("/download/basename")
def download_basename():
    name = os.path.basename(request.args["file"])
    path = os.path.join(UPLOAD_DIR, name)
    # ok: python-path-traversal-from-request
    with open(path, "rb") as fh:
        return fh.read()


@app.route("/download/checked")
def download_checked():
    requested = request.args.get("file", "")
    full = os.path.realpath(os.path.join(UPLOAD_DIR, requested))
    if not full.startswith(UPLOAD_DIR + os.sep):
        abort(403)
    # ok: python-path-traversal-from-request
    return send_file(full)


@api.get("/exports/{name}")
async def export(name: str):
    path = (REPORTS / name).resolve()
    if not path.is_relative_to(REPORTS):
        return {"error": "invalid path"}
    # ok: python-path-traversal-from-request
    return FileResponse(path)


@app.route("/static-file")
def static_file():
    name = request.args.get("name")
    # ok: python-path-traversal-from-request
    return send_from_directory(UPLOAD_DIR, name)



def validate_path_is_safe(path):
    if ".." in path.split("/") or path.startswith("/"):
        abort(400)
    return path


def normalize_path(path):
    return path.replace("\\", "/").strip()


@app.route("/artifacts")
def get_artifact():
    path = validate_path_is_safe(request.args.get("path", ""))
    # ok: python-path-traversal-from-request
    return send_file(os.path.join(UPLOAD_DIR, path))


@app.route("/artifacts/raw")
def get_raw_artifact():
    path = normalize_path(request.args.get("path", ""))
    # ruleid: python-path-traversal-from-request
    return send_file(os.path.join(UPLOAD_DIR, path))


from unittest import mock


class TestExport:
    @mock.patch("reports.storage.upload")
    def test_export_writes_file(self, upload, tmp_path):
        # ok: python-path-traversal-from-request
        with open(tmp_path / "report.csv", "w") as fh:
            fh.write("id,total\n")


@api.patch("/reports/{name}")
async def rename_report(name: str):
    # ruleid: python-path-traversal-from-request
    os.remove(os.path.join("/srv/reports", name))


import hashlib
import uuid

CACHE_DIR = "/var/cache/speech"


@app.route("/speech", methods=["POST"])
def speech_cache():
    body = request.get_data()
    name = hashlib.sha256(body).hexdigest()
    # ok: python-path-traversal-from-request
    with open(os.path.join(CACHE_DIR, f"{name}.mp3"), "wb") as f:
        f.write(body)
    upload_name = request.form.get("name", "")
    # ruleid: python-path-traversal-from-request
    with open(os.path.join(CACHE_DIR, upload_name), "wb") as f:
        f.write(body)
    return "ok"


from open_webui.models.files import Files
from open_webui.storage.provider import Storage


@api.get("/files/{file_id}/content")
async def file_content(file_id: str):
    # The id only selects a stored record: its path is the application's, not the caller's.
    file = Files.get_file_by_id(file_id)
    # ok: python-path-traversal-from-request
    with open(file.path, "rb") as fh:
        data = fh.read()
    local = Storage.get_file(file.path)
    # ok: python-path-traversal-from-request
    os.remove(local)
    # Functions of imported modules still pass their arguments on.
    # ruleid: python-path-traversal-from-request
    os.remove(os.path.join(UPLOAD_DIR, file_id))
    return data


@api.get("/file={path_or_url:path}")
async def serve_file(path_or_url: str):
    abs_path = os.path.abspath(path_or_url)
    allowed, reason = utils.is_allowed_file(abs_path, allowed_paths=ALLOWED)
    if not allowed:
        raise HTTPException(403, f"File not allowed: {path_or_url}.")
    # ok: python-path-traversal-from-request
    return FileResponse(abs_path)


@api.get("/raw/{name}")
async def raw_file(name: str):
    if is_unsafe_path(name):
        # ruleid: python-path-traversal-from-request
        return FileResponse(os.path.join(UPLOAD_DIR, name))
    if not is_safe_path(UPLOAD_DIR, name):
        raise HTTPException(400)
    # ok: python-path-traversal-from-request
    return FileResponse(os.path.join(UPLOAD_DIR, name))


@api.get("/sessions/{session_id}")
async def load_session(session_id: str):
    SessionManager.validate_session_id(session_id)
    # ok: python-path-traversal-from-request
    return FileResponse(SESSION_DIR / f"{session_id}.json")


@api.get("/sessions2/{session_id}")
async def load_session_unchecked(session_id: str):
    SessionManager.log_session_id(session_id)
    # ruleid: python-path-traversal-from-request
    return FileResponse(SESSION_DIR / f"{session_id}.json")
