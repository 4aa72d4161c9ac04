"""A FastAPI router whose helpers take the request object first (dispatched by name)."""

import os
import uuid
from pathlib import Path

import aiofiles
from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import FileResponse

router = APIRouter()
CACHE_DIR = Path("/var/cache/speech")


async def _synthesize_openai(request, payload, file_path, body_path):
    audio = await request.app.state.tts.synthesize(payload["text"])
    # ok: python-path-traversal-from-request
    async with aiofiles.open(file_path, "wb") as f:
        await f.write(audio)
    return FileResponse(file_path)


ENGINES = {"openai": _synthesize_openai}


@router.post("/speech")
async def speech(request: Request):
    payload = await request.json()
    name = uuid.uuid4().hex
    file_path = CACHE_DIR / f"{name}.mp3"
    return await ENGINES[payload["engine"]](request, payload, file_path, None)


@router.get("/speech/{name}")
async def cached_speech(name: str):
    # ruleid: python-path-traversal-from-request
    return FileResponse(os.path.join(CACHE_DIR, name))


@router.post("/transcriptions")
async def transcription(request: Request, file: UploadFile = File(...)):
    safe_name = os.path.basename(file.filename) if file.filename else ""
    ext = safe_name.rsplit(".", 1)[-1].lower() if "." in safe_name else ""
    file_path = os.path.join(CACHE_DIR, f"{uuid.uuid4()}.{ext}")
    # ok: python-path-traversal-from-request
    async with aiofiles.open(file_path, "wb") as f:
        await f.write(await file.read())
    return {"path": str(file_path)}


@router.post("/uploads")
async def upload(file: UploadFile = File(...)):
    # ruleid: python-path-traversal-from-request
    async with aiofiles.open(os.path.join(CACHE_DIR, file.filename), "wb") as f:
        await f.write(await file.read())
    return {"ok": True}
