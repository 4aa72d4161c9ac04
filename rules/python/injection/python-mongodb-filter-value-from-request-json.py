from flask import Flask, abort, jsonify, request, session
from pymongo import MongoClient
from werkzeug.security import check_password_hash

app = Flask(__name__)
users = MongoClient("mongodb://localhost:27017")["app"]["users"]


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    # ruleid: python-mongodb-filter-value-from-request-json
    user = users.find_one({"username": data["username"], "password": data["password"]})
    if user is None:
        abort(401)
    session["user_id"] = str(user["_id"])
    return jsonify({"ok": True})


@app.route("/login/safe", methods=["POST"])
def login_safe():
    data = request.get_json()
    # ok: python-mongodb-filter-value-from-request-json
    user = users.find_one({"username": str(data["username"])})
    if user is None or not check_password_hash(user["password_hash"], str(data["password"])):
        abort(401)
    session["user_id"] = str(user["_id"])
    return jsonify({"ok": True})


@app.route("/reset", methods=["POST"])
def reset_password():
    # ruleid: python-mongodb-filter-value-from-request-json
    user = users.find_one({"reset_token": request.json.get("token")})
    if user is None:
        abort(404)
    return jsonify({"email": user["email"]})


@app.route("/users/<user_id>", methods=["DELETE"])
def delete_user(user_id):
    # ok: python-mongodb-filter-value-from-request-json
    users.delete_one({"_id": user_id, "tenant": session["tenant"]})
    return "", 204


@app.route("/users/search", methods=["POST"])
def search_users():
    body = request.json
    # ruleid: python-mongodb-filter-value-from-request-json
    count = users.count_documents({"role": body.get("role"), "active": True})
    return jsonify({"count": count})


@app.route("/users/search/safe", methods=["POST"])
def search_users_safe():
    role = request.json.get("role")
    if role not in ("admin", "editor", "viewer"):
        abort(400)
    # ok: python-mongodb-filter-value-from-request-json
    count = users.count_documents({"role": role, "active": True})
    return jsonify({"count": count})
