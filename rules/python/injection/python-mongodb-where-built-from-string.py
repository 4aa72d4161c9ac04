from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient("mongodb://localhost:27017")["notes_app"]


@app.route("/notes")
def list_notes():
    username = request.args.get("user", "")
    # ruleid: python-mongodb-where-built-from-string
    notes = db.notes.find({"$where": f"this.owner == '{username}' && this.archived == false"})
    return jsonify([{"title": n["title"]} for n in notes])


@app.route("/notes/safe")
def list_notes_safe():
    username = request.args.get("user", "")
    # ok: python-mongodb-where-built-from-string
    notes = db.notes.find({"owner": username, "archived": False})
    return jsonify([{"title": n["title"]} for n in notes])


@app.route("/notes/popular")
def popular_notes():
    min_views = request.args.get("min_views", "10")
    condition = "this.views > " + min_views
    # ruleid: python-mongodb-where-built-from-string
    notes = db.notes.find({"archived": False, "$where": condition}).limit(20)
    return jsonify([{"title": n["title"], "views": n["views"]} for n in notes])


@app.route("/notes/popular/safe")
def popular_notes_safe():
    min_views = int(request.args.get("min_views", "10"))
    # ok: python-mongodb-where-built-from-string
    notes = db.notes.find({"archived": False, "views": {"$gt": min_views}}).limit(20)
    return jsonify([{"title": n["title"], "views": n["views"]} for n in notes])


def over_budget(project_id: str):
    # ruleid: python-mongodb-where-built-from-string
    return list(db.projects.find({"team": project_id}).where("this.spent > this.budget * %s" % project_id))


def over_budget_expr():
    # ok: python-mongodb-where-built-from-string
    return list(db.projects.find({"$expr": {"$gt": ["$spent", "$budget"]}}))


def stale_projects():
    # ok: python-mongodb-where-built-from-string
    return list(db.projects.find({"$where": "this.updated_at < this.created_at"}))
