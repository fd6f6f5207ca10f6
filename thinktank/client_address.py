"""The address a request came from, for the audit log and the login throttle.

``REMOTE_ADDR`` unless ``settings.CLIENT_ADDRESS_HEADER`` names a header a trusted proxy in
front sets (overwrites) with the client's address, e.g. ``X-Real-IP``; a value that is not an
IP address is ignored. ``current()`` is the address of the request being served (set by
``thinktank.request_id.RequestIdMiddleware``), so a log line written deep in an action has it.
"""

import ipaddress
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

_current: ContextVar[str] = ContextVar("client_address", default="")


def _valid(value: str) -> str:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""


def address_of(request: HttpRequest) -> str:
    """The client's IP address, or "" when it is unknown."""
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", "")
    if header:
        found = _valid(request.headers.get(header, "").split(",")[-1])
        if found:
            return found
    return _valid(request.META.get("REMOTE_ADDR", ""))


def current() -> str:
    """The address of the request being served, "" outside one."""
    return _current.get()


def set_current(address: str):
    """Make ``address`` current; returns the token to reset it with."""
    return _current.set(address)


def reset(token) -> None:
    _current.reset(token)
