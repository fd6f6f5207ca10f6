"""A login with a made-up user name costs the server what one with a real name does: the
password hasher runs either way, so the time taken does not tell which names exist."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from tests.test_login_throttle import attempt

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher (fast, tests only), counting the hashes it computes."""

    computed = 0

    def encode(self, password, salt):
        CountingHasher.computed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting(settings):
    settings.PASSWORD_HASHERS = ["tests.test_login_responses.CountingHasher"]
    CountingHasher.computed = 0
    return CountingHasher


def hashes_for(client, username, password):
    before = CountingHasher.computed
    response = attempt(client, username, password, address=f"192.0.2.{len(username)}")
    return CountingHasher.computed - before, response.status_code


def test_the_hasher_runs_for_unknown_users_as_for_known_ones(client, counting, editor):
    """A wrong password for a real user and any password for an unknown one both compute one
    password hash, and get the same status."""
    editor.set_password("password")
    editor.save()
    known = hashes_for(client, "editor", "wrong")
    unknown = hashes_for(client, "nobody-here", "wrong")
    assert known == unknown == (1, 200)
    assert hashes_for(client, "editor", "password") == (1, 302)
