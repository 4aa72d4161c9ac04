import os
from datetime import timedelta

from decouple import config
from flask import Flask
from flask_jwt_extended import JWTManager

app = Flask(__name__)
# ruleid: python-hardcoded-secret-key
app.secret_key = "super-secret-key-change-me"
# ok: python-hardcoded-secret-key
app.secret_key = os.environ["FLASK_SECRET_KEY"]

# ruleid: python-hardcoded-secret-key
app.config["JWT_SECRET_KEY"] = os.environ.get("JWT_SECRET_KEY", "dev-jwt-secret")
# ok: python-hardcoded-secret-key
app.config["JWT_SECRET_KEY"] = os.environ["JWT_SECRET_KEY"]
app.config["JWT_ACCESS_TOKEN_EXPIRES"] = timedelta(hours=1)
jwt = JWTManager(app)


class Config:
    # ruleid: python-hardcoded-secret-key
    SECRET_KEY = os.getenv("SECRET_KEY") or "you-will-never-guess"
    SQLALCHEMY_DATABASE_URI = os.getenv("DATABASE_URL", "sqlite:///app.db")
    # ok: python-hardcoded-secret-key
    SECRET_KEY_FILE = "/run/secrets/flask_key"


# --- FastAPI auth module ---
# ruleid: python-hardcoded-secret-key
SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
ALGORITHM = "HS256"
ACCESS_TOKEN_EXPIRE_MINUTES = 30

# ok: python-hardcoded-secret-key
SECRET_KEY = config("SECRET_KEY")
# ruleid: python-hardcoded-secret-key
SECRET_KEY = config("SECRET_KEY", default="django-insecure-0x!b#(1)2h@w$^k9")
# ok: python-hardcoded-secret-key
SECRET_KEY = os.environ.get("SECRET_KEY", "")


class EnvCredentialProvider:
    # ok: python-hardcoded-secret-key
    SECRET_KEY = "APP_SECRET_KEY"

    def load(self) -> str:
        return os.environ[self.SECRET_KEY]
