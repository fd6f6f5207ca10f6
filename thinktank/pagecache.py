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

Responses carry ``Cache-Control`` for shared caches (``s-maxage``, ``stale-while-revalidate``)
and their tags in ``Surrogate-Key`` and ``Cache-Tag``; nothing is cached, nor cacheable by a CDN,
for logged-in users, previews or the admin.
"""

import gzip
import logging
import re
import time
import urllib.request
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

try:  # Brotli is optional: gzip alone when the library is missing
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

logger = logging.getLogger(__name__)

ANONYMOUS_COOKIES = ("sessionid",)  # a reader with one of these is logged in: no cache
MIN_COMPRESSED = 256
_TAG = re.compile(r"^[\w:.-]{1,100}$")


def _cache():
    """Where pages are kept."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _tags():
    """Where the tags' generations are kept: shared by every process of the site (Redis, or
    files on this machine when there is no Redis)."""
    alias = "pagecache-tags" if "pagecache-tags" in settings.CACHES else "default"
    return caches[getattr(settings, "PAGE_CACHE_TAGS_ALIAS", alias)]


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


# Tags ----------------------------------------------------------------------------------------


def _tag_key(tag: str) -> str:
    return f"pagecache:tag:{tag}"


def generations(tags: Iterable[str]) -> dict[str, int]:
    """The current generation of each tag (0 for one never invalidated)."""
    tags = list(tags)
    found = _tags().get_many([_tag_key(tag) for tag in tags])
    return {tag: found.get(_tag_key(tag), 0) for tag in tags}


CHANGED_AT = "pagecache:changed-at"
ALL = "all"  # every cached page carries it: invalidate([ALL]) forgets the whole site


def _bump(tags: list[str]) -> None:
    cache = _tags()
    cache.set(CHANGED_AT, time.time(), timeout=None)
    for tag in tags:
        key = _tag_key(tag)
        cache.add(key, 0, timeout=None)
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


def _lookup(request: HttpRequest) -> dict | None:
    """The cached copy of this page still valid under its tags' generations, or None (also
    when the cache cannot be reached: the page is then built as if nothing were cached)."""
    try:
        entry = _cache().get(_key(request))
        if entry is not None and generations(entry["tags"]) == entry["tags"]:
            return entry
    except Exception:
        logger.warning("Page cache unavailable: %s built uncached", request.path, exc_info=True)
    return None


def _anonymous(request: HttpRequest) -> bool:
    return not any(name in request.COOKIES for name in ANONYMOUS_COOKIES)


def _key(request: HttpRequest) -> str:
    return f"pagecache:page:{request.get_host()}:{request.get_full_path()}"


def _encodings(request: HttpRequest) -> list[str]:
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    found = []
    if brotli is not None and re.search(r"\bbr\b", accepted):
        found.append("br")
    if re.search(r"\bgzip\b", accepted):
        found.append("gzip")
    return found


def compress(body: bytes) -> dict[str, bytes]:
    """The body in every encoding a reader may ask for (identity always)."""
    bodies = {"identity": body}
    if len(body) >= MIN_COMPRESSED:
        bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
        if brotli is not None:
            bodies["br"] = brotli.compress(body, quality=5)
    return bodies


def _response(entry: dict, request: HttpRequest, *, hit: bool) -> HttpResponse:
    encoding = next((name for name in _encodings(request) if name in entry["bodies"]), "identity")
    response = HttpResponse(entry["bodies"][encoding], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if encoding != "identity":
        response["Content-Encoding"] = encoding
        if response.has_header("ETag"):
            response["ETag"] = re_etag(response["ETag"], encoding)
    response["Content-Length"] = str(len(entry["bodies"][encoding]))
    patch_vary_headers(response, ("Accept-Encoding",))
    response["X-Page-Cache"] = "hit" if hit else "miss"
    if request.method == "HEAD":
        response.content = b""
    return response


def _not_modified(entry: dict, request: HttpRequest) -> HttpResponse | None:
    """A 304 when the reader's copy is the one kept (its ETag or Last-Modified match)."""
    headers = {name.lower(): value for name, value in entry["headers"]}
    if "etag" not in headers and "last-modified" not in headers:
        return None
    probe = HttpResponse()
    last_modified = parse_http_date_safe(headers.get("last-modified", ""))
    answer = get_conditional_response(
        request, etag=headers.get("etag"), last_modified=last_modified, response=probe
    )
    if answer is probe or answer.status_code != 304:
        return None
    for name, value in entry["headers"]:
        if name.lower() in ("etag", "last-modified", "cache-control", "vary"):
            answer[name] = value
    answer["X-Page-Cache"] = "hit"
    return answer


class PageCacheMiddleware:
    """Answers anonymous GET and HEAD requests for cacheable pages from the cache; keeps the
    cacheable responses the views make. Outermost but for security headers, so a hit runs
    nothing else."""

    # Headers a cached copy keeps (the rest describe this one response).
    KEPT = {
        "content-type",
        "content-language",
        "cache-control",
        "etag",
        "last-modified",
        "surrogate-key",
        "cache-tag",
        "link",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "x-frame-options",
        "vary",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usable = request.method in ("GET", "HEAD") and _anonymous(request)
        if usable:
            entry = _lookup(request)
            if entry is not None:
                return _not_modified(entry, request) or _response(entry, request, hit=True)
        response = self.get_response(request)
        tags = getattr(response, "cache_tags", None)
        if tags is not None and not _anonymous(request):
            # What a logged-in user is shown stays theirs: neither kept here nor by a CDN.
            response["Cache-Control"] = "private, no-cache"
            del response["Surrogate-Key"]
            del response["Cache-Tag"]
            return response
        if not (usable and tags is not None and response.status_code in (200, 301)):
            return response
        if response.streaming or response.get("Content-Encoding"):
            return response
        timeout = getattr(response, "cache_seconds", seconds())
        if timeout <= 0:
            return response
        try:
            entry = {
                "status": response.status_code,
                "headers": [(k, v) for k, v in response.items() if k.lower() in self.KEPT],
                "bodies": compress(response.content),
                "tags": generations(tags),
            }
            _cache().set(_key(request), entry, timeout)
        except Exception:  # a cache that is down must not take the site with it
            logger.warning("Page cache unavailable: %s not kept", request.path, exc_info=True)
            return response
        response["X-Page-Cache"] = "miss"
        return response


class CompressionMiddleware:
    """gzip (or Brotli) for text responses the page cache did not already compress."""

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
        ):
            return response
        encodings = _encodings(request)
        if not encodings:
            return response
        encoding = encodings[0]
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
            response["ETag"] = re_etag(response["ETag"], encoding)
        return response


def re_etag(etag: str, encoding: str) -> str:
    """``"abc"`` → ``W/"abc"``: the same content, compressed (a weak validator still matches
    If-None-Match, which Django compares weakly)."""
    return etag if etag.startswith("W/") else f"W/{etag}"
