"""Logins, logouts, failed logins and sessions ended by a timeout in the audit log (with the
address they came from), and the line that records a lockout when the failures reach the
throttle's limit."""

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from accounts import login_throttle
from accounts.login_throttle import LOCKOUT, LOGIN, LOGIN_FAILED, USERNAME_LENGTH
from audit.log import log
from audit.registry import register_actions
from thinktank import client_address

LOGOUT = "logout"
SESSION_EXPIRED = "session_expired"
LOGIN_REFUSED = "login_refused"
TWO_FACTOR_PASSED = "two_factor_passed"
TWO_FACTOR_FAILED = "two_factor_failed"

register_actions(
    [
        (LOGIN, gettext_lazy("Logged in")),
        (LOGOUT, gettext_lazy("Logged out")),
        (LOGIN_FAILED, gettext_lazy("Failed login")),
        (LOCKOUT, gettext_lazy("Login locked")),
        (LOGIN_REFUSED, gettext_lazy("Login refused (locked)")),
        (SESSION_EXPIRED, gettext_lazy("Session expired")),
        (TWO_FACTOR_PASSED, gettext_lazy("Two-factor code accepted")),
        (TWO_FACTOR_FAILED, gettext_lazy("Wrong two-factor code")),
    ]
)

logger = logging.getLogger("thinktank.access")


def _address(request) -> str:
    return client_address.address_of(request) if request is not None else client_address.current()


def logged_in(sender, request, user, **kwargs) -> None:
    log(user, LOGIN, user, subject=user.get_username(), address=_address(request))


def logged_out(sender, request, user, **kwargs) -> None:
    if user is not None and user.pk is not None:
        log(user, LOGOUT, user, subject=user.get_username(), address=_address(request))


def login_refused(username: str, *, address: str, scope: str) -> None:
    """A login attempt refused while the throttle holds (``scope``: ``"user"`` or
    ``"address"``); it does not count as another failure."""
    User = get_user_model()
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    log(None, LOGIN_REFUSED, user, subject=username[:USERNAME_LENGTH], address=address, scope=scope)
    logger.warning(
        "Login refused for %r from %s: locked by %s",
        username,
        address,
        scope,
        extra={"username": username, "scope": scope},
    )


def two_factor_passed(request, user, *, set_up: bool) -> None:
    """The second factor given (``set_up``: the first time, confirming a new device)."""
    log(user, TWO_FACTOR_PASSED, user, subject=user.get_username(), address=_address(request),
        set_up=set_up)  # fmt: skip


def two_factor_failed(request, user) -> None:
    log(user, TWO_FACTOR_FAILED, user, subject=user.get_username(), address=_address(request))
    logger.warning("Wrong two-factor code for %r", user.get_username())


def session_expired(request, user, *, reason: str) -> None:
    """A session ended by a timeout (``reason``: ``"idle"`` or ``"absolute"``)."""
    if user is not None and user.pk is not None:
        log(
            user,
            SESSION_EXPIRED,
            user,
            subject=user.get_username(),
            address=_address(request),
            reason=reason,
        )
        logger.info("Session of %r ended (%s timeout)", user.get_username(), reason)


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """One line per failed login (the user name tried, never the password); a lockout line and
    a warning when this failure reaches a limit."""
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD, "") or "")[:USERNAME_LENGTH]
    address = _address(request)
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    log(None, LOGIN_FAILED, user, subject=username, address=address)
    logger.warning("Failed login for %r from %s", username, address, extra={"username": username})
    per_user, per_address, minutes = login_throttle.limits()
    reached = []
    if username and login_throttle.user_failures(username) == per_user:
        reached.append("user")
    if address and login_throttle.address_failures(address) == per_address:
        reached.append("address")
    for scope in reached:
        log(None, LOCKOUT, user, subject=username, address=address, scope=scope, minutes=minutes)
        logger.warning(
            "Login locked for %s %r after %s failed logins",
            scope,
            username if scope == "user" else address,
            per_user if scope == "user" else per_address,
            extra={"username": username, "scope": scope},
        )
