from flask import Flask, render_template, render_template_string, request
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

app = Flask(__name__)
env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    # ruleid: python-template-built-from-string
    return render_template_string(f"<h1>Hello {name}!</h1><p>Welcome back.</p>")


@app.route("/hello/safe")
def hello_safe():
    name = request.args.get("name", "world")
    # ok: python-template-built-from-string
    return render_template_string("<h1>Hello {{ name }}!</h1><p>Welcome back.</p>", name=name)


@app.errorhandler(404)
def not_found(error):
    page = """
    <h1>Page not found</h1>
    <p>The page %s does not exist.</p>
    """ % request.path
    # ruleid: python-template-built-from-string
    return render_template_string(page), 404


@app.errorhandler(500)
def server_error(error):
    # ok: python-template-built-from-string
    return render_template("500.html", path=request.path), 500


def render_invoice_email(customer_name: str, total: str) -> str:
    # ruleid: python-template-built-from-string
    template = Template("Dear " + customer_name + ",\nYour invoice total is {{ total }}.")
    return template.render(total=total)


def render_invoice_email_safe(customer_name: str, total: str) -> str:
    # ok: python-template-built-from-string
    template = Template("Dear {{ name }},\nYour invoice total is {{ total }}.")
    return template.render(name=customer_name, total=total)


def render_banner(message: str) -> str:
    # ruleid: python-template-built-from-string
    return env.from_string("<div class='banner'>{}</div>".format(message)).render()


def render_report(rows: list) -> str:
    # ok: python-template-built-from-string
    return env.get_template("report.html").render(rows=rows)
