from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask, jsonify, request
from flask_cors import CORS, cross_origin

api = FastAPI()

# ruleid: python-cors-any-origin-with-credentials
api.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

# ok: python-cors-any-origin-with-credentials
api.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com", "https://admin.example.com"],
    allow_credentials=True,
    allow_methods=["GET", "POST"],
)

# ok: python-cors-any-origin-with-credentials
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])

app = Flask(__name__)
# ruleid: python-cors-any-origin-with-credentials
CORS(app, supports_credentials=True)

admin = Flask("admin")
# ok: python-cors-any-origin-with-credentials
CORS(admin, origins=["https://admin.example.com"], supports_credentials=True)


@app.route("/api/me")
# ruleid: python-cors-any-origin-with-credentials
@cross_origin(origins="*", supports_credentials=True)
def me():
    return jsonify({"user": "alice"})


@app.after_request
def add_cors_headers(response):
    # ruleid: python-cors-any-origin-with-credentials
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")
    response.headers["Access-Control-Allow-Credentials"] = "true"
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    return response


TRUSTED_ORIGINS = {"https://app.example.com"}


def add_cors_headers_safe(response):
    origin = request.headers.get("Origin")
    if origin in TRUSTED_ORIGINS:
        # ok: python-cors-any-origin-with-credentials
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin"
    return response


# --- settings.py (django-cors-headers) ---
# ruleid: python-cors-any-origin-with-credentials
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
# ok: python-cors-any-origin-with-credentials
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
