import os

from flask import Flask
from flask_wtf.csrf import CSRFProtect


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///app.db")
    # ruleid: python-flask-csrf-protection-disabled
    WTF_CSRF_ENABLED = False


class ProductionConfig(Config):
    # ok: python-flask-csrf-protection-disabled
    WTF_CSRF_ENABLED = True
    SESSION_COOKIE_SECURE = True


class TestingConfig(Config):
    TESTING = True
    # ok: python-flask-csrf-protection-disabled
    WTF_CSRF_ENABLED = False


def create_app():
    app = Flask(__name__)
    app.config.from_object(Config)
    # ruleid: python-flask-csrf-protection-disabled
    app.config["WTF_CSRF_ENABLED"] = False
    CSRFProtect(app)
    return app


def create_api_app():
    app = Flask(__name__)
    # ruleid: python-flask-csrf-protection-disabled
    app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], WTF_CSRF_ENABLED=False)
    CSRFProtect(app)
    return app


def create_selectively_protected_app():
    app = Flask(__name__)
    # only routes that call csrf.protect() are checked: a deliberate, reviewed choice
    # ok: python-flask-csrf-protection-disabled
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    CSRFProtect(app)
    return app


def create_test_app():
    app = create_app()
    app.config["TESTING"] = True
    # ok: python-flask-csrf-protection-disabled
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def create_app_safe():
    app = Flask(__name__)
    app.config.from_object(ProductionConfig)
    # ok: python-flask-csrf-protection-disabled
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    CSRFProtect(app)
    return app
