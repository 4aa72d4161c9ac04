import os
from datetime import timedelta

from flask import Flask
from flask_login import LoginManager

# --- settings.py ---
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["shop.example.com"]
# ruleid: python-session-cookie-flags-disabled
SESSION_COOKIE_SECURE = False
# ok: python-session-cookie-flags-disabled
SESSION_COOKIE_HTTPONLY = True
# ruleid: python-session-cookie-flags-disabled
CSRF_COOKIE_SECURE = False
# ok: python-session-cookie-flags-disabled
SESSION_COOKIE_AGE = 60 * 60 * 8


# --- Flask app factory ---
def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    # ruleid: python-session-cookie-flags-disabled
    app.config.update(SESSION_COOKIE_HTTPONLY=False, REMEMBER_COOKIE_DURATION=timedelta(days=30))
    LoginManager(app)
    return app


class DevelopmentConfig:
    DEBUG = True
    # ok: python-session-cookie-flags-disabled
    SESSION_COOKIE_SECURE = False


def create_app_safe():
    app = Flask(__name__)
    # ok: python-session-cookie-flags-disabled
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    return app
