"""Uploads read no further than their limit: an upload handler that stops reading a request once
its files pass a number of bytes, so a 50 MB upload to a 10 MB form is refused after 10 MB, not
read to the end first (Django reads the body while it parses it; a handler is the one place that
can stop it). Requests whose declared length is over the site's limit never get this far
(``thinktank.request_limits``).

The handler must be in place before anything reads the body, and Django's CSRF check reads it:
``reads_uploads_up_to`` exempts a view from the middleware's check, puts the handler on the
request, then runs the view's own CSRF check — the order Django documents for upload handlers.
"""

import functools
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect


class SizeLimit(FileUploadHandler):
    """Counts the bytes of uploaded files; past ``limit`` the rest of the body is not read."""

    def __init__(self, request=None, limit: int = 0):
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

    def sent(self, request: HttpRequest) -> int:
        """The size of the upload cut short, as sent: the declared length when larger than
        what was read."""
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        return max(self.received, declared)

    def refusal(self, request: HttpRequest, check: Callable[[int], None]) -> str:
        """What ``check`` (a size check raising ``ValidationError``) says of the upload cut
        short."""
        try:
            check(self.sent(request))
        except ValidationError as error:
            return " ".join(error.messages)
        return _("The file is too large")


def limit_uploads(request: HttpRequest, limit: int) -> SizeLimit:
    """Put a ``SizeLimit`` of ``limit`` bytes before ``request``'s handlers (before its body
    is read)."""
    handler = SizeLimit(request, limit)
    request.upload_handlers.insert(0, handler)
    return handler


def read_up_to(request: HttpRequest, limit: int) -> SizeLimit:
    """Parse ``request``'s body now (a POST), its files read up to ``limit`` bytes: the handler
    says whether they were cut short (``too_large``). The caller runs the CSRF check after."""
    handler = limit_uploads(request, limit)
    if request.method == "POST":
        request.POST  # noqa: B018 - parsed now, through the handler
    return handler


def reads_uploads_up_to(limit: Callable[[], int]):
    """For a ModelAdmin's view method taking an upload: its request's body is parsed at once,
    reading files up to ``limit()`` bytes; the view finds the handler as
    ``request.upload_limit`` (``too_large`` once cut short). Its CSRF check runs after."""

    def decorate(view):
        protected = method_decorator(csrf_protect)(view)

        @functools.wraps(view)
        def reading(self, request, *args, **kwargs):
            request.upload_limit = read_up_to(request, limit())
            return protected(self, request, *args, **kwargs)

        reading.csrf_exempt = True
        return reading

    return decorate
