"""Django admin and class-based views."""

from django.http import HttpResponseRedirect

from django.contrib import admin
from django.urls import reverse
from django.views import View

from .models import Article


class ArticleAdmin(admin.ModelAdmin):
    def add_view(self, request, form_url="", extra_context=None):
        article = Article.objects.create(author=request.user, title="Untitled")
        return self.response_add(request, article)

    # Only called by the class itself, with its own arguments.
    def response_add(self, request, obj, post_url_continue=None):
        if post_url_continue is None:
            post_url_continue = reverse("admin:blog_article_change", args=(obj.pk,))
        # ok: python-open-redirect-from-request
        return HttpResponseRedirect(post_url_continue)


class NextRedirectView(View):
    def get(self, request, next_url):
        # ruleid: python-open-redirect-from-request
        return HttpResponseRedirect(next_url)


class HomeRedirectView(NextRedirectView):
    # Django dispatches `get` by name: still a handler although called through super().
    def get(self, request, next_url):
        return super().get(request, "/home/")


class ConfiguredRedirectView(View):
    url = "/articles/%(slug)s/"

    def get_redirect_url(self, *args, **kwargs):
        return self.url % kwargs

    def get(self, request, *args, **kwargs):
        url = self.get_redirect_url(*args, **kwargs)
        # ok: python-open-redirect-from-request
        return HttpResponseRedirect(url)


class ArticleFormView(View):
    def post(self, request):
        form = ArticleForm(request.POST)
        article = form.save()
        opts = article._meta
        # ok: python-open-redirect-from-request
        return HttpResponseRedirect(admin_url_for(opts, "changelist"))

    def put(self, request):
        form = ArticleForm(request.POST)
        article = form.save()
        # ruleid: python-open-redirect-from-request
        return HttpResponseRedirect(admin_url_for(article.source_url, "changelist"))


class QueryPreservingRedirectView(View):
    url = "/articles/"

    def get(self, request):
        url = self.url
        args = request.META.get("QUERY_STRING", "")
        if args:
            url = f"{url}?{args}"
        # ok: python-open-redirect-from-request
        return HttpResponseRedirect(url)

    def post(self, request):
        base = request.POST.get("next", "/")
        args = request.META.get("QUERY_STRING", "")
        # ruleid: python-open-redirect-from-request
        return HttpResponseRedirect(f"{base}?{args}")


class BaseArticleAdmin(admin.ModelAdmin):
    def response_add(self, request, obj, post_url_continue=None):
        url = continue_editing_url(request, obj)
        return HttpResponseRedirect(url)


class DraftAdmin(BaseArticleAdmin):
    def response_add(self, request, obj, post_url_continue=None):
        # "Save" behaves like "Save and continue editing": the request's own form data
        # is copied back into it, which does not make the whole request attacker-chosen.
        if "_addanother" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = 1
        # ok: python-open-redirect-from-request
        return super().response_add(request, obj, post_url_continue)
