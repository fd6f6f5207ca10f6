"""The admin's login page, answering ``429 Too Many Requests`` while the login throttle
(``accounts.login_throttle``) refuses logins; otherwise exactly Django's admin login."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from accounts.forms import LOCKED


def _refused(response: HttpResponse) -> bool:
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is None or not form.is_bound:
        return False
    return any(error.code == LOCKED for error in form.non_field_errors().as_data())


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """Django's admin login; a refusal by the throttle keeps its page and message, with 429."""
    response = admin.site.login(request, extra_context)
    if _refused(response):
        response.status_code = 429
    return response
