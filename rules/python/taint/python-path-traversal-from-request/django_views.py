"""Django function views: the parameters after `request` come from the URL."""

from pathlib import Path

from django.http import FileResponse as DjangoFileResponse
from django.utils._os import safe_join


def media_file(request, name):
    full = Path(safe_join("/srv/media", name))
    # ok: python-path-traversal-from-request
    return DjangoFileResponse(full.open("rb"))


def raw_media_file(request, name):
    full = Path("/srv/media") / name
    # ruleid: python-path-traversal-from-request
    return DjangoFileResponse(full.open("rb"))


