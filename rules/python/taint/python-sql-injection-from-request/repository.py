"""Data access helpers used by the routes in views.py."""

import sqlite3


def connect():
    return sqlite3.connect("shop.db")


def find_orders(customer):
    sql = f"SELECT * FROM orders WHERE customer = '{customer}'"
    cur = connect().cursor()
    # ok: python-sql-injection-from-request
    cur.execute(sql)
    return cur.fetchall()


def find_orders_safe(customer):
    cur = connect().cursor()
    # ok: python-sql-injection-from-request
    cur.execute("SELECT * FROM orders WHERE customer = ?", (customer,))
    return cur.fetchall()


def label_for(status):
    return "status: " + status
