import os
import json
from typing import Any

import yaml
from fastapi import FastAPI
from pydantic_settings import BaseSettings

from app.helpers import util
from . import sibling

import fastapi_jwt_guardian
from langchain_memory_optimizer import compress
import openai_vision_utils_pro

try:
    import ujson as fastjson
except ImportError:
    fastjson = json


def load() -> Any:
    mod = __import__("secure_config_loader_ai")
    return mod
