import json

from django.http import JsonResponse
from flask import Flask, jsonify, request
from flask_login import current_user, login_required

from .models import Group, Product, Profile, User, db
from .schemas import UserCreate, group_schema

app = Flask(__name__)
EDITABLE_FIELDS = {"display_name", "bio", "avatar_url"}


@app.route("/users", methods=["POST"])
def create_user():
    # ruleid: python-mass-assignment-from-request
    user = User(**request.get_json())
    db.session.add(user)
    db.session.commit()
    return jsonify({"id": user.id}), 201


@app.route("/users/safe", methods=["POST"])
def create_user_safe():
    data = UserCreate.model_validate(request.get_json())
    # ok: python-mass-assignment-from-request
    user = User(email=data.email, display_name=data.display_name)
    db.session.add(user)
    db.session.commit()
    return jsonify({"id": user.id}), 201


@app.route("/me", methods=["PATCH"])
@login_required
def update_me():
    data = request.get_json()
    # ruleid: python-mass-assignment-from-request
    for key, value in data.items():
        setattr(current_user, key, value)
    db.session.commit()
    return jsonify({"ok": True})


@app.route("/me/safe", methods=["PATCH"])
@login_required
def update_me_safe():
    data = request.get_json()
    for key in EDITABLE_FIELDS & data.keys():
        # ok: python-mass-assignment-from-request
        setattr(current_user, key, data[key])
    db.session.commit()
    return jsonify({"ok": True})


def create_profile(request):
    # ruleid: python-mass-assignment-from-request
    profile = Profile.objects.create(**request.POST.dict())
    return JsonResponse({"id": profile.pk}, status=201)


def create_product(request):
    payload = json.loads(request.body)
    # ok: python-mass-assignment-from-request
    product = Product.objects.create(name=payload["name"], price=payload["price"], owner=request.user)
    return JsonResponse({"id": product.pk}, status=201)


@app.route("/echo", methods=["POST"])
def echo():
    # ok: python-mass-assignment-from-request
    return jsonify(dict(**request.get_json()))


@app.route("/users/validate", methods=["POST"])
def validate_user():
    # ok: python-mass-assignment-from-request
    data = UserCreate(**request.get_json())
    return jsonify(data.model_dump())


@app.route("/groups", methods=["POST"])
def create_group():
    item = group_schema.load(request.json)
    group = Group()
    # ok: python-mass-assignment-from-request
    for key, value in item.items():
        setattr(group, key, value)
    db.session.add(group)
    db.session.commit()
    return jsonify({"id": group.id}), 201
