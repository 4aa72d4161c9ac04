python
import jinja2
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, PackageLoader, select_autoescape

app = FastAPI()

# ruleid: python-jinja2-autoescape-disabled
env = Environment(loader=FileSystemLoader("templates"))

# ok: python-jinja2-autoescape-disabled
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))

# ok: python-jinja2-autoescape-disabled
sql_env = Environment(loader=FileSystemLoader("sql"), trim_blocks=True)


@app.get("/profile/{username}", response_class=HTMLResponse)
def profile(username: str, bio: str = ""):
    template = env.get_template("profile.html")
    return template.render(username=username, bio=bio)


def build_email_renderer():
    # ruleid: python-jinja2-autoescape-disabled
    return jinja2.Environment(
        loader=jinja2.PackageLoader("myapp", "email_templates"),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def build_email_renderer_safe():
    # ok: python-jinja2-autoescape-disabled
    return jinja2.Environment(
        loader=jinja2.PackageLoader("myapp", "email_templates"),
        autoescape=True,
    )


def render_comment_html(comment: str) -> str:
    # ruleid: python-jinja2-autoescape-disabled
    renderer = Environment(autoescape=False)
    return renderer.from_string("<div class='comment'>{{ comment }}</div>").render(comment=comment)


def render_dockerfile(base_image: str) -> str:
    # ok: python-jinja2-autoescape-disabled
    renderer = Environment(loader=PackageLoader("deploytool", "dockerfiles"), keep_trailing_newline=True)
    return renderer.get_template("Dockerfile.j2").render(base_image=base_image)
