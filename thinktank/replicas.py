"""Which requests read from a replica: anonymous readers of the public site, unless they just wrote.

A request reads from a replica (one for the whole request, in turn) when all of these hold:

- it is a ``GET`` or ``HEAD``;
- it asks for a page of the reading site (the URL contract: home, lists, articles, citation
  downloads, people, topics, regions, search, feeds, sitemap), never the admin, a preview or a
  health check;
- nobody is logged in;
- the browser did not write in the last ``DATABASE_REPLICA_PIN_SECONDS`` seconds;
- no public page was invalidated in those seconds either (``thinktank.pagecache``): a page
  built from a replica that has not caught up would otherwise be cached with the old text.

The last rule is a cookie (``PIN_COOKIE``) that this middleware sets on the response to every
request that may have written (any method but ``GET``/``HEAD``/``OPTIONS``), lasting that many
seconds: a browser, logged in or not, reads its own writes from the primary until the replicas
have caught up. A cookie rather than state on the server because the browser is the one thing
every app server sees: a thread-local or the cache would pin only on the server that took the
write, or cost a cache round trip on every page. A forged cookie only sends that browser's reads
to the primary. The method is the signal, not the statements a request ran: writes in this
project come from ``POST`` forms (admin, login, logout, workflow buttons, imports), and a check
of every statement would cost time on every page.

Everything else reads the primary (``thinktank.routers``). The middleware is not used when no
replica is configured.
"""

import itertools

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest

from thinktank.pagecache import changed_within
from thinktank.routers import choose_replica, reading_from, replica_aliases

PIN_COOKIE = "thinktank_primary"
DEFAULT_PIN_SECONDS = 10
READ_METHODS = frozenset({"GET", "HEAD"})
WRITE_FREE_METHODS = READ_METHODS | {"OPTIONS"}
# The reading site (thinktank/urls.py): its namespaces, and its pages outside a namespace.
READING_SITE_NAMESPACES = frozenset({"articles", "citations", "people"})
READING_SITE_NAMES = frozenset({"home", "sitemap", "robots"})


def is_reading_site(request: HttpRequest) -> bool:
    """Whether the request was resolved to a page of the public reading site."""
    match = request.resolver_match
    if match is None:
        return False
    if match.namespaces:
        return match.namespaces[0] in READING_SITE_NAMESPACES
    return match.url_name in READING_SITE_NAMES


def may_read_replica(request: HttpRequest) -> bool:
    """Whether this request's reads may come from a replica (see the module's rules)."""
    return (
        request.method in READ_METHODS
        and PIN_COOKIE not in request.COOKIES
        and is_reading_site(request)
        # With a session cookie, this reads the session (from the primary).
        and not request.user.is_authenticated
        # Pages changed a moment ago: a replica may lag behind, and the page cache would keep
        # what it read.
        and not changed_within(pin_seconds())
    )


def pin_seconds() -> int:
    """How long a browser that wrote reads the primary (0: not at all)."""
    return getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", DEFAULT_PIN_SECONDS)


class ReplicaReadsMiddleware:
    """Chooses the database of each request's reads; pins a browser that wrote to the primary.

    Goes after ``AuthenticationMiddleware`` (it asks whether someone is logged in)."""

    def __init__(self, get_response):
        if not getattr(settings, "DATABASE_REPLICAS", None):
            raise MiddlewareNotUsed
        self.get_response = get_response
        self._turn = itertools.count()

    def __call__(self, request):
        with reading_from(None):  # the primary, unless process_view chooses a replica
            response = self.get_response(request)
        if request.method not in WRITE_FREE_METHODS and pin_seconds():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=pin_seconds(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if may_read_replica(request):
            aliases = replica_aliases()
            if aliases:
                choose_replica(aliases[next(self._turn) % len(aliases)])
        return None
