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


import pytest


class TestReports:
    @pytest.fixture(params=["daily", "weekly"])
    def seeded(self, request, table_name):
        conn = get_db()
        # ok: python-sql-injection-from-request
        conn.execute(f"DELETE FROM {table_name} WHERE period = 'daily'")
        return conn


def report_view(request, period):
    conn = get_db()
    # ruleid: python-sql-injection-from-request
    conn.execute(f"SELECT * FROM reports WHERE period = '{period}'")
