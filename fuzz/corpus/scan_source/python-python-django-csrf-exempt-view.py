python
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from .models import Transfer


# ruleid: python-django-csrf-exempt-view
@csrf_exempt
@login_required
def update_email(request):
    data = json.loads(request.body)
    request.user.email = data["email"]
    request.user.save()
    return JsonResponse({"ok": True})


# ok: python-django-csrf-exempt-view
@require_POST
@login_required
def update_email_safe(request):
    data = json.loads(request.body)
    request.user.email = data["email"]
    request.user.save()
    return JsonResponse({"ok": True})


# ruleid: python-django-csrf-exempt-view
@method_decorator(csrf_exempt, name="dispatch")
class TransferView(View):
    def post(self, request):
        data = json.loads(request.body)
        Transfer.objects.create(sender=request.user, to=data["to"], amount=data["amount"])
        return JsonResponse({"ok": True})


# ok: python-django-csrf-exempt-view
@method_decorator(csrf_protect, name="dispatch")
class ProfileView(View):
    def post(self, request):
        return JsonResponse({"ok": True})


def delete_account(request):
    if request.method != "POST":
        return HttpResponseBadRequest()
    request.user.delete()
    return JsonResponse({"ok": True})


urlpatterns = [
    # ruleid: python-django-csrf-exempt-view
    path("account/delete/", csrf_exempt(delete_account)),
    # ok: python-django-csrf-exempt-view
    path("account/email/", update_email_safe),
]
