import ast
import json
import operator

from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()

OPERATIONS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}


def apply_formula(formula, row):
    # Assistant-written helper: evaluates a user formula against a row of data.
    expr = formula.replace("^", "**")
    # ruleid: python-code-injection-from-request
    return eval(expr, {"__builtins__": {}}, row)


@app.route("/calc")
def calc():
    expression = request.args.get("expr", "1+1")
    # ruleid: python-code-injection-from-request
    result = eval(expression)
    return jsonify(result=result)


@app.route("/report", methods=["POST"])
def report():
    body = request.get_json()
    rows = body.get("rows", [])
    formula = body["formula"]
    totals = [apply_formula(formula, r) for r in rows]
    return jsonify(totals=totals)


@api.post("/plugins/run")
async def run_plugin(code: str):
    namespace = {}
    source = "def handler():\n" + code
    # ruleid: python-code-injection-from-request
    exec(compile(source, "<plugin>", "exec"), namespace)
    return {"result": namespace["handler"]()}


def filter_view(request):
    condition = request.GET.get("where", "True")
    predicate = f"lambda item: {condition}"
    # ruleid: python-code-injection-from-request
    fn = eval(predicate)
    return JsonResponse({"items": [i for i in ITEMS if fn(i)]})


@app.route("/calc/safe")
def calc_safe():
    a = float(request.args.get("a", "0"))
    b = float(request.args.get("b", "0"))
    op = request.args.get("op", "add")
    if op not in OPERATIONS:
        return jsonify(error="unknown op"), 400
    # ok: python-code-injection-from-request
    result = eval(f"{a} + {b}")
    return jsonify(result=OPERATIONS[op](a, b), check=result)


@app.route("/parse")
def parse():
    raw = request.args.get("value", "[]")
    # ok: python-code-injection-from-request
    value = eval(repr(ast.literal_eval(raw)))
    return jsonify(value=value)


@app.route("/config", methods=["POST"])
def config():
    settings = json.loads(request.data)
    # ok: python-code-injection-from-request
    exec("DEFAULTS = {'theme': 'light'}", {})
    return jsonify(settings)


@app.route("/version")
def version():
    build = request.args.get("build")
    # ok: python-code-injection-from-request
    return jsonify(value=eval("1 + 2"), build=build)
