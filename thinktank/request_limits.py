"""Bounded input: requests the site will not read, answered before any view runs.

- A body larger than ``settings.REQUEST_BODY_MAX_BYTES`` (by its ``Content-Length``) gets
  ``413`` before a byte of it is read; uploads in the admin are the largest bodies we take.
- A NUL character anywhere in the path or the query string gets ``400``: no address of ours
  has one, and PostgreSQL refuses it in text, so it would otherwise surface as a server error.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

DEFAULT_BODY_MAX_BYTES = 20 * 1024 * 1024
NUL_MARKERS = ("\x00", "%00")


def body_max_bytes() -> int:
    return int(getattr(settings, "REQUEST_BODY_MAX_BYTES", DEFAULT_BODY_MAX_BYTES))


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return -1


def has_nul(request: HttpRequest) -> bool:
    raw = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
    return any(marker in raw for marker in NUL_MARKERS)


class RequestLimitsMiddleware:
    """Refuses over-long bodies (413), malformed lengths and NUL characters (400)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _declared_length(request)
        if length < 0:
            return refuse(_("The request's length is malformed."), 400)
        if length > body_max_bytes():
            return refuse(
                _("The request is too large: at most %(megabytes)d MB can be sent at once.")
                % {"megabytes": body_max_bytes() // (1024 * 1024)},
                413,
            )
        if has_nul(request):
            return refuse(_("The address contains a character that is not allowed."), 400)
        return self.get_response(request)


def refuse(message: str, status: int) -> HttpResponse:
    """A short plain-text answer (no template: nothing of the request is echoed)."""
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
