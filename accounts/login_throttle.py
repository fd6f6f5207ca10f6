"""The login throttle: after too many failed logins for one user name, or from one address,
within ``LOGIN_LOCKOUT_MINUTES``, logins are refused until the failures age out.

Failures are counted from the audit log (``accounts.access`` writes one line per failed login,
with the user name tried and the address), so every app server and worker process sees the same
count, on either database, and the evidence of a lockout is the log itself. A successful login
clears that user name's count; an address's count is cleared only by time (logging in to one's
own account must not reset the guesses made from the same address at others).
"""

import datetime

from django.conf import settings
from django.utils import timezone

from audit.models import LogEntry

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOCKOUT = "login_lockout"
USERNAME_LENGTH = 150


def limits() -> tuple[int, int, int]:
    """Failures allowed per user name, per address, and the window in minutes."""
    return (
        int(getattr(settings, "LOGIN_FAILURE_LIMIT", 5)),
        int(getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", 20)),
        int(getattr(settings, "LOGIN_LOCKOUT_MINUTES", 15)),
    )


def _since(minutes: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=minutes)


def user_failures(username: str) -> int:
    """Failed logins for ``username`` in the window, after its last successful login."""
    _per_user, _per_address, minutes = limits()
    since = _since(minutes)
    last_login = (
        LogEntry.objects.filter(action=LOGIN, subject=username[:USERNAME_LENGTH])
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last_login is not None and last_login > since:
        since = last_login
    return LogEntry.objects.filter(
        action=LOGIN_FAILED, subject=username[:USERNAME_LENGTH], created_at__gt=since
    ).count()


def address_failures(address: str) -> int:
    """Failed logins from ``address`` in the window, for any user name."""
    if not address:
        return 0
    minutes = limits()[2]
    return LogEntry.objects.filter(
        action=LOGIN_FAILED, address=address, created_at__gt=_since(minutes)
    ).count()


def locked_by(username: str, address: str) -> str | None:
    """``"user"`` or ``"address"`` when logins for ``username`` from ``address`` are refused
    now, else None."""
    per_user, per_address, _minutes = limits()
    if username and user_failures(username) >= per_user:
        return "user"
    if address and address_failures(address) >= per_address:
        return "address"
    return None
