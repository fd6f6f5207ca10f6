"""Optional two-factor login (TOTP, django-otp) for the roles named in
``TWO_FACTOR_REQUIRED_ROLES`` (e.g. ``Editor,Administrator``; superusers count as
Administrators). Off while that list is empty.

A user of such a role who has logged in with their password reaches nothing but the two-factor
page until they give a code from their authenticator app: the first time, that page shows the
secret (and its QR code) to add to the app and confirms it with a first code.
"""

import base64
import io
from collections.abc import Callable

import segno
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import ADMINISTRATOR


def required_roles() -> set[str]:
    return {role for role in getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", []) if role}


def required_for(user) -> bool:
    """Whether ``user`` must give a second factor after their password."""
    roles = required_roles()
    if not roles or not user.is_authenticated:
        return False
    if user.is_superuser and ADMINISTRATOR in roles:
        return True
    return user.groups.filter(name__in=roles).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device (secret) offered to ``user`` until they confirm it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret(device: TOTPDevice) -> str:
    """The device's key as authenticator apps take it when typed (base32)."""
    return base64.b32encode(device.bin_key).decode()


def qr_code(device: TOTPDevice) -> str:
    """A ``data:`` URL of the QR code of the device's ``otpauth://`` address (an SVG)."""
    out = io.BytesIO()
    segno.make(device.config_url).save(out, kind="svg", scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


class TwoFactorMiddleware:
    """Sends a user who must give a second factor, and has not yet, to the two-factor page;
    place it after django-otp's ``OTPMiddleware``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session and required_roles():
            open_paths = (reverse("two-factor"), reverse("admin:logout"), settings.STATIC_URL)
            user = request.user
            if (
                not request.path_info.startswith(open_paths)
                and required_for(user)
                and not user.is_verified()
            ):
                return HttpResponseRedirect(
                    reverse("two-factor") + "?" + urlencode({"next": request.get_full_path()})
                )
        return self.get_response(request)
