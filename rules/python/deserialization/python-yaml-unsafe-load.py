import yaml
from fastapi import FastAPI, File, UploadFile
from yaml import UnsafeLoader

app = FastAPI()


@app.post("/pipelines/import")
async def import_pipeline(file: UploadFile = File(...)):
    content = await file.read()
    # ruleid: python-yaml-unsafe-load
    pipeline = yaml.load(content, Loader=yaml.Loader)
    return {"name": pipeline.get("name"), "steps": len(pipeline.get("steps", []))}


@app.post("/pipelines/import/safe")
async def import_pipeline_safe(file: UploadFile = File(...)):
    content = await file.read()
    # ok: python-yaml-unsafe-load
    pipeline = yaml.safe_load(content)
    return {"name": pipeline.get("name")}


@app.post("/config")
async def upload_config(body: str):
    # ruleid: python-yaml-unsafe-load
    config = yaml.load(body)
    # ok: python-yaml-unsafe-load
    defaults = yaml.load(body, Loader=yaml.SafeLoader)
    return {**defaults, **config}


def load_manifests(path):
    with open(path) as fh:
        # ruleid: python-yaml-unsafe-load
        return list(yaml.load_all(fh, Loader=UnsafeLoader))


def load_fixtures(path):
    with open(path) as fh:
        # ruleid: python-yaml-unsafe-load
        return yaml.unsafe_load(fh)


def load_fast(path):
    with open(path) as fh:
        # ok: python-yaml-unsafe-load
        return yaml.load(fh, Loader=yaml.CSafeLoader)


def load_roundtrip(path):
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    with open(path) as fh:
        # ok: python-yaml-unsafe-load
        return yaml.load(fh)


def dump_config(config, path):
    with open(path, "w") as fh:
        # ok: python-yaml-unsafe-load
        yaml.safe_dump(config, fh)
