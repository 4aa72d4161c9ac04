python
import re

from django.http import JsonResponse
from flask import Flask, jsonify, request

from .models import Article

app = Flask(__name__)
ARTICLES = ["Intro to Flask", "Async Python", "Regex tips"]


@app.route("/articles/search")
def search_articles():
    # ruleid: python-regex-from-request
    pattern = re.compile(request.args.get("q", ""), re.IGNORECASE)
    return jsonify([title for title in ARTICLES if pattern.search(title)])


@app.route("/articles/search/safe")
def search_articles_safe():
    # ok: python-regex-from-request
    pattern = re.compile(re.escape(request.args.get("q", "")), re.IGNORECASE)
    return jsonify([title for title in ARTICLES if pattern.search(title)])


@app.route("/articles/filter")
def filter_articles():
    prefix = request.args.get("prefix", "")
    # ruleid: python-regex-from-request
    matches = [t for t in ARTICLES if re.match(f"^{prefix}", t)]
    return jsonify(matches)


@app.route("/articles/filter/safe")
def filter_articles_safe():
    prefix = re.escape(request.args.get("prefix", ""))
    # ok: python-regex-from-request
    matches = [t for t in ARTICLES if re.match(f"^{prefix}", t)]
    return jsonify(matches)


def redact_view(request):
    word = request.POST["word"]
    body = request.POST["body"]
    # ruleid: python-regex-from-request
    redacted = re.sub(word, "[redacted]", body)
    return JsonResponse({"body": redacted})


def tags_view(request):
    # ok: python-regex-from-request
    tags = re.findall(r"#(\w+)", request.POST["body"])
    return JsonResponse({"tags": tags})
