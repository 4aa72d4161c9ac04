# settings.py generated for a Django 5 project
import os
from pathlib import Path

import environ
from decouple import Csv, config

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

# ruleid: python-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["*"]

# ok: python-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["shop.example.com", "www.shop.example.com"]

# ruleid: python-django-allowed-hosts-wildcard
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")

# ok: python-django-allowed-hosts-wildcard
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "shop.example.com").split(",")

# ruleid: python-django-allowed-hosts-wildcard
ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="*", cast=Csv())

env = environ.Env()
# ok: python-django-allowed-hosts-wildcard
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "shop",
]
