"""A request id per request: in every log line written while serving it, in the response's
``X-Request-ID`` header, and in one closing log line per request (``thinktank.requests``).

The id a load balancer or proxy sent in ``X-Request-ID`` is kept when it looks like one (letters,
digits, ``-``, ``_``, ``.``, ``:``, up to 128 characters), so one id follows a request through
every layer; otherwise a new one is made.
"""

import logging
import re
import time
import uuid

from django.http import HttpRequest, HttpResponse

from thinktank import client_address
from thinktank.logs import request_id

HEADER = "X-Request-ID"
ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,128}")

logger = logging.getLogger("thinktank.requests")


def id_from(sent: str) -> str:
    """``sent`` (the ``X-Request-ID`` of the request), when acceptable, else a new random id."""
    return sent if ACCEPTED.fullmatch(sent) else uuid.uuid4().hex


def id_for(request: HttpRequest) -> str:
    """The id sent with the request, when acceptable, else a new random one."""
    return id_from(request.META.get("HTTP_X_REQUEST_ID", ""))


def log_request(method: str, path: str, status: int, started: float) -> None:
    """The closing line of a request (the current request id is added by the log filter)."""
    logger.info(
        "%s %s %s",
        method,
        path,
        status,
        extra={
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )


class RequestIdMiddleware:
    """Sets the request id (``request.id`` too) and the client's address for the duration of a
    request, and logs the request's method, path, status and duration when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.id = id_for(request)
        token = request_id.set(request.id)
        address_token = client_address.set_current(client_address.address_of(request))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request.id
            log_request(request.method, request.path, response.status_code, started)
            return response
        finally:
            request_id.reset(token)
            client_address.reset(address_token)
