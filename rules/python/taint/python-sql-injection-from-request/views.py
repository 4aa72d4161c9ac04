from flask import Flask, jsonify, request

from .repository import find_orders, find_orders_safe, label_for

app = Flask(__name__)


@app.route("/orders")
def orders():
    customer = request.args.get("customer", "")
    # ruleid: python-sql-injection-from-request
    rows = find_orders(customer)
    return jsonify(rows)


@app.route("/orders/safe")
def orders_safe():
    customer = request.args.get("customer", "")
    # ok: python-sql-injection-from-request
    rows = find_orders_safe(customer)
    return jsonify(rows)


@app.route("/orders/count")
def orders_count():
    count = int(request.args.get("n", "0"))
    # ok: python-sql-injection-from-request
    rows = find_orders(count)
    return jsonify(rows[:count])
