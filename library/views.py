"""Serving the media library's files from the app, when no front server or bucket does.

With local storage in production nothing else serves ``MEDIA_URL`` (WhiteNoise serves static
files only), so ``media`` does, safely: only names of the storage, a content type from a fixed
list (never guessed from the bytes), ``nosniff``, a sandboxing CSP, downloads for documents,
and a year's cache for our content-addressed names. With S3 storage, pages link to the bucket
(or its CDN) directly. ``document`` is a document's stable address, whatever the storage.
"""

import posixpath
import re

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from library.files import cache_control
from library.models import Document

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
    "pdf": "application/pdf",
}
SAFE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_./-]*")


def _open(name: str):
    try:
        return default_storage.open(name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation, IsADirectoryError, PermissionError):
        raise Http404 from None
    except OSError:
        raise Http404 from None


def _guarded(response: FileResponse, name: str) -> FileResponse:
    response["Cache-Control"] = cache_control(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def media(request: HttpRequest, name: str) -> FileResponse:
    """A stored file of an allowed type; 404 for anything else."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if (
        not SAFE_NAME.fullmatch(name)
        or posixpath.normpath(name) != name
        or ".." in name.split("/")
        or extension not in CONTENT_TYPES
    ):
        raise Http404
    content_type = CONTENT_TYPES[extension]
    response = FileResponse(
        _open(name), content_type=content_type, as_attachment=extension == "pdf"
    )
    return _guarded(response, name)


@require_safe
def document(request: HttpRequest, pk: int, filename: str) -> FileResponse:
    """A document at its stable address, shown in the browser's PDF viewer."""
    item = get_object_or_404(Document, pk=pk)
    if filename != item.filename():
        raise Http404
    response = FileResponse(
        _open(item.file), content_type="application/pdf", filename=item.filename()
    )
    return _guarded(response, item.file)
