import os
import tempfile

import requests
import torch
from fastapi import FastAPI, UploadFile
from safetensors.torch import load_file

from .model import SentimentNet

app = FastAPI()
model = SentimentNet()


@app.post("/models/upload")
async def upload_checkpoint(file: UploadFile):
    with tempfile.NamedTemporaryFile(suffix=".pt", delete=False) as tmp:
        tmp.write(await file.read())
    # ruleid: python-torch-load-without-weights-only
    state = torch.load(tmp.name, map_location="cpu")
    model.load_state_dict(state)
    return {"loaded": file.filename}


@app.post("/models/upload/safe")
async def upload_checkpoint_safe(file: UploadFile):
    with tempfile.NamedTemporaryFile(suffix=".pt", delete=False) as tmp:
        tmp.write(await file.read())
    # ok: python-torch-load-without-weights-only
    state = torch.load(tmp.name, map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    return {"loaded": file.filename}


def load_pretrained(url: str) -> SentimentNet:
    path = os.path.join(tempfile.gettempdir(), "pretrained.bin")
    with open(path, "wb") as fh:
        fh.write(requests.get(url, timeout=60).content)
    net = SentimentNet()
    # ruleid: python-torch-load-without-weights-only
    net.load_state_dict(torch.load(path, weights_only=False))
    return net


def load_pretrained_safetensors(path: str) -> SentimentNet:
    net = SentimentNet()
    # ok: python-torch-load-without-weights-only
    net.load_state_dict(load_file(path))
    return net


def resume_training(checkpoint_path: str):
    # ruleid: python-torch-load-without-weights-only
    checkpoint = torch.load(checkpoint_path)
    model.load_state_dict(checkpoint["model"])
    return checkpoint["epoch"]


def save_checkpoint(path: str, epoch: int) -> None:
    # ok: python-torch-load-without-weights-only
    torch.save({"model": model.state_dict(), "epoch": epoch}, path)
