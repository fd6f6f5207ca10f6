"""The admin's login form, refusing logins while the throttle holds (``accounts.login_throttle``)."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import access, login_throttle
from thinktank import client_address

LOCKED = "locked"


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    """Checks the throttle before the password, so a locked account cannot be guessed at."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        LOCKED: _(
            "Too many failed logins for this account or from this address. "
            "Wait %(minutes)s minutes and try again."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address.address_of(self.request) if self.request else ""
        scope = login_throttle.locked_by(username, address)
        if scope is not None:
            access.login_refused(username, address=address, scope=scope)
            raise ValidationError(
                self.error_messages[LOCKED],
                code=LOCKED,
                params={"minutes": login_throttle.limits()[2]},
            )
        return super().clean()
