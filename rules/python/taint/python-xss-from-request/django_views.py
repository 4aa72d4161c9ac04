"""Django function views: the parameters after `request` come from the URL."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Article


def article_title(request, slug):
    article = get_object_or_404(Article, slug=slug)
    # ok: python-xss-from-request
    return HttpResponse(article.title)


def article_by_id(request, article_id):
    article = Article.objects.get(pk=article_id)
    # ok: python-xss-from-request
    return HttpResponse("<h1>%s</h1>" % article.title)


def article_missing(request, slug):
    # ruleid: python-xss-from-request
    return HttpResponse("<p>No article called %s</p>" % slug)


from django.template import loader


def article_page(request, slug):
    template = loader.get_template("articles/detail.html")
    # ok: python-xss-from-request
    return HttpResponse(template.render({"slug": slug}, request))


def article_page_inline(request, slug):
    # ok: python-xss-from-request
    return HttpResponse(loader.render_to_string("articles/detail.html", {"slug": slug}, request))


from django.urls import path
from django.utils.safestring import mark_safe

from .models import Page


# A helper that takes `request` first is not a view when every use of it in the file is a
# call: what its callers pass reaches its sinks through its summary.
def render_page(request, page):
    # ok: python-xss-from-request
    return HttpResponse(mark_safe(page.body))


def page_view(request, slug):
    return render_page(request, Page.objects.get(slug=slug))


def render_note(request, note):
    # ruleid: python-xss-from-request
    return HttpResponse("<p>%s</p>" % note)


def note_view(request):
    return render_note(request, request.GET.get("note", ""))


# Also routed (a reference, not a call): still a view.
def render_banner(request, text):
    # ruleid: python-xss-from-request
    return HttpResponse("<b>%s</b>" % text)


def banner_view(request):
    return render_banner(request, "Welcome")


urlpatterns = [path("banner/<text>", render_banner)]


from django.template import Context, Engine


def directory_index(request, path):
    try:
        t = Engine().from_string("<h1>Index of {{ directory }}</h1>")
    except LookupError:
        t = None
    c = Context({"directory": path})
    # ok: python-xss-from-request
    return HttpResponse(t.render(c))


def folder_title(request, path):
    # ruleid: python-xss-from-request
    return HttpResponse("<h1>Index of %s</h1>" % path)


def directory_listing(request, path):
    # The template comes from the project's loaders or, failing that, from a file shipped
    # with the app: either way a Django template, which autoescapes `path`.
    try:
        t = loader.select_template(["static/directory_index.html"])
    except LookupError:
        with open("directory_index.html", encoding="utf-8") as fh:
            t = Engine().from_string(fh.read())
        c = Context()
    else:
        c = {}
    c.update({"directory": path + "/"})
    # ok: python-xss-from-request
    return HttpResponse(t.render(c))
