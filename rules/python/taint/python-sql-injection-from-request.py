import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("app.db")


def find_user(cursor, name):
    query = "SELECT id, email FROM users WHERE name = '%s'" % name
    # ruleid: python-sql-injection-from-request
    cursor.execute(query)
    return cursor.fetchone()


def build_filter(column, value):
    return f"{column} = '{value}'"


@app.route("/users")
def users():
    name = request.args.get("name", "")
    cur = get_db().cursor()
    return jsonify(find_user(cur, name))


@app.route("/search")
def search():
    term = request.args.get("q")
    where = build_filter("title", term)
    sql = "SELECT * FROM posts WHERE " + where
    cur = get_db().cursor()
    # ruleid: python-sql-injection-from-request
    cur.execute(sql)
    return jsonify(cur.fetchall())


@app.route("/items/<item_id>")
def item(item_id):
    cur = get_db().cursor()
    # ruleid: python-sql-injection-from-request
    cur.execute(f"SELECT * FROM items WHERE id = {item_id}")
    return jsonify(cur.fetchone())


@app.route("/items/safe/<item_id>")
def item_safe(item_id):
    cur = get_db().cursor()
    # ok: python-sql-injection-from-request
    cur.execute("SELECT * FROM items WHERE id = ?", (item_id,))
    return jsonify(cur.fetchone())


@app.route("/page")
def page():
    limit = int(request.args.get("limit", "10"))
    cur = get_db().cursor()
    # ok: python-sql-injection-from-request
    cur.execute(f"SELECT * FROM posts LIMIT {limit}")
    return jsonify(cur.fetchall())


SORTABLE = {"name", "created"}


@app.route("/sorted")
def sorted_posts():
    order = request.args.get("order", "name")
    if order not in SORTABLE:
        return jsonify(error="bad order"), 400
    cur = get_db().cursor()
    # ok: python-sql-injection-from-request
    cur.execute(f"SELECT * FROM posts ORDER BY {order}")
    return jsonify(cur.fetchall())


@app.route("/reassigned")
def reassigned():
    q = request.args.get("q")
    q = "constant"
    cur = get_db().cursor()
    # ok: python-sql-injection-from-request
    cur.execute("SELECT * FROM t WHERE a = '" + q + "'")
    return "ok"


@app.route("/branch")
def branch():
    q = request.args.get("q")
    if request.args.get("strict"):
        q = int(q)
    cur = get_db().cursor()
    # ruleid: python-sql-injection-from-request
    cur.execute("SELECT * FROM t WHERE a = %s" % q)
    return "ok"


from typing import Annotated, Optional

from fastapi import APIRouter, Depends
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

router = APIRouter()


def get_session():
    ...


def get_current_user():
    ...


@router.get("/notes/search")
async def search_notes(q: str, user=Depends(get_current_user), db: Session = Depends(get_session)):
    # ruleid: python-sql-injection-from-request
    rows = db.execute(text(f"SELECT * FROM notes WHERE owner = '{user.id}' AND title LIKE '%{q}%'"))
    return rows.all()


@router.get("/notes/{note_id}")
async def get_note(
    note_id: int,
    user: Annotated[dict, Depends(get_current_user)],
    limit: int = 20,
    db: Session = Depends(get_session),
):
    # ok: python-sql-injection-from-request
    rows = db.execute(text(f"SELECT * FROM notes WHERE id = {note_id} AND owner = '{user['id']}' LIMIT {limit}"))
    return rows.all()


@router.get("/notes/by-title/{title}")
async def notes_by_title(title: str, db: Session = Depends(get_session)):
    stmt = select(Note).where(Note.title == title).order_by(Note.created_at.desc())
    # ok: python-sql-injection-from-request
    result = db.execute(stmt)
    # ok: python-sql-injection-from-request
    db.execute(delete(Note).filter_by(title=title, archived=True))
    # ruleid: python-sql-injection-from-request
    db.execute(select(Note).where(text(f"title = '{title}'")))
    return result.scalars().all()


@router.get("/notes/page")
async def notes_page(page: Optional[int], owner: str | None = None, db: Session = Depends(get_session)):
    offset = (page or 0) * 20
    # ok: python-sql-injection-from-request
    db.execute(text(f"SELECT * FROM notes ORDER BY id LIMIT 20 OFFSET {offset}"))
    # ruleid: python-sql-injection-from-request
    return db.execute(text(f"SELECT * FROM notes WHERE owner = '{owner}'")).all()
