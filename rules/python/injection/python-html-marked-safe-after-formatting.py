from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from flask import Flask, render_template, request
from markupsafe import Markup, escape

from .models import Comment, Order

app = Flask(__name__)


@app.route("/profile/<username>")
def profile(username):
    bio = request.args.get("bio", "")
    # ruleid: python-html-marked-safe-after-formatting
    header = Markup(f"<h2 class='user'>{username}</h2><p>{bio}</p>")
    return render_template("profile.html", header=header)


@app.route("/profile/<username>/safe")
def profile_safe(username):
    bio = request.args.get("bio", "")
    # ok: python-html-marked-safe-after-formatting
    header = Markup("<h2 class='user'>{}</h2><p>{}</p>").format(username, bio)
    return render_template("profile.html", header=header)


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("id", "customer_link", "status_badge")

    def customer_link(self, obj):
        # ruleid: python-html-marked-safe-after-formatting
        return format_html(f'<a href="/admin/customers/{obj.customer_id}/">{obj.customer.name}</a>')

    def customer_link_safe(self, obj):
        # ok: python-html-marked-safe-after-formatting
        return format_html('<a href="/admin/customers/{}/">{}</a>', obj.customer_id, obj.customer.name)

    def status_badge(self, obj):
        html = "<span class='badge badge-" + obj.status + "'>" + obj.get_status_display() + "</span>"
        # ruleid: python-html-marked-safe-after-formatting
        return mark_safe(html)


def render_comment(comment: Comment) -> str:
    # ruleid: python-html-marked-safe-after-formatting
    return mark_safe("<p class='comment'>%s</p>" % comment.body)


def render_comment_safe(comment: Comment) -> str:
    # ok: python-html-marked-safe-after-formatting
    return Markup("<p class='comment'>%s</p>") % comment.body


def separator() -> str:
    # ok: python-html-marked-safe-after-formatting
    return mark_safe("<hr class='divider'>")


def render_tags(tags: list[str]) -> str:
    # ok: python-html-marked-safe-after-formatting
    return Markup("".join(f"<li>{escape(tag)}</li>" for tag in tags))


def row_attrs(classes):
    # an attribute fragment from the code's own class names, not markup
    # ok: python-html-marked-safe-after-formatting
    return mark_safe(' class="%s"' % " ".join(classes))


def join_escaped(lead, middle, trail):
    # ok: python-html-marked-safe-after-formatting
    return mark_safe(f"{lead}{middle}{trail}")


def order_link(order: Order) -> str:
    # ok: python-html-marked-safe-after-formatting
    return Markup(f'<a href="/orders/{order.id}/">#{order.pk}</a> <time>{order.created_at}</time>')


def order_link_with_note(order: Order) -> str:
    # the note is free text typed by a customer
    # ruleid: python-html-marked-safe-after-formatting
    return Markup(f'<a href="/orders/{order.id}/">{order.note}</a>')


def customer_badge(order: Order) -> str:
    name = escape(order.customer.name)
    url = escape(order.customer.profile_url)
    anchor = f'<a target="_blank" href="{url}">{name}</a>'
    # ok: python-html-marked-safe-after-formatting
    return Markup(anchor)


def customer_badge_unescaped(order: Order) -> str:
    name = escape(order.customer.name)
    url = order.customer.profile_url
    anchor = f'<a target="_blank" href="{url}">{name}</a>'
    # ruleid: python-html-marked-safe-after-formatting
    return Markup(anchor)


def select_all_checkbox() -> str:
    from django.utils.translation import gettext as _

    label = _("Select all objects on this page")
    # ok: python-html-marked-safe-after-formatting
    return mark_safe(f'<input type="checkbox" aria-label="{label}">')


def select_checkbox(label) -> str:
    if not label:
        label = _("Select")
    # a caller's label may be anything
    # ruleid: python-html-marked-safe-after-formatting
    return mark_safe(f'<input type="checkbox" aria-label="{label}">')


def comment_count(comments) -> str:
    # ok: python-html-marked-safe-after-formatting
    return mark_safe("<b>%d</b> comments, <i>%s</i>" % (len(comments), escape(comments[0].author)))
