from fastapi import Depends, FastAPI, Query
from flask import Flask, jsonify, request
from sqlalchemy.orm import Session

from .db import get_session
from .models import Article, Item, db

app = Flask(__name__)
api = FastAPI()
MAX_PAGE_SIZE = 100


@app.route("/items")
def list_items():
    offset = request.args.get("offset", 0, type=int)
    # ruleid: python-query-limit-from-request-unbounded
    items = Item.query.order_by(Item.id).offset(offset).limit(request.args.get("limit", 20, type=int)).all()
    return jsonify([item.to_dict() for item in items])


@app.route("/items/safe")
def list_items_safe():
    offset = request.args.get("offset", 0, type=int)
    limit = min(request.args.get("limit", 20, type=int), MAX_PAGE_SIZE)
    # ok: python-query-limit-from-request-unbounded
    items = Item.query.order_by(Item.id).offset(offset).limit(limit).all()
    return jsonify([item.to_dict() for item in items])


@app.route("/articles")
def list_articles():
    per_page = int(request.args.get("per_page", 25))
    page = int(request.args.get("page", 1))
    # ruleid: python-query-limit-from-request-unbounded
    pagination = Article.query.paginate(page=page, per_page=per_page)
    return jsonify({"items": [a.to_dict() for a in pagination.items], "total": pagination.total})


@app.route("/articles/safe")
def list_articles_safe():
    per_page = int(request.args.get("per_page", 25))
    page = int(request.args.get("page", 1))
    # ok: python-query-limit-from-request-unbounded
    pagination = Article.query.paginate(page=page, per_page=per_page, max_per_page=MAX_PAGE_SIZE)
    return jsonify({"items": [a.to_dict() for a in pagination.items], "total": pagination.total})


@api.get("/v2/items")
def list_items_v2(skip: int = 0, limit: int = 100, session: Session = Depends(get_session)):
    # ruleid: python-query-limit-from-request-unbounded
    return session.query(Item).offset(skip).limit(limit).all()


@api.get("/v2/items/safe")
def list_items_v2_safe(skip: int = 0, limit: int = Query(20, ge=1, le=MAX_PAGE_SIZE), session: Session = Depends(get_session)):
    # ok: python-query-limit-from-request-unbounded
    return session.query(Item).offset(skip).limit(limit).all()
