"""The admin's login page, answering ``429 Too Many Requests`` while the login throttle
(``accounts.login_throttle``) refuses logins, otherwise exactly Django's admin login; and the
two-factor step after it (``accounts.two_factor``)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from accounts import access, two_factor
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


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse("admin:index")


@never_cache
@login_required(login_url=reverse_lazy("admin:login"))
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """The second step of a login for the roles that need one (``accounts.two_factor``): a
    code from the user's authenticator app; the first time, the secret to add to it."""
    user = request.user
    device = two_factor.confirmed_device(user)
    setting_up = device is None
    if setting_up:
        device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    allowed, _why = device.verify_is_allowed()
    if request.method == "POST" and form.is_valid() and not allowed:
        form.add_error("code", _("Too many wrong codes: wait a few seconds and try again."))
    elif request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            access.two_factor_passed(request, user, set_up=setting_up)
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        access.two_factor_failed(request, user)
        form.add_error(
            "code",
            _("This code is not right. Check your device's clock and try again."),
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor authentication"),
        "form": form,
        "setting_up": setting_up,
        "next": _next_url(request),
    }
    if setting_up:
        context.update(secret=two_factor.secret(device), qr_code=two_factor.qr_code(device))
    return TemplateResponse(request, "admin/two_factor.html", context)
