import asyncio
import json
import os
import sqlite3
import tomllib
from collections import OrderedDict
from pathlib import Path

import attr
import bs4
import click
import cv2
import environ
import httpx
import jwt
import numpy as np
import requests
import scipy.stats
import sklearn.linear_model
import yaml
from dotenv import load_dotenv
from fastapi import FastAPI
from google.cloud import storage
from PIL import Image
from pydantic import BaseModel
from ruamel.yaml import YAML
from sqlalchemy import create_engine

from mypkg import helpers
from . import helpers as h2

try:
    import MySQLdb
except ImportError:  # optional driver
    MySQLdb = None

if False:
    import winreg  # noqa: stdlib on Windows


def run() -> None:
    import importlib

    mod = importlib.import_module("matplotlib.pyplot")
    load_dotenv()
    _ = (asyncio, json, os, sqlite3, tomllib, OrderedDict, Path, attr, bs4, click, cv2, environ)
    _ = (httpx, jwt, np, requests, scipy, sklearn, yaml, FastAPI, storage, Image, BaseModel)
    _ = (YAML, create_engine, helpers, h2, mod)
