"""Login protection: repeated failures lock a user name and an address out for a while, with a
translated message and a log line; logins and failures are in the audit log with the address."""

import datetime
import logging
import re

import pytest
import time_machine
from django.utils import timezone, translation

from audit.models import LogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def locked(response):
    return response.status_code == 429 and "Too many failed logins" in response.content.decode()


def test_brute_force_locks_the_account_and_logs_it(client, editor, caplog):
    """Five wrong passwords, then even the right one is refused; the failures and the lockout
    are in the audit log and in the application log."""
    caplog.set_level(logging.WARNING, logger="thinktank.access")
    for _ in range(5):
        response = attempt(client, "editor", "wrong")
        assert response.status_code == 200 and not locked(response)
    response = attempt(client, "editor", "password")
    assert locked(response)
    assert "_auth_user_id" not in client.session
    failures = LogEntry.objects.filter(action="login_failed", subject="editor")
    assert failures.count() == 5
    assert {entry.address for entry in failures} == {"203.0.113.7"}
    assert all(entry.user is None and entry.object_id == editor.pk for entry in failures)
    lockout = LogEntry.objects.get(action="login_lockout")
    assert (lockout.subject, lockout.address, lockout.data["scope"]) == (
        "editor",
        "203.0.113.7",
        "user",
    )
    messages = [record.getMessage() for record in caplog.records]
    assert "Login locked for user 'editor' after 5 failed logins" in messages
    assert "Login refused for 'editor' from 203.0.113.7: locked by user" in messages


def test_the_lock_ends_when_the_failures_age_out(client, editor):
    """After LOGIN_LOCKOUT_MINUTES the right password works again, and the login is logged."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            attempt(client, "editor", "wrong")
        assert locked(attempt(client, "editor", "password"))
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        response = attempt(client, "editor", "password")
    assert response.status_code == 302
    entry = LogEntry.objects.get(action="login")
    assert (entry.user, entry.address) == (editor, "203.0.113.7")


def test_a_successful_login_clears_the_count_for_the_user(client, editor):
    """Four failures, a success, then four more failures: not locked."""
    for _ in range(4):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "password").status_code == 302
    client.logout()
    for _ in range(4):
        assert not locked(attempt(client, "editor", "wrong"))
    assert attempt(client, "editor", "password").status_code == 302


def test_one_address_guessing_many_names_is_locked_out(client, editor):
    """Twenty failures from one address over many user names lock the address, not the user:
    the editor still logs in from elsewhere."""
    for number in range(20):
        attempt(client, f"guess{number}", "wrong", address="198.51.100.9")
    assert locked(attempt(client, "editor", "password", address="198.51.100.9"))
    assert LogEntry.objects.get(action="login_lockout").data["scope"] == "address"
    assert attempt(client, "editor", "password", address="192.0.2.1").status_code == 302


def test_unknown_and_known_users_get_the_same_answers(client, editor):
    """A wrong password for a real user and any password for a made-up one read the same,
    before and after the lock."""

    def text(response):
        return re.sub(r'value="[^"]+" name="csrfmiddlewaretoken"|name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()).replace("nobody", "editor")  # fmt: skip

    for _ in range(5):
        known, unknown = attempt(client, "editor", "wrong"), attempt(client, "nobody", "wrong")
        assert (known.status_code, text(known)) == (unknown.status_code, text(unknown))
    known, unknown = attempt(client, "editor", "x"), attempt(client, "nobody", "x")
    assert locked(known) and locked(unknown)
    assert text(known) == text(unknown)


def test_the_lockout_message_is_translated(client, editor):
    """A Turkish or Russian editor reads the lockout in their language."""
    for _ in range(5):
        attempt(client, "editor", "wrong")
    for lang in ("tr", "ru"):
        response = attempt(client, "editor", "password", **{"accept-language": lang})
        with translation.override(lang):
            expected = translation.gettext(
                "Too many failed logins for this account or from this address. "
                "Wait %(minutes)s minutes and try again."
            ) % {"minutes": 15}
        assert f'lang="{lang}"' in response.content.decode()
        assert expected in response.content.decode()


def test_the_address_comes_from_the_proxy_header_when_configured(client, editor, settings):
    """Behind a proxy that sets X-Real-IP, the log names the client, not the proxy."""
    settings.CLIENT_ADDRESS_HEADER = "X-Real-IP"
    attempt(client, "editor", "wrong", address="10.0.0.2", **{"x-real-ip": "203.0.113.50"})
    assert LogEntry.objects.get(action="login_failed").address == "203.0.113.50"
    attempt(client, "editor", "wrong", address="10.0.0.2", **{"x-real-ip": "not an address"})
    assert (
        LogEntry.objects.filter(action="login_failed").order_by("id").last().address == "10.0.0.2"
    )


def test_logout_is_logged(client, editor):
    """Logging out leaves a line naming the user and the address."""
    attempt(client, "editor", "password")
    client.post("/admin/logout/", REMOTE_ADDR="203.0.113.7")
    entry = LogEntry.objects.get(action="logout")
    assert (entry.user, entry.address) == (editor, "203.0.113.7")


def test_a_session_lasts_a_working_day(client, editor):
    """The session cookie a login sets ends after twelve hours, not Django's two weeks."""
    response = attempt(client, "editor", "password")
    assert response.cookies["sessionid"]["max-age"] == 12 * 60 * 60


def test_a_refused_login_answers_429_and_is_logged(client, editor, caplog):
    """While locked, each attempt gets 429 Too Many Requests with the login page and its message,
    and an audit line naming the user name, the address and why; it is not another failure."""
    caplog.set_level(logging.WARNING, logger="thinktank.access")
    for _ in range(5):
        attempt(client, "editor", "wrong")
    for password in ("password", "guess"):
        response = attempt(client, "editor", password)
        assert response.status_code == 429
        assert 'name="password"' in response.content.decode()  # the login form, to try later
    refused = LogEntry.objects.filter(action="login_refused").order_by("id")
    assert [(e.subject, e.address, e.data["scope"]) for e in refused] == [
        ("editor", "203.0.113.7", "user"),
        ("editor", "203.0.113.7", "user"),
    ]
    assert LogEntry.objects.filter(action="login_failed").count() == 5
    assert client.get(LOGIN).status_code == 200  # only a refused attempt is 429
