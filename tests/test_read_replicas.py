"""Read replicas: anonymous readers' pages read a replica; everything else reads the primary.

The rules are checked here without a replica (router and middleware as units, and the settings
made from the environment). ``tests/test_streaming_replica.py`` proves them against a real
PostgreSQL streaming replica that the test run makes.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from thinktank import replicas, routers
from thinktank.environment import ConfigurationError, replica_databases
from thinktank.replicas import PIN_COOKIE, ReplicaReadsMiddleware
from thinktank.routers import PrimaryReplicaRouter, current_read_alias, reading_from

PROJECT = Path(__file__).resolve().parents[1]


# The settings made from DATABASE_REPLICA_URLS


def test_replica_urls_become_test_mirrors_of_the_primary():
    """Each URL of DATABASE_REPLICA_URLS is a database ``replica_<n>`` that tests mirror from
    ``default``, so a test run creates no database for it."""
    databases = replica_databases(
        ["postgres://reader@replica-1:5432/thinktank", "postgres://reader@replica-2/thinktank"],
        base_dir="/srv",
    )
    assert list(databases) == ["replica_1", "replica_2"]
    assert databases["replica_1"]["HOST"] == "replica-1"
    assert databases["replica_2"]["USER"] == "reader"
    assert all(db["TEST"] == {"MIRROR": DEFAULT_DB_ALIAS} for db in databases.values())


def test_a_bad_replica_url_names_the_variable():
    """A malformed replica URL is a configuration error that names DATABASE_REPLICA_URLS."""
    with pytest.raises(ConfigurationError, match="DATABASE_REPLICA_URLS"):
        replica_databases(["mysql://replica/x"], base_dir="/")


def manage_check(**env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env={**environment, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_bad_replica_settings_stop_start_up_with_one_line():
    """A wrong replica URL or pin time stops manage.py with one line naming the variable."""
    result = manage_check(DATABASE_REPLICA_URLS="redis://cache/0")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DATABASE_REPLICA_URLS scheme 'redis' is not supported: "
        "use sqlite:/// or postgres://."
    ]
    result = manage_check(DATABASE_REPLICA_PIN_SECONDS="soon")
    assert result.returncode != 0
    assert "DATABASE_REPLICA_PIN_SECONDS" in result.stderr


# The router


def test_router_writes_and_migrates_only_the_primary():
    """Writes go to the primary and only the primary is migrated, whatever the request chose."""
    router = PrimaryReplicaRouter()
    with reading_from("replica_1"):
        assert router.db_for_write(None) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "articles") is True
    assert router.allow_migrate("replica_1", "articles") is False


def test_router_reads_the_primary_unless_a_replica_was_chosen():
    """Outside a request that chose a replica (commands, jobs, tests) reads go to the primary;
    inside, to the chosen replica, and back to the primary when it ends."""
    router = PrimaryReplicaRouter()
    assert router.db_for_read(None) == DEFAULT_DB_ALIAS
    with reading_from("replica_2"):
        assert router.db_for_read(None) == "replica_2"
        with reading_from(None):
            assert router.db_for_read(None) == DEFAULT_DB_ALIAS
        assert router.db_for_read(None) == "replica_2"
    assert router.db_for_read(None) == DEFAULT_DB_ALIAS


def test_a_replica_that_is_the_primary_itself_is_not_used(settings, monkeypatch):
    """A replica configured as the primary's test mirror (same database) is never chosen, so
    tests read inside their own transaction."""
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    monkeypatch.setitem(connections.settings, "replica_1", dict(primary))
    monkeypatch.setitem(connections.settings, "replica_2", {**primary, "NAME": "elsewhere"})
    settings.DATABASE_REPLICAS = ["replica_1", "replica_2"]
    try:
        assert routers.replica_aliases() == ["replica_2"]
    finally:
        for alias in ("replica_1", "replica_2"):
            if hasattr(connections._connections, alias):
                del connections[alias]


# The middleware: which requests read a replica


@pytest.fixture
def two_replicas(settings, monkeypatch):
    settings.DATABASE_REPLICAS = ["replica_1", "replica_2"]
    settings.DATABASE_REPLICA_PIN_SECONDS = 7
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica_1", "replica_2"])


def reading_view(request):
    """A view that answers which database its reads go to."""
    request.middleware.process_view(request, request.resolver_match.func, (), {})
    return HttpResponse(current_read_alias())


def serve(request, user=None, middleware=None):
    """Pass ``request`` through the middleware as Django's handler would (URL resolved in the
    path's language, user set); the response's body is the database the view read."""
    middleware = middleware or ReplicaReadsMiddleware(reading_view)
    with translation.override(translation.get_language_from_path(request.path_info)):
        request.resolver_match = resolve(request.path_info)
    request.user = user or AnonymousUser()
    request.middleware = middleware
    response = middleware(request)
    return response.content.decode(), response


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/articles/",
        "/tr/articles/some-slug/",
        "/en/articles/some-slug/citation.bib",
        "/ru/people/",
        "/en/people/some-one/feed/",
        "/en/topics/energy/",
        "/en/regions/europe/",
        "/en/search/",
        "/en/feed/atom/",
        "/en/corrections/",
        "/sitemap.xml",
    ],
)
def test_anonymous_reader_reads_a_replica(two_replicas, path):
    """An anonymous GET of a page of the reading site reads a replica."""
    database, response = serve(RequestFactory().get(path))
    assert database in {"replica_1", "replica_2"}
    assert PIN_COOKIE not in response.cookies


def test_anonymous_readers_take_the_replicas_in_turn(two_replicas):
    """Successive anonymous requests are spread over the replicas, one replica per request."""
    middleware = ReplicaReadsMiddleware(reading_view)
    seen = [serve(RequestFactory().get("/en/"), middleware=middleware)[0] for _ in range(4)]
    assert seen == ["replica_1", "replica_2", "replica_1", "replica_2"]


def test_head_reads_a_replica_too(two_replicas):
    """A HEAD of a public page is a read like a GET."""
    assert serve(RequestFactory().head("/en/articles/"))[0] == "replica_1"


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/login/", "/preview/articles/1/en/", "/preview/shared/abc/", "/healthz"],
)
def test_admin_previews_and_health_check_read_the_primary(two_replicas, path):
    """The admin (even its anonymous login page), previews and shared preview links (which must
    see a link revoked a moment ago) and the health check read the primary."""
    assert serve(RequestFactory().get(path))[0] == DEFAULT_DB_ALIAS


def test_logged_in_user_reads_the_primary(two_replicas, editor):
    """A logged-in user's public pages read the primary: they see their own work at once."""
    assert serve(RequestFactory().get("/en/articles/"), user=editor)[0] == DEFAULT_DB_ALIAS


def test_a_write_reads_the_primary_and_pins_the_browser(two_replicas):
    """A POST reads the primary and pins the browser to it for DATABASE_REPLICA_PIN_SECONDS."""
    database, response = serve(RequestFactory().post("/en/search/"))
    assert database == DEFAULT_DB_ALIAS
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 7
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_a_pinned_browser_reads_the_primary(two_replicas):
    """Just after its own write, an anonymous browser's public pages read the primary."""
    request = RequestFactory().get("/en/articles/", headers={"cookie": f"{PIN_COOKIE}=1"})
    database, response = serve(request)
    assert database == DEFAULT_DB_ALIAS
    assert PIN_COOKIE not in response.cookies  # a read does not extend the pin


def test_no_pin_when_the_pin_time_is_zero(two_replicas, settings):
    """DATABASE_REPLICA_PIN_SECONDS=0 turns pinning off."""
    settings.DATABASE_REPLICA_PIN_SECONDS = 0
    assert PIN_COOKIE not in serve(RequestFactory().post("/en/search/"))[1].cookies


def test_reads_return_to_the_primary_after_the_request(two_replicas):
    """The choice of a replica ends with its request, even when the view fails."""

    def failing_view(request):
        middleware.process_view(request, None, (), {})
        assert current_read_alias() == "replica_1"
        raise RuntimeError("view failed")

    request = RequestFactory().get("/en/articles/")
    request.resolver_match = resolve(request.path_info)
    request.user = AnonymousUser()
    middleware = ReplicaReadsMiddleware(failing_view)
    with pytest.raises(RuntimeError):
        middleware(request)
    assert current_read_alias() == DEFAULT_DB_ALIAS


def test_middleware_is_not_used_without_replicas(settings):
    """Without DATABASE_REPLICA_URLS the middleware drops out of the chain (no cookie, no cost)."""
    settings.DATABASE_REPLICAS = []
    with pytest.raises(MiddlewareNotUsed):
        ReplicaReadsMiddleware(lambda request: HttpResponse())
