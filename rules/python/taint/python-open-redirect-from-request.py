from urllib.parse import urlencode, urlparse

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect as django_redirect
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
api = FastAPI()


@app.route("/login", methods=["POST"])
def login():
    user = authenticate(request.form["username"], request.form["password"])
    session["user_id"] = user.id
    next_url = request.args.get("next") or url_for("dashboard")
    # ruleid: python-open-redirect-from-request
    return redirect(next_url)


@app.route("/logout")
def logout():
    session.clear()
    return_to = request.args.get("return_to", "/")
    if not return_to.startswith("/"):
        return_to = "/" + return_to
    # ruleid: python-open-redirect-from-request
    return redirect(return_to)


@api.get("/go")
async def go(target: str):
    # ruleid: python-open-redirect-from-request
    return RedirectResponse(url=target, status_code=302)


def switch_language(request):
    lang = request.POST.get("lang", "en")
    back = request.META.get("HTTP_REFERER", "/")
    request.session["lang"] = lang
    # ruleid: python-open-redirect-from-request
    return HttpResponseRedirect(back)


@app.route("/login/safe", methods=["POST"])
def login_safe():
    target = request.args.get("next", "")
    if urlparse(target).netloc or not target.startswith("/"):
        target = url_for("dashboard")
    # ok: python-open-redirect-from-request
    return redirect(target)


def login_view(request):
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    # ok: python-open-redirect-from-request
    return django_redirect(next_url)


@app.route("/item")
def item():
    item_id = request.args.get("id")
    # ok: python-open-redirect-from-request
    return redirect(url_for("show_item", item_id=item_id))


@app.route("/home")
def home():
    ref = request.args.get("ref")
    session["ref"] = ref
    # ok: python-open-redirect-from-request
    return redirect("/dashboard")


class NextUrlMixin:
    def get_next_url(self):
        candidate = self.request.POST.get("next", self.request.GET.get("next"))
        is_safe = url_has_allowed_host_and_scheme(
            url=candidate, allowed_hosts={self.request.get_host()}, require_https=True
        )
        return candidate if is_safe else "/"


def after_login(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()}):
        target = "/"
    # ok: python-open-redirect-from-request
    return HttpResponseRedirect(target)


def after_logout(request):
    target = request.GET.get("next", "/")
    # ruleid: python-open-redirect-from-request
    return HttpResponseRedirect(target)


def change_list_redirect(request):
    preserved = request.GET.urlencode()
    # ok: python-open-redirect-from-request
    return HttpResponseRedirect("/admin/orders/?" + preserved)


def page_redirect(request):
    # ok: python-open-redirect-from-request
    return django_redirect("/search/?%s" % urlencode({"q": request.GET.get("q", "")}))


class RedirectStep:
    def get(self, target):
        # A method of this class is not what `steps.get(...)` below calls (a dict's).
        # ok: python-open-redirect-from-request
        return HttpResponseRedirect(target)


def lookup_step(request):
    steps = {"home": "/", "cart": "/cart/"}
    choice = request.GET.get("step")
    return JsonResponse({"target": steps.get(choice, "/")})


class CheckoutView:
    def redirect_to(self, target):
        # ruleid: python-open-redirect-from-request
        return HttpResponseRedirect(target)

    def post(self, request):
        return self.redirect_to(request.POST.get("next"))


def set_language(request):
    next_url = request.POST.get("next", request.GET.get("next"))
    if (next_url or not request.accepts("text/html")) and not url_has_allowed_host_and_scheme(
        url=next_url, allowed_hosts={request.get_host()}
    ):
        next_url = request.META.get("HTTP_REFERER")
        if not url_has_allowed_host_and_scheme(url=next_url, allowed_hosts={request.get_host()}):
            next_url = "/"
    # ok: python-open-redirect-from-request
    response = HttpResponseRedirect(next_url) if next_url else HttpResponse(status=204)
    lang_code = request.POST.get("language")
    if next_url and lang_code and check_for_language(lang_code):
        next_trans = translate_url(next_url, lang_code)
        # ok: python-open-redirect-from-request
        response = HttpResponseRedirect(next_trans)
    return response


def go_back(request):
    target = request.GET.get("back", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or "\\" in target:
        return HttpResponseBadRequest()
    # ok: python-open-redirect-from-request
    return HttpResponseRedirect(target)


def go_back_for_staff(request):
    target = request.GET.get("back", "/")
    if request.user.is_staff and not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseBadRequest()
    # ruleid: python-open-redirect-from-request
    return HttpResponseRedirect(target)



@app.route("/superset/explore/")
def explore_legacy():
    # The request's own absolute URL: its host is the one the client asked for.
    # ok: python-open-redirect-from-request
    return redirect(request.url.replace("/superset/explore", "/explore"))


@app.route("/p/")
def by_path():
    # A path alone can be `//evil.example`.
    # ruleid: python-open-redirect-from-request
    return redirect(request.full_path.replace("/p/", "/q/"))
