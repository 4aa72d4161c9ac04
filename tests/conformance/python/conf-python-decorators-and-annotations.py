# ruleid: conf-python-decorators-and-annotations
@login_required
@csrf_exempt
def update(request) -> HttpResponse:
    return HttpResponse("ok")


# ruleid: conf-python-decorators-and-annotations
@csrf_exempt
def webhook(request):
    return HttpResponse("ok")


# ok: conf-python-decorators-and-annotations
@login_required
def profile(request) -> HttpResponse:
    return HttpResponse("ok")
