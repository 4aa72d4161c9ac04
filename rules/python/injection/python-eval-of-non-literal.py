import ast
import json

from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


@app.route("/calculate", methods=["POST"])
def calculate():
    expression = request.json.get("expression", "")
    try:
        # ruleid: python-eval-of-non-literal
        result = eval(expression)
    except Exception as exc:
        return jsonify({"error": str(exc)}), 400
    return jsonify({"result": result})


@app.route("/calculate/safe", methods=["POST"])
def calculate_safe():
    expression = request.json.get("expression", "")
    # ok: python-eval-of-non-literal
    value = ast.literal_eval(expression)
    return jsonify({"result": value})


@app.route("/settings", methods=["POST"])
def update_settings():
    # ruleid: python-eval-of-non-literal
    settings = eval(request.form["settings"], {"__builtins__": {}})
    # ok: python-eval-of-non-literal
    parsed = json.loads(request.form["settings_json"])
    return jsonify({"settings": settings, "parsed": parsed})


@app.route("/agent/run", methods=["POST"])
def run_generated_code():
    task = request.json["task"]
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": f"Write Python code that does: {task}"}],
    )
    code = completion.choices[0].message.content
    namespace = {}
    # ruleid: python-eval-of-non-literal
    exec(code, namespace)
    return jsonify({"result": namespace.get("result")})


def build_filter(field, op, value):
    # ruleid: python-eval-of-non-literal
    return eval(f"lambda row: row['{field}'] {op} {value!r}")


def version_tuple():
    # ok: python-eval-of-non-literal
    return eval("(3, 11)")


def evaluate_model(model, loader):
    # ok: python-eval-of-non-literal
    model.eval()
    return [model(batch) for batch in loader]
