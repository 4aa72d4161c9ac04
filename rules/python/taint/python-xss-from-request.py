import html

from django.http import HttpResponse
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, jsonify, make_response, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)
api = FastAPI()


def greeting_card(name, message):
    return f"<div class='card'><h2>{name}</h2><p>{message}</p></div>"


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    # ruleid: python-xss-from-request
    return f"<h1>Hello, {name}!</h1>"


@app.route("/search")
def search():
    query = request.args.get("q", "")
    results = lookup(query)
    page = "<p>Results for <b>" + query + "</b></p>"
    page += "".join(f"<li>{r}</li>" for r in results)
    # ruleid: python-xss-from-request
    return page


@app.route("/card", methods=["POST"])
def card():
    form = request.form
    body = greeting_card(form["to"], form["message"])
    # ruleid: python-xss-from-request
    resp = make_response(body, 200)
    resp.headers["Cache-Control"] = "no-store"
    return resp


@api.get("/welcome", response_class=HTMLResponse)
async def welcome(user: str):
    content = f"<html><body>Welcome back, {user}</body></html>"
    # ruleid: python-xss-from-request
    return HTMLResponse(content=content)


def error_view(request):
    reason = request.GET.get("reason", "unknown")
    # ruleid: python-xss-from-request
    return HttpResponse("<p>Error: %s</p>" % reason, status=400)


@app.route("/bio")
def bio():
    bio_text = request.args.get("bio", "")
    # ENGINE GAP: a sink nested inside a sanitizer call is never checked.
    # todoruleid: python-xss-from-request
    return render_template("profile.html", bio=Markup(bio_text))


@app.route("/signature")
def signature():
    sig = request.args.get("sig", "")
    # ruleid: python-xss-from-request
    rendered = Markup(f"<em>{sig}</em>")
    return render_template("profile.html", signature=rendered)


@app.route("/hello/safe")
def hello_safe():
    name = request.args.get("name", "world")
    # ok: python-xss-from-request
    return f"<h1>Hello, {escape(name)}!</h1>"


@app.route("/hello/template")
def hello_template():
    name = request.args.get("name", "world")
    # ok: python-xss-from-request
    return render_template("hello.html", name=name)


@app.route("/api/echo")
def echo():
    msg = request.args.get("msg", "")
    # ok: python-xss-from-request
    return jsonify(message=msg)


@api.get("/count", response_class=HTMLResponse)
async def count(n: str):
    safe = html.escape(n)
    # ok: python-xss-from-request
    return HTMLResponse(f"<span>{safe}</span>")


def text_view(request):
    q = request.GET.get("q", "")
    # ok: python-xss-from-request
    return HttpResponse(f"You searched for {q}", content_type="text/plain")


import json as _json

from flask import Response as FlaskResponse


@app.route("/api/echo")
def echo_json():
    payload = {"q": request.args.get("q")}
    # ok: python-xss-from-request
    return FlaskResponse(_json.dumps(payload), status=200, mimetype="application/json")


@app.route("/preview")
def preview():
    body = request.args.get("body", "")
    # ruleid: python-xss-from-request
    return FlaskResponse("<div>" + body + "</div>", mimetype="text/html")


@app.route("/disabled")
def disabled():
    # ok: python-xss-from-request
    return f"<p>Endpoint {request.url_rule} is disabled on this server</p>"


from django.template import Template as DjangoTemplate
from django.views.decorators.csrf import csrf_protect

from .models import FlatPage


def flatpage(request, url):
    if not url.startswith("/"):
        url = "/" + url
    f = get_object_or_404(FlatPage, url=url)
    return render_flatpage(request, f)


# A plain decorator (not a route) on a helper the file calls with a database row.
@csrf_protect
def render_flatpage(request, f):
    template = DjangoTemplate(f.content)
    # ok: python-xss-from-request
    f.title = mark_safe(f.title)
    return HttpResponse(template.render({"flatpage": f}, request))


# A route that the file also calls directly is still an entry point.
@app.route("/hello/<name>")
def hello(name):
    # ruleid: python-xss-from-request
    return "<h1>Hello %s</h1>" % name


@app.route("/hello")
def hello_default():
    return hello("stranger")


from django.template import Context, Engine


def js_catalog(request):
    domain = request.GET.get("domain", "djangojs")
    template = Engine().from_string("var domain = '{{ domain }}';")
    # ok: python-xss-from-request
    return HttpResponse(template.render(Context({"domain": domain})), 'text/javascript; charset="utf-8"')



@app.route("/chart/data", methods=["POST"])
def chart_data():
    rows = run_query(request.json.get("form_data"))
    response_data = _json.dumps({"result": rows})
    # The type is set on the response before it is returned.
    # ok: python-xss-from-request
    resp = make_response(response_data, 200)
    resp.headers["Content-Type"] = "application/json; charset=utf-8"
    return resp


@app.route("/chart/html", methods=["POST"])
def chart_html():
    title = request.json.get("title")
    # ruleid: python-xss-from-request
    return make_response(f"<h1>{title}</h1>", 200)
