python
from datetime import timedelta

from django.http import JsonResponse
from fastapi import FastAPI, Response
from flask import Flask, jsonify, make_response

app = Flask(__name__)
api = FastAPI()
COOKIE_OPTS = {"httponly": True, "secure": True, "samesite": "Lax"}


@app.route("/login", methods=["POST"])
def login():
    token = create_access_token()
    response = make_response(jsonify({"ok": True}))
    # ruleid: python-sensitive-cookie-without-secure-flags
    response.set_cookie("access_token", token, max_age=3600)
    return response


@app.route("/login/safe", methods=["POST"])
def login_safe():
    token = create_access_token()
    response = make_response(jsonify({"ok": True}))
    # ok: python-sensitive-cookie-without-secure-flags
    response.set_cookie("access_token", token, max_age=3600, httponly=True, secure=True, samesite="Lax")
    return response


@api.post("/token/refresh")
def refresh(response: Response):
    # ruleid: python-sensitive-cookie-without-secure-flags
    response.set_cookie(key="refresh_token", value=create_access_token(), httponly=True, secure=False)
    return {"ok": True}


@api.post("/token/refresh/safe")
def refresh_safe(response: Response):
    # ok: python-sensitive-cookie-without-secure-flags
    response.set_cookie(key="refresh_token", value=create_access_token(), **COOKIE_OPTS)
    return {"ok": True}


def django_login(request):
    response = JsonResponse({"ok": True})
    # ruleid: python-sensitive-cookie-without-secure-flags
    response.set_cookie("sessionid", request.session.session_key, secure=True, httponly=False)
    return response


def set_preferences(request):
    response = JsonResponse({"ok": True})
    # ok: python-sensitive-cookie-without-secure-flags
    response.set_cookie("theme", request.GET.get("theme", "light"), max_age=timedelta(days=365))
    # ok: python-sensitive-cookie-without-secure-flags
    response.set_cookie("csrftoken", request.META["CSRF_COOKIE"], secure=True, httponly=False)
    return response


def create_access_token() -> str:
    return "token"
