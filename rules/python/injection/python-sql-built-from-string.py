import sqlite3

import psycopg2
from flask import Flask, jsonify, request
from sqlalchemy import text

app = Flask(__name__)


def get_db():
    return sqlite3.connect("app.db")


@app.route("/api/users/<username>")
def get_user(username):
    conn = get_db()
    cursor = conn.cursor()
    # ruleid: python-sql-built-from-string
    cursor.execute(f"SELECT id, username, email FROM users WHERE username = '{username}'")
    row = cursor.fetchone()
    return jsonify(dict(zip(["id", "username", "email"], row))) if row else ("Not found", 404)


@app.route("/api/users/safe/<username>")
def get_user_safe(username):
    conn = get_db()
    cursor = conn.cursor()
    # ok: python-sql-built-from-string
    cursor.execute("SELECT id, username, email FROM users WHERE username = ?", (username,))
    return jsonify(cursor.fetchone())


@app.route("/api/orders")
def list_orders():
    status = request.args.get("status", "pending")
    sort = request.args.get("sort", "created_at")
    conn = psycopg2.connect("dbname=shop")
    with conn.cursor() as cur:
        query = f"""
            SELECT id, total, status
            FROM orders
            WHERE status = '{status}'
            ORDER BY {sort}
        """
        # ruleid: python-sql-built-from-string
        cur.execute(query)
        return jsonify(cur.fetchall())


def search_products(conn, term, limit):
    cur = conn.cursor()
    # ruleid: python-sql-built-from-string
    cur.execute("SELECT * FROM products WHERE name LIKE '%%%s%%' LIMIT %d" % (term, limit))
    return cur.fetchall()


def delete_user(conn, user_id):
    cur = conn.cursor()
    # ruleid: python-sql-built-from-string
    cur.execute("DELETE FROM users WHERE id = " + str(user_id))
    conn.commit()


def update_email(conn, user_id, email):
    cur = conn.cursor()
    # ruleid: python-sql-built-from-string
    cur.execute("UPDATE users SET email = '{}' WHERE id = {}".format(email, user_id))
    conn.commit()


def find_by_filters(conn, filters):
    sql = "SELECT * FROM products WHERE 1=1"
    params = []
    for column, value in filters.items():
        sql += f" AND {column} = '{value}'"
    cur = conn.cursor()
    # ruleid: python-sql-built-from-string
    cur.execute(sql)
    return cur.fetchall()


def find_by_category(conn, category, min_price):
    sql = "SELECT * FROM products WHERE 1=1"
    params = []
    if category:
        sql += " AND category = %s"
        params.append(category)
    if min_price is not None:
        sql += " AND price >= %s"
        params.append(min_price)
    cur = conn.cursor()
    # ok: python-sql-built-from-string
    cur.execute(sql, params)
    return cur.fetchall()


BASE_QUERY = "SELECT id, name, price FROM products"


def get_product(conn, product_id):
    cur = conn.cursor()
    # ok: python-sql-built-from-string
    cur.execute(BASE_QUERY + " WHERE id = %s", (product_id,))
    return cur.fetchone()


def count_rows(conn):
    cur = conn.cursor()
    # ok: python-sql-built-from-string
    cur.execute("SELECT COUNT(*) " + "FROM products")
    return cur.fetchone()[0]


async def get_account(db_session, account_id):
    # ruleid: python-sql-built-from-string
    result = await db_session.execute(
        text(f"SELECT * FROM accounts WHERE id = {account_id}")
    )
    return result.mappings().first()


async def get_account_safe(db_session, account_id):
    # ok: python-sql-built-from-string
    result = await db_session.execute(text("SELECT * FROM accounts WHERE id = :id"), {"id": account_id})
    return result.mappings().first()


def run_report(executor, report_name):
    # ok: python-sql-built-from-string
    return executor.submit(f"report-{report_name}")


class AuditLogBackend:
    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=None):
        with self.connection.cursor() as cur:
            cur.execute(sql, params)

    def drop_partition(self, name):
        # ok: python-sql-built-from-string
        self.execute("DELETE FROM %s" % self.connection.ops.quote_name(name))


def reset_test_database(cur, db_name):
    # ok: python-sql-built-from-string
    cur.execute("DROP DATABASE IF EXISTS %s" % db_name)
    # ok: python-sql-built-from-string
    cur.execute(f"SET search_path TO {db_name}")


def expire_sessions(cur, table, cutoff):
    # ok: python-sql-built-from-string
    cur.execute("DELETE FROM %s WHERE expires < %%s" % table, [cutoff])


def describe_table(cur, ops, table):
    # ok: python-sql-built-from-string
    cur.execute("SELECT * FROM %s LIMIT 1" % ops.quote_name(table))


def find_by_email(cur, email):
    # ruleid: python-sql-built-from-string
    cur.execute("SELECT id FROM users WHERE email = '%s'" % email)


def count_rows(conn, table):
    cur = conn.cursor()
    # a table name cannot be a bound parameter; the rule is about values
    # ok: python-sql-built-from-string
    cur.execute(f"SELECT COUNT(*) FROM {table}")
    return cur.fetchone()[0]


def search_column(conn, column, value):
    sql = f"SELECT * FROM products WHERE {column} = %s ORDER BY id"
    cur = conn.cursor()
    # ok: python-sql-built-from-string
    cur.execute(sql, (value,))
    return cur.fetchall()


def fetch_many(conn, ids):
    placeholders = ", ".join(["%s"] * len(ids))
    cur = conn.cursor()
    # ok: python-sql-built-from-string
    cur.execute("SELECT * FROM items WHERE id IN (%s)" % ", ".join(["%s"] * len(ids)), ids)
    # ok: python-sql-built-from-string
    cur.execute(f"SELECT * FROM items WHERE id IN ({placeholders})", ids)
    return cur.fetchall()


def archive_user(conn, user_id, reason):
    sql = "UPDATE users SET archived = 1"
    sql += ", reason = '" + reason + "'"
    sql += " WHERE id = %s"
    cur = conn.cursor()
    # ruleid: python-sql-built-from-string
    cur.execute(sql, (user_id,))
