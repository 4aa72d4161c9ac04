import os

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
# ruleid: python-flask-debug-enabled
app.config["DEBUG"] = True
# ok: python-flask-debug-enabled
app.config["TESTING"] = True


@app.route("/api/todos", methods=["GET"])
def list_todos():
    return jsonify([{"id": 1, "title": "write tests", "done": False}])


@app.route("/api/todos", methods=["POST"])
def create_todo():
    data = request.get_json()
    return jsonify({"id": 2, "title": data["title"], "done": False}), 201


def create_app(config=None):
    application = Flask(__name__)
    # ruleid: python-flask-debug-enabled
    application.debug = True
    application.config.from_mapping(config or {})
    return application


if __name__ == "__main__":
    # ok: python-flask-debug-enabled
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)), debug=os.environ.get("FLASK_DEBUG") == "1")
    # ok: python-flask-debug-enabled
    app.run(debug=False)
    # ruleid: python-flask-debug-enabled
    app.run(host="0.0.0.0", port=5000, debug=True)
