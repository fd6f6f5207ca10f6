"""Admin sessions: a new session key at login; the session ends after SESSION_IDLE_MINUTES
without a request and SESSION_COOKIE_AGE after the login however busy the user is; losing the
right to log in ends a running session at once. Every ending is in the audit log."""

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from audit.models import LogEntry
from tests.test_access_audit import user_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

LOGIN = "/admin/login/?next=/admin/"


def log_in(client, username="editor"):
    response = client.post(LOGIN, {"username": username, "password": "password", "next": "/admin/"})
    assert response.status_code == 302, response.content.decode()[:500]


def logged_out(response):
    return response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_defaults_are_thirty_minutes_idle_and_twelve_hours_in_all():
    """Without settings in the environment: 30 minutes idle, 12 hours in all."""
    assert django_settings.SESSION_IDLE_MINUTES == 30
    assert django_settings.SESSION_COOKIE_AGE == 12 * 60 * 60


def test_the_session_key_changes_at_login(client, editor):
    """A session started before the login (as an attacker could plant) is not the one the
    logged-in user gets, and the old key is gone from the store."""
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = planted.session_key
    log_in(client)
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert key != planted.session_key
    assert not SessionStore().exists(planted.session_key)
    assert client.get("/admin/").status_code == 200


def test_an_idle_session_ends_and_is_logged(client, editor):
    """31 minutes without a request: the next one finds the user logged out, the session is
    gone from the store, and the audit log says why."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client)
        key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 31), tick=False):
        assert logged_out(client.get("/admin/"))
    assert not SessionStore().exists(key)
    entry = LogEntry.objects.get(action="session_expired")
    assert (entry.user, entry.subject, entry.data["reason"]) == (editor, "editor", "idle")


def test_a_busy_session_still_ends_twelve_hours_after_login(client, editor):
    """A request every 20 minutes keeps the session alive until twelve hours after the login,
    not a minute longer."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client)
    step, moment = datetime.timedelta(minutes=20), start + datetime.timedelta(minutes=20)
    while moment < start + datetime.timedelta(hours=12):
        with time_machine.travel(moment, tick=False):
            assert client.get("/admin/").status_code == 200, moment - start
        moment += step
    with time_machine.travel(start + datetime.timedelta(hours=12), tick=False):
        assert logged_out(client.get("/admin/"))
    assert LogEntry.objects.get(action="session_expired").data["reason"] == "absolute"


def test_shorter_limits_come_from_settings(client, editor, settings):
    """SESSION_IDLE_MINUTES=5 ends a session after five quiet minutes."""
    settings.SESSION_IDLE_MINUTES = 5
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        assert logged_out(client.get("/admin/"))


def test_removing_the_last_role_ends_a_running_session(client, editor, make_user):
    """A translator logged in elsewhere loses their role: their next request is refused."""
    translator = make_user("tuna", "Translator", password="password")
    elsewhere = Client()
    log_in(elsewhere, "tuna")
    assert elsewhere.get("/admin/").status_code == 200
    client.force_login(editor)
    response = client.post(
        f"/admin/auth/user/{translator.pk}/change/", user_form(translator, groups=[])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert LogEntry.objects.filter(action="role_change", subject="tuna").exists()
    assert logged_out(elsewhere.get("/admin/"))
    assert logged_out(elsewhere.get("/admin/articles/article/"))
