"""Cache hits answered before Django (``thinktank.pagehits``): through the WSGI application
gunicorn runs, a reader's second visit gets exactly the page the full stack sent the first
time — same status, headers and bytes, in every encoding, 304s included — without Django, a
query or a signal; and nobody gets a cached page who should not.
"""

import datetime
import gzip
import io
import json
import logging
import os
import time

import brotli
import pytest
import redis
import time_machine
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.editorial import preview
from articles.editorial import transitions as workflow
from articles.editorial.publishing import refresh_pending_changes
from tests.public_fixtures import make_live_article
from tests.test_page_cache import (
    PAGE_CACHE_REDIS_URL,
    edit,
    redis_cache,  # noqa: F401 - the fixture
)
from thinktank import pagestore
from thinktank.logs import JsonFormatter, RequestIdFilter
from thinktank.request_limits import body_max_bytes
from thinktank.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

PER_RESPONSE = {"x-request-id", "x-page-cache"}


class Answer:
    def __init__(self, status: str, headers: list, body: bytes, django: bool):
        self.status, self.headers, self.body, self.django = status, headers, body, django
        self.code = int(status.split()[0])

    def __getitem__(self, name):
        return next(value for key, value in self.headers if key.lower() == name.lower())

    def get(self, name, default=None):
        return next((value for key, value in self.headers if key.lower() == name.lower()), default)

    def page_headers(self) -> list:
        """The headers that describe the page (not this one response)."""
        return [(key, value) for key, value in self.headers if key.lower() not in PER_RESPONSE]


class Reader:
    """A browser talking to the WSGI application gunicorn runs (``thinktank.wsgi``)."""

    def __init__(self, **headers):
        self.headers = headers

    def request(self, path: str, method: str = "GET", **headers) -> Answer:
        environ = RequestFactory().generic(method, path, headers={**self.headers, **headers}).META
        started = []

        def count(**kwargs):
            started.append(1)

        answer = {}

        def start_response(status, response_headers, exc_info=None):
            answer["status"], answer["headers"] = status, list(response_headers)

        # As Django's test client does: the test's transaction must not be closed.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        request_started.connect(count)
        try:
            result = application(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        finally:
            request_started.disconnect(count)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Answer(answer["status"], answer["headers"], body, bool(started))

    def get(self, path: str, **headers) -> Answer:
        return self.request(path, **headers)


@pytest.fixture
def reader():
    return Reader()


@pytest.fixture(params=["memory", "redis"])
def backend(request):
    """Each process's memory with tags in files (no ``REDIS_URL``), or one Redis shared by every
    app server — where a process trusts its copies between Redis's invalidation messages."""
    if request.param == "redis":
        return request.getfixturevalue("trusting_redis")
    return None


@pytest.fixture
def trusting_redis(request, settings):
    """Redis, with copies trusted for minutes without Redis answering: only its messages (or a
    broken connection) can make a hit ask again, however slow the machine running the test."""
    cache = request.getfixturevalue("redis_cache")
    settings.PAGE_CACHE_TRUST_SECONDS = 600
    return cache


def kept(reader, url, **headers):
    """Read ``url`` twice; return the miss that built it and the hit that followed."""
    miss = reader.get(url, **headers)
    assert miss.code == 200 and miss.django and miss["X-Page-Cache"] == "miss", url
    hit = reader.get(url, **headers)
    assert hit["X-Page-Cache"] == "hit" and not hit.django, url
    return miss, hit


# A hit is the page the full stack sent ------------------------------------------------------


@pytest.mark.parametrize("accepted", ["", "gzip", "br, gzip"])
@pytest.mark.parametrize("kind", ["article", "home", "list", "person"])
def test_a_hit_is_byte_for_byte_the_page_the_full_stack_sent(reader, site, kind, accepted):
    headers = {"accept-encoding": accepted} if accepted else {}
    miss, hit = kept(reader, site.urls("en")[kind], **headers)
    assert hit.status == miss.status
    assert hit.page_headers() == miss.page_headers()
    assert hit.body == miss.body
    # and it is the page Django builds, with every header the stack adds to it
    names = {key.lower() for key, _value in hit.headers}
    assert {"content-security-policy", "permissions-policy", "x-content-type-options",
            "referrer-policy", "x-frame-options", "cache-control", "surrogate-key",
            "content-length", "vary", "x-request-id"} <= names  # fmt: skip
    assert "Accept-Encoding" in hit["Vary"]
    assert int(hit["Content-Length"]) == len(hit.body)
    plain = {"": bytes, "gzip": gzip.decompress, "br, gzip": brotli.decompress}[accepted]
    assert site.main.title_en.encode() in plain(hit.body) or kind != "article"
    if accepted:
        assert hit["Content-Encoding"] == accepted.split(",")[0]


def test_a_hit_runs_no_query_and_no_django(reader, site, django_assert_num_queries):
    url = site.urls("en")["article"]
    kept(reader, url)
    with django_assert_num_queries(0):
        hit = reader.get(url)
    assert hit.code == 200 and not hit.django


def test_head_gets_the_headers_without_the_body(reader, site):
    url = site.urls("en")["article"]
    miss, _hit = kept(reader, url)
    head = reader.request(url, method="HEAD")
    assert head["X-Page-Cache"] == "hit" and not head.django and head.body == b""
    assert head.page_headers() == miss.page_headers()


def test_the_request_log_line_and_id_of_a_hit(reader, site):
    url = site.urls("en")["article"]
    kept(reader, url)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("thinktank")
    logger.addHandler(handler)
    try:
        hit = reader.get(url, **{"x-request-id": "lb-42"})
        fresh = reader.get(url)
    finally:
        logger.removeHandler(handler)
    assert hit["X-Request-ID"] == "lb-42" and len(fresh["X-Request-ID"]) == 32
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    first, second = [line for line in lines if line["logger"] == "thinktank.requests"]
    assert (first["method"], first["path"], first["status"]) == ("GET", url, 200)
    assert first["request_id"] == "lb-42" and second["request_id"] == fresh["X-Request-ID"]
    assert first["message"] == f"GET {url} 200" and isinstance(first["duration_ms"], float)


# Conditional requests -----------------------------------------------------------------------


@pytest.mark.parametrize("accepted", ["", "gzip"])
def test_revalidation_gets_a_304_from_the_hit_path(reader, site, accepted):
    headers = {"accept-encoding": accepted} if accepted else {}
    url = site.urls("en")["article"]
    _miss, hit = kept(reader, url, **headers)
    etag, last_modified = hit["ETag"], hit["Last-Modified"]
    assert etag.startswith("W/") == bool(accepted)  # a compressed body has a weak validator
    for condition in ({"if-none-match": etag}, {"if-modified-since": last_modified}):
        answer = reader.get(url, **headers, **condition)
        assert answer.code == 304 and answer.body == b"" and not answer.django
        assert answer["ETag"] == etag and answer["Last-Modified"] == last_modified
        assert answer.get("Content-Type") is None and answer.get("Content-Length") is None
        assert "Content-Security-Policy" in dict(answer.headers)
    assert reader.get(url, **headers, **{"if-none-match": '"other"'}).code == 200


def test_a_precondition_is_left_to_django(reader, site):
    url = site.urls("en")["article"]
    kept(reader, url)
    answer = reader.get(url, **{"if-match": '"other"'})
    assert answer.django and answer.code == 412


# Who never gets a cached page ---------------------------------------------------------------


def test_a_logged_in_editor_never_gets_the_cached_page(reader, site, editor, client):
    url = site.urls("en")["article"]
    kept(reader, url)
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    answer = reader.get(url, cookie=f"theme=dark; sessionid={session}")
    assert answer.django and answer.get("X-Page-Cache") is None
    assert answer["Cache-Control"] == "private, no-cache" and answer.get("Surrogate-Key") is None
    # an anonymous reader with other cookies still gets the cached page
    assert reader.get(url, cookie="theme=dark; csrftoken=abc")["X-Page-Cache"] == "hit"


def test_previews_and_the_admin_never_come_from_the_cache(reader, site, editor):
    shared_link = reverse("preview:shared", args=[preview.make_token(site.draft, "en")])
    for url in (shared_link, reverse("admin:index"), reverse("admin:login")):
        for _ in range(2):
            answer = reader.get(url)
            assert answer.django and answer.get("X-Page-Cache") is None, url
            assert "s-maxage" not in answer.get("Cache-Control", ""), url


def test_a_request_with_a_body_or_over_plain_http_is_left_to_django(reader, site, settings):
    url = site.urls("en")["article"]
    kept(reader, url)
    answer = reader.get(url, **{"content-length": str(body_max_bytes() + 1)})
    assert answer.django and answer.code == 413
    # Django redirects plain HTTP to HTTPS (test_security_headers.py): not answered here
    settings.SECURE_SSL_REDIRECT = True
    answer = reader.get(url)
    assert answer.django and answer.get("X-Page-Cache") is None


def test_a_response_setting_a_cookie_is_never_kept(rf):
    """A page that sets a cookie (a CSRF token, a session) is someone's: never kept."""
    request = rf.get("/en/")
    response = pagestore.HttpResponse(b"<p>x</p>", content_type="text/html")
    response.cache_tags, response.cache_seconds = ["all"], 60
    assert pagestore.storable(request.META, response)
    response.set_cookie("csrftoken", "secret")
    assert not pagestore.storable(request.META, response)


# Exact invalidation and time, through the hit path ----------------------------------------------


def test_a_published_change_reaches_the_next_hit(backend, reader, site, editor):
    url = site.urls("en")["article"]
    kept(reader, url)
    site.main.refresh_from_db()
    site.main.title_en = "A revised headline"
    site.main.save()
    refresh_pending_changes(site.main)
    assert reader.get(url)["X-Page-Cache"] == "hit", "a save is not published"
    workflow.publish_changes(site.main, by=editor)
    answer = reader.get(url)
    assert answer.django and b"A revised headline" in answer.body
    assert reader.get(url)["X-Page-Cache"] == "hit"


def test_an_emptied_cache_is_not_answered_from_a_process_copy(backend, reader, site):
    url = site.urls("en")["article"]
    kept(reader, url)
    for cache in caches.all():
        cache.clear()
    assert reader.get(url).django


def test_a_scheduled_article_appears_on_time_through_the_hit_path(backend, reader, site, editor):
    at = timezone.now() + datetime.timedelta(hours=1)
    make_live_article(editor, site.analysis, [site.author], titles={"en": "Due at the hour"}, at=at)
    home = site.urls("en")["home"]
    _miss, hit = kept(reader, home)
    assert b"Due at the hour" not in hit.body
    with time_machine.travel(at + datetime.timedelta(seconds=1)):
        answer = reader.get(home)
    assert answer.django and b"Due at the hour" in answer.body


# Copies trusted between Redis's invalidation messages (``thinktank.tracking``) -------------------


def redis_commands(action) -> list[str]:
    """The commands this test's Redis database receives while ``action()`` runs (names, from
    ``MONITOR``; a new connection's handshake left out)."""
    client = caches["default"]._cache.get_client(None)
    database = int(client.connection_pool.connection_kwargs.get("db", 0))
    commands = []
    with client.monitor() as monitor:
        action()
        client.ping()  # marks the end of the action's commands
        for command in monitor.listen():
            if int(command["db"]) != database:  # other users of the same server
                continue
            if "PING" in command["command"]:
                break
            commands.append(command["command"].split()[0])
    return [name for name in commands if name not in ("HELLO", "SELECT", "CLIENT", "AUTH")]


def another_server():
    """A connection of another app server to the same Redis."""
    return redis.Redis.from_url(PAGE_CACHE_REDIS_URL)


def full_key(key: str) -> str:
    return caches["default"].make_key(key)


def hits(reader, url, count=3) -> list[Answer]:
    return [reader.get(url) for _ in range(count)]


@pytest.mark.usefixtures("trusting_redis")
def test_a_warm_hit_asks_redis_nothing(reader, site):
    """The first hit checks the copy once, on the tracking connection; later hits trust it."""
    url = site.urls("en")["article"]
    assert reader.get(url)["X-Page-Cache"] == "miss"
    assert redis_commands(lambda: hits(reader, url, 1)) == ["MGET"]
    answers = []
    assert redis_commands(lambda: answers.extend(hits(reader, url, 5))) == []
    assert all(answer["X-Page-Cache"] == "hit" and not answer.django for answer in answers)


@pytest.mark.usefixtures("trusting_redis")
def test_a_change_made_on_another_server_reaches_the_next_hit(reader, site, editor):
    url = site.urls("en")["article"]
    kept(reader, url)
    hits(reader, url)
    # another app server bumps the article's generation (its invalidate())
    another_server().incr(full_key(pagestore.tag_key(f"article:{site.main.pk}")))
    assert reader.get(url).django
    assert reader.get(url)["X-Page-Cache"] == "hit"
    # and a published change, through Redis like any other server's
    edit(site.main, title_en="A headline seen everywhere")
    workflow.publish_changes(site.main, by=editor)
    answer = reader.get(url)
    assert answer.django and b"A headline seen everywhere" in answer.body


@pytest.mark.usefixtures("trusting_redis")
def test_a_person_renamed_reaches_every_trusted_copy_crediting_them(reader, site):
    urls = [site.urls("en")["article"], site.urls("en")["person"]]
    for url in urls:
        kept(reader, url)
        hits(reader, url)
    site.author.family_name = "Renamed-Everywhere"
    site.author.save()
    for url in urls:
        answer = reader.get(url)
        assert answer.django and b"Renamed-Everywhere" in answer.body, url


@pytest.mark.usefixtures("trusting_redis")
def test_a_page_kept_again_by_another_server_replaces_the_trusted_copy(reader, site):
    url = site.urls("en")["article"]
    kept(reader, url)
    hits(reader, url)
    stamp = full_key(f"{pagestore.page_key(RequestFactory().get(url).META)}:stamp")
    another_server().set(stamp, 12345)  # its own entry, under a stamp of its own
    assert reader.get(url).django


def tracking_connection(client) -> dict:
    name = f"thinktank-tracking-{os.getpid()}"
    return next(found for found in client.client_list() if found["name"] == name)


@pytest.mark.usefixtures("trusting_redis")
def test_no_copy_is_trusted_after_the_tracking_connection_dropped(reader, site):
    """Redis closed the connection (a restart, a timeout, a kill): the messages sent meanwhile
    were lost, so every copy is checked again — including those checked on a new connection
    made for another page first."""
    article, home = site.urls("en")["article"], site.urls("en")["home"]
    for url in (article, home):
        kept(reader, url)
        hits(reader, url)
    other = another_server()
    other.client_kill_filter(_id=tracking_connection(other)["id"])
    other.incr(full_key(pagestore.tag_key(f"article:{site.main.pk}")))  # no one is told
    assert reader.get(home)["X-Page-Cache"] == "hit"  # checked on a new connection
    assert reader.get(article).django
    # the page kept again is checked once, then trusted on the new connection
    assert redis_commands(lambda: hits(reader, article)) == ["MGET"]


@pytest.mark.usefixtures("trusting_redis")
def test_without_redis_hits_are_built_by_django_and_never_stale(reader, site, settings):
    url = site.urls("en")["article"]
    kept(reader, url)
    hits(reader, url)
    other = another_server()
    other.client_kill_filter(_id=tracking_connection(other)["id"])
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    answer = reader.get(url)
    assert answer.django and answer.code == 200 and answer.get("X-Page-Cache") is None


@pytest.mark.usefixtures("trusting_redis")
def test_with_no_trust_time_every_hit_asks_redis_once(reader, site, settings):
    """``PAGE_CACHE_TRUST_SECONDS`` bounds how long a copy is trusted without Redis answering
    on the connection (a connection cut silently sends neither messages nor errors)."""
    settings.PAGE_CACHE_TRUST_SECONDS = 0
    url = site.urls("en")["article"]
    kept(reader, url)
    assert redis_commands(lambda: hits(reader, url, 3)) == ["MGET"] * 3


@pytest.mark.usefixtures("trusting_redis")
def test_a_copy_is_asked_again_once_redis_was_silent_for_the_trust_time(reader, site, settings):
    """A connection cut without an error brings no message: after ``PAGE_CACHE_TRUST_SECONDS``
    without an answer from Redis, the next hit asks it (and trusts the copy again)."""
    settings.PAGE_CACHE_TRUST_SECONDS = 1
    url = site.urls("en")["article"]
    kept(reader, url)
    assert redis_commands(lambda: hits(reader, url)) == []
    time.sleep(1.1)
    assert redis_commands(lambda: hits(reader, url)) == ["MGET"]
