"""Optional two-factor login: with TWO_FACTOR_REQUIRED_ROLES, a user of those roles sets up an
authenticator app at their first login and gives its code after the password at every login;
nothing of the admin opens before. Off by default."""

import base64
import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp

from audit.models import LogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

TWO_FACTOR = "/admin/two-factor/"


def log_in(username):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": "password", "next": "/admin/"},
    )
    assert response.status_code == 302
    return client


def code_for(secret):
    """The code an authenticator app shows now for the base32 ``secret``."""
    return f"{totp(base64.b32decode(secret)):06d}"


@pytest.fixture
def edith(make_user):
    return make_user("edith", "Editor", password="password")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["Editor", "Administrator"]


def test_off_by_default(edith):
    """Without the setting, the password alone opens the admin."""
    assert log_in("edith").get("/admin/").status_code == 200


def test_first_login_sets_up_the_app_and_later_logins_ask_for_its_code(edith, required):
    """The first login shows the key to add to the app and wants a first code; a wrong code
    is refused with a message and logged; the next login asks for a fresh code."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = log_in("edith")
        blocked = client.get("/admin/articles/article/")
        assert blocked.status_code == 302
        assert blocked["Location"] == TWO_FACTOR + "?next=%2Fadmin%2Farticles%2Farticle%2F"
        page = client.get(blocked["Location"]).content.decode()
        secret = re.search(r'id="two-factor-secret">([A-Z2-7=]+)<', page).group(1)
        assert 'src="data:image/svg+xml;base64,' in page  # the QR code
        wrong = client.post(TWO_FACTOR, {"code": "000000", "next": "/admin/articles/article/"})
        assert wrong.status_code == 200 and "This code is not right" in wrong.content.decode()
        assert client.get("/admin/").status_code == 302
        too_soon = client.post(TWO_FACTOR, {"code": code_for(secret)})
        assert "Too many wrong codes" in too_soon.content.decode()  # a wait after a failure
    with time_machine.travel(start + datetime.timedelta(seconds=3), tick=False):
        right = client.post(
            TWO_FACTOR, {"code": code_for(secret), "next": "/admin/articles/article/"}
        )
        assert right.status_code == 302 and right["Location"] == "/admin/articles/article/"
        assert client.get("/admin/articles/article/").status_code == 200
    later = start + datetime.timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        other = log_in("edith")
        assert other.get("/admin/").status_code == 302
        page = other.get(TWO_FACTOR).content.decode()
        assert "two-factor-secret" not in page  # the key is shown only while setting up
        assert other.post(TWO_FACTOR, {"code": code_for(secret)}).status_code == 302
        assert other.get("/admin/").status_code == 200
    actions = list(
        LogEntry.objects.filter(action__startswith="two_factor")
        .order_by("id")
        .values_list("action", "data__set_up")
    )
    assert actions == [
        ("two_factor_failed", None),
        ("two_factor_passed", True),
        ("two_factor_passed", False),
    ]


def test_roles_not_named_log_in_with_the_password_alone(make_user, required):
    """A translator (not a named role) is not asked for a code."""
    make_user("tuna", "Translator", password="password")
    assert log_in("tuna").get("/admin/").status_code == 200


def test_superusers_count_as_administrators(editor, required):
    """A superuser is asked for a code when Administrators are."""
    assert log_in("editor").get("/admin/").status_code == 302
