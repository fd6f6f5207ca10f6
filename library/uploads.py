"""An upload handler that stops reading a request once its file passes the size limit, so a
50 MB upload is refused after 10 MB, not read to the end first (Django reads the body while it
parses it; a handler is the one place that can stop it).

``limit_uploads`` puts it on a view's request (the editor's image button, ``library.picker``);
``RefusesLargeUploads`` puts it on a ModelAdmin's add and change forms (the library's images
and documents), which answer ``413`` with the size and the limit in the editor's language."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from library.processing import MAX_BYTES, check_upload_size


class SizeLimit(FileUploadHandler):
    """Counts the bytes of uploaded files; past ``limit`` the rest of the body is not read."""

    def __init__(self, request=None, limit: int = MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data  # the next handlers store it

    def file_complete(self, file_size: int) -> None:
        return None

    def refusal(self, request: HttpRequest, check: Callable[[int], None]) -> str:
        """What ``check`` (a size check raising ``ValidationError``) says of the upload cut
        short: its size as sent (the declared length when larger than what was read)."""
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        try:
            check(max(self.received, declared))
        except ValidationError as error:
            return " ".join(error.messages)
        return _("The file is too large")


def limit_uploads(request, limit: int = MAX_BYTES) -> SizeLimit:
    """Put a ``SizeLimit`` before ``request``'s handlers (before its body is read)."""
    handler = SizeLimit(request, limit)
    request.upload_handlers.insert(0, handler)
    return handler


class RefusesLargeUploads:
    """For a ModelAdmin whose form takes a file: its add and change forms stop reading an
    upload past ``upload_limit`` bytes and answer ``413`` with what ``upload_size_check``
    says, storing nothing.

    The handler must be in place before anything reads the body, and Django's CSRF check reads
    it: so these two views are exempt from the middleware's check, and the admin's own check
    (``changeform_view`` is ``csrf_protect``-ed) runs once the limit is in place — the order
    Django documents for upload handlers. A refusal is answered before that check: it changes
    nothing."""

    upload_limit: int = MAX_BYTES
    upload_size_check: Callable[[int], None] = staticmethod(check_upload_size)

    def _refused(self, request: HttpRequest) -> HttpResponse | None:
        if request.method != "POST":
            return None
        handler = limit_uploads(request, self.upload_limit)
        request.POST  # noqa: B018 — parsed now, through the handler
        if not handler.too_large:
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("The file is too large"),
            "message": handler.refusal(request, self.upload_size_check),
            "back": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/upload_refused.html", context, status=413)

    def add_view(self, request, form_url="", extra_context=None):
        return self._refused(request) or super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._refused(request) or super().change_view(
            request, object_id, form_url, extra_context
        )

    add_view.csrf_exempt = True
    change_view.csrf_exempt = True
