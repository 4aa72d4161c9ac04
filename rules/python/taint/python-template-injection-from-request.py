import jinja2
from django.http import HttpResponse
from django.template import Context, Template
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, render_template_string, request

app = Flask(__name__)
api = FastAPI()
env = jinja2.Environment(autoescape=True)


def render_email(subject_line, customer):
    body = "<p>Dear {{ customer }},</p><p>" + subject_line + "</p>"
    # ruleid: python-template-injection-from-request
    return env.from_string(body).render(customer=customer)


@app.route("/greet")
def greet():
    name = request.args.get("name", "guest")
    template = f"<h1>Welcome, {name}!</h1>"
    # ruleid: python-template-injection-from-request
    return render_template_string(template)


@app.route("/preview", methods=["POST"])
def preview():
    data = request.get_json()
    return render_email(data["subject"], data["customer"])


@api.post("/render", response_class=HTMLResponse)
async def render(snippet: str, title: str = "Preview"):
    # ruleid: python-template-injection-from-request
    tpl = jinja2.Template("<title>" + title + "</title>" + snippet)
    return tpl.render()


def newsletter(request):
    footer = request.POST.get("footer", "")
    # ruleid: python-template-injection-from-request
    t = Template("{% load static %}<footer>%s</footer>" % footer)
    return HttpResponse(t.render(Context({})))


@app.route("/greet/safe")
def greet_safe():
    name = request.args.get("name", "guest")
    # ok: python-template-injection-from-request
    return render_template_string("<h1>Welcome, {{ name }}!</h1>", name=name)


@app.route("/preview/safe", methods=["POST"])
def preview_safe():
    data = request.get_json()
    tpl = env.from_string("<p>Dear {{ customer }},</p><p>{{ subject }}</p>")
    # ok: python-template-injection-from-request
    return tpl.render(customer=data["customer"], subject=data["subject"])


TEMPLATES = {"short": "<b>{{ v }}</b>", "long": "<p>Value: {{ v }}</p>"}


@app.route("/fmt")
def fmt():
    style = request.args.get("style", "short")
    if style not in TEMPLATES:
        style = "short"
    # ENGINE GAP: `if x not in ALLOWED: x = default` (no exit) leaves x tainted on the
    # fall-through path, although the negated guard holds there.
    # todook: python-template-injection-from-request
    return render_template_string(TEMPLATES[style], v=request.args.get("v"))


@app.route("/fmt/strict")
def fmt_strict():
    style = request.args.get("style", "short")
    if style not in TEMPLATES:
        return "unknown style", 400
    # ok: python-template-injection-from-request
    return render_template_string(TEMPLATES[style], v=request.args.get("v"))
