"""Sessions end after ``SESSION_IDLE_MINUTES`` without a request, and at the latest
``SESSION_COOKIE_AGE`` seconds after the login, however busy the user has been.

Django renews a session's expiry whenever the session is saved, so its own age is not an
absolute limit; the login time kept in the session is. A session that ends this way is flushed
(the key is gone from the store, the user is logged out) and leaves an audit line saying why.
Only logged-in sessions are watched: readers have none.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

from accounts import access

STARTED = "_session_started"
LAST_SEEN = "_session_last_seen"
# The last-seen time is written at most this often, not on every request.
TOUCH_SECONDS = 60
IDLE, ABSOLUTE = "idle", "absolute"


def limits() -> tuple[int, int]:
    """Seconds a session may stay idle, and seconds it may last in all."""
    return (
        int(getattr(settings, "SESSION_IDLE_MINUTES", 30)) * 60,
        int(settings.SESSION_COOKIE_AGE),
    )


def started(sender, request, user, **kwargs) -> None:
    """At login (``user_logged_in``): the clock of the new session starts."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[LAST_SEEN] = now


def expiry(session, now: int) -> str | None:
    """``"idle"`` or ``"absolute"`` when the logged-in ``session`` has run out, else None."""
    idle, absolute = limits()
    began, seen = session.get(STARTED), session.get(LAST_SEEN)
    if began is not None and now - began >= absolute:
        return ABSOLUTE
    if seen is not None and now - seen >= idle:
        return IDLE
    return None


class SessionTimeoutMiddleware:
    """Ends logged-in sessions that were idle too long or have lasted too long in all; place it
    after ``AuthenticationMiddleware``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            reason = expiry(session, now)
            if reason is not None:
                access.session_expired(request, request.user, reason=reason)
                session.flush()
                request.user = AnonymousUser()
            else:
                session.setdefault(STARTED, now)  # a session from before this was deployed
                if now - session.get(LAST_SEEN, 0) >= TOUCH_SECONDS:
                    session[LAST_SEEN] = now
        return self.get_response(request)
