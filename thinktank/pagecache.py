"""The public pages' cache: whole responses for anonymous readers, forgotten exactly when what
they show changes.

A view makes its response cacheable with ``cacheable(response, tags, until=…)``: the tags name
what the page shows (``article:12``, ``lists``), ``until`` when it must be built again anyway
(the next scheduled publication, say). ``PageCacheMiddleware`` keeps such responses — already
compressed with gzip and, when the library is there, Brotli — in Django's cache (Redis when
``REDIS_URL`` is set, so every app server shares it; each process's memory otherwise, the tags'
generations then shared through files on the machine) and answers the next
anonymous GET with them without running the view. ``invalidate(tags)`` forgets every page showing
any of the tags, on every app server at once (each tag has a generation counter in the shared
cache; an entry records the generations it was made under), and tells a CDN or Varnish in front
to forget them too (``CDN_PURGE_URLS``: an HTTP ``BAN`` with the tags in ``X-Cache-Tags``).

What is kept, and the answers given from it, are ``thinktank.pagestore``'s; most hits are
answered before Django by ``thinktank.pagehits`` (the WSGI application), from the same entries.

Responses carry ``Cache-Control`` for shared caches (``s-maxage``, ``stale-while-revalidate``)
and their tags in ``Surrogate-Key`` and ``Cache-Tag``; nothing is cached, nor cacheable by a CDN,
for logged-in users, previews or the admin.
"""

import gzip
import logging
import random
import re
import time
import urllib.request
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from thinktank import pagestore
from thinktank.pagestore import MIN_COMPRESSED, brotli, encodings, re_etag, tag_key

logger = logging.getLogger(__name__)

_TAG = re.compile(r"^[\w:.-]{1,100}$")


def _tags():
    """Where the tags' generations are kept: shared by every process of the site (Redis, or
    files on this machine when there is no Redis)."""
    return pagestore.store().tags


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


# Tags ----------------------------------------------------------------------------------------


CHANGED_AT = "pagecache:changed-at"
ALL = "all"  # every cached page carries it: invalidate([ALL]) forgets the whole site


def _bump(tags: list[str]) -> None:
    cache = _tags()
    cache.set(CHANGED_AT, time.time(), timeout=None)
    for tag in tags:
        key = tag_key(tag)
        # A counter starts anywhere, so one emptied and bumped again never comes back to a
        # value an entry recorded before.
        cache.add(key, random.randrange(1, 2**40), timeout=None)  # noqa: S311 - not a secret
        try:
            cache.incr(key)
        except ValueError:  # evicted in between
            cache.set(key, 1, timeout=None)


def changed_within(seconds: float) -> bool:
    """Whether some page was invalidated in the last ``seconds`` (a replica may not have the
    change yet: the pages built now should read the primary, or the cache would keep the old
    text)."""
    changed_at = _tags().get(CHANGED_AT)
    return changed_at is not None and time.time() - changed_at < seconds


def invalidate(tags: Iterable[str]) -> None:
    """Forget every cached page showing any of ``tags``, here and in the CDN — now, and again
    once the transaction commits (so a page built from the old data meanwhile is dropped too)."""
    tags = sorted({tag for tag in tags if _TAG.match(tag)})
    if not tags:
        return
    _bump(tags)
    purge(tags)

    def again():
        _bump(tags)
        purge(tags)

    transaction.on_commit(again)


def invalidate_all() -> None:
    """Forget every cached page (after a deploy that changed templates, or a restore)."""
    invalidate([ALL])


def purge(tags: list[str]) -> None:
    """Tell each configured CDN or Varnish to drop the objects tagged with any of ``tags``."""
    for url in getattr(settings, "CDN_PURGE_URLS", ()):
        request = urllib.request.Request(  # noqa: S310 - an address the operator configured
            url, method="BAN", headers={"X-Cache-Tags": " ".join(tags)}
        )
        try:
            with urllib.request.urlopen(request, timeout=2):  # noqa: S310
                pass
        except OSError as error:  # a CDN that is down must not break publishing
            logger.warning("CDN purge of %s at %s failed: %s", tags, url, error)


# Making a response cacheable -------------------------------------------------------------------


def cacheable(response: HttpResponse, tags: Iterable[str], *, until: datetime | None = None):
    """Mark ``response`` as a public page that may be cached, showing ``tags``, valid at most
    until ``until``. Returns the response."""
    tags = sorted({ALL, *(tag for tag in tags if _TAG.match(tag))})
    response.cache_tags = tags
    response.cache_until = until
    max_age = seconds()
    if until is not None:
        max_age = max(0, min(max_age, int((until - timezone.now()).total_seconds())))
    response.cache_seconds = max_age
    stale = int(getattr(settings, "CDN_STALE_SECONDS", 60))
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={max_age}, stale-while-revalidate={stale}"
    )
    response["Surrogate-Key"] = response["Cache-Tag"] = " ".join(tags)
    return response


class PageCacheMiddleware:
    """Answers anonymous GET and HEAD requests for cacheable pages from the cache; keeps the
    cacheable responses the views make, with every header the middleware below it adds. Second
    only to the request id's middleware, so a hit runs nothing else, and a kept page has the
    headers the whole stack gives it. In production most hits never reach it: the WSGI
    application answers them before Django (``thinktank.pagehits``) from the same entries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        environ = request.META
        usable = pagestore.usable(environ)
        if usable and not environ.get(pagestore.LOOKED_UP):
            prepared = pagestore.lookup(environ)
            answer = prepared.answer(environ) if prepared is not None else None
            if answer is not None:
                return pagestore.as_response(answer, "hit")
        response = self.get_response(request)
        tags = getattr(response, "cache_tags", None)
        if tags is not None and not pagestore.anonymous(environ):
            # What a logged-in user is shown stays theirs: neither kept here nor by a CDN.
            response["Cache-Control"] = "private, no-cache"
            del response["Surrogate-Key"]
            del response["Cache-Tag"]
            return response
        if not pagestore.storable(environ, response):
            return response
        try:
            prepared = pagestore.keep(environ, response)
        except Exception:  # a cache that is down must not take the site with it
            logger.warning("Page cache unavailable: %s not kept", request.path, exc_info=True)
            return response
        # The miss goes out as every hit will: the same function makes both.
        answer = prepared.answer(environ)
        return response if answer is None else pagestore.as_response(answer, "miss")


class CompressionMiddleware:
    """gzip (or Brotli) for text responses the page cache does not keep (it compresses the
    pages it keeps once, in every encoding)."""

    TYPES = ("text/", "application/json", "application/xml", "application/rss+xml",
             "application/atom+xml", "application/javascript", "image/svg+xml")  # fmt: skip

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Encoding",))
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < MIN_COMPRESSED
            or not response.get("Content-Type", "").startswith(self.TYPES)
            or pagestore.storable(request.META, response)
        ):
            return response
        found = encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if not found:
            return response
        encoding = found[0]
        body = (
            brotli.compress(response.content, quality=5)
            if encoding == "br"
            else gzip.compress(response.content, compresslevel=6, mtime=0)
        )
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        if response.has_header("ETag"):  # another representation, another validator
            response["ETag"] = re_etag(response["ETag"])
        return response
