"""What the page cache keeps of a response, where it keeps it, and the answer it gives from it.

An **entry** is a page exactly as the whole middleware stack sent it to an anonymous reader:
its status, its headers (all but those describing one response: request id, length, encoding,
``X-Page-Cache``) and its body in every encoding a reader may ask for (identity, gzip, Brotli).
It is kept in Django's cache under a key made of the request's scheme, host, path and query
(``page_key``), next to a **stamp** (a random number under a key of its own) and with the state
its tags' generation counters were in when it was made (``thinktank.pagecache``).

An entry is valid while neither its stamp nor one of those counters moved: one read of them
(one Redis ``MGET`` of a few small values) says so. Each process keeps a **local copy** of the
entries it served (up to ``PAGE_CACHE_LOCAL_BYTES``, 32 MB by default), already laid out as
answers — headers and body per encoding, the ``304`` per encoding — so a hit costs no
unpickling; the local copy never outlives the shared entry (a new entry, a flushed or evicted
one, has another stamp or none). With Redis, that read is made on the process's tracking
connection (``thinktank.tracking``): once it said the copy is valid, Redis tells the process when
the stamp or a counter changes, and until then a hit asks Redis nothing.

``respond`` answers a request from an entry: the encoding the reader accepts, ``304`` for a
matching ``If-None-Match`` or ``If-Modified-Since``, no body for ``HEAD``. The same function
answers a hit (``thinktank.pagehits``, before Django; ``PageCacheMiddleware`` inside it) and
the miss that made the entry, so a hit is byte for byte the page the full stack sent.

Values that pages are built from can be kept the same way, under tags, next to the entries and
among the local copies (``thinktank.keptvalues``: the filters' choices).
"""

import gzip
import hashlib
import logging
import random
import re
import threading
import time
from dataclasses import dataclass
from http.client import responses
from typing import Protocol

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import parse_etags, patch_vary_headers
from django.utils.http import parse_http_date_safe

from thinktank.cache import raw_redis
from thinktank.tracking import TRUST_SECONDS, Tracker

try:  # Brotli is optional: gzip alone when the library is missing
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

logger = logging.getLogger("thinktank.pagecache")

FORMAT = 2  # of the entries; another format is a miss
MIN_COMPRESSED = 256
LOCAL_BYTES = 32 * 1024 * 1024
# Never answered from the cache nor kept, whatever a view says (defence in depth).
NEVER_CACHED = ("/admin/", "/preview/")
# Headers that describe one response, not the page: made again for each answer.
PER_RESPONSE = {"x-request-id", "content-length", "content-encoding", "x-page-cache", "date"}
# What a 304 leaves out of the headers of the 200 it stands for (representation metadata).
NOT_IN_304 = {"content-type", "content-language", "content-length", "content-encoding"}
# Set in the WSGI environ once the cache was asked, so it is not asked twice for one request.
LOOKED_UP = "thinktank.pagecache.looked_up"
# Settings that change the headers a page goes out with: part of every key, so a restart with
# another policy never serves pages kept under the old one.
HEADER_SETTINGS = (
    "CSP_REPORT_ONLY", "CSP_REPORT_URI", "CSP_PUBLIC_POLICY", "CSP_ADMIN_POLICY",
    "PERMISSIONS_POLICY", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS", "STATIC_URL", "MEDIA_URL",
    "CDN_STALE_SECONDS", "MIDDLEWARE",
)  # fmt: skip


# What requests the cache serves -----------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    session_cookie: re.Pattern
    ssl_redirect: bool
    proxy_ssl_header: tuple[str, str] | None
    forwarded_host: bool
    headers_stamp: str
    local_bytes: int


_config: Config | None = None


def config() -> Config:
    global _config  # noqa: PLW0603 - made once per process (and again when settings change)
    if _config is None:
        described = repr([getattr(settings, name, None) for name in HEADER_SETTINGS])
        _config = Config(
            session_cookie=re.compile(
                r"(?:^|;)\s*" + re.escape(settings.SESSION_COOKIE_NAME) + r"\s*="
            ),
            ssl_redirect=bool(settings.SECURE_SSL_REDIRECT),
            proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
            forwarded_host=bool(settings.USE_X_FORWARDED_HOST),
            headers_stamp=hashlib.blake2b(described.encode(), digest_size=6).hexdigest(),
            local_bytes=int(getattr(settings, "PAGE_CACHE_LOCAL_BYTES", LOCAL_BYTES)),
        )
    return _config


def anonymous(environ: dict) -> bool:
    """Whether the request carries no session cookie (a logged-in user has one)."""
    cookie = environ.get("HTTP_COOKIE")
    return not cookie or config().session_cookie.search(cookie) is None


def scheme(environ: dict) -> str:
    """``http`` or ``https``, as Django's ``request.scheme`` says."""
    header = config().proxy_ssl_header
    if header:
        value = environ.get(header[0])
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == header[1] else "http"
    return environ.get("wsgi.url_scheme", "http")


def host(environ: dict) -> str:
    """The host as sent (Django validated it against ``ALLOWED_HOSTS`` before any page under
    it was kept, so a host it refuses never finds an entry)."""
    if config().forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in environ:
        return environ["HTTP_HOST"]
    return f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"


def usable(environ: dict) -> bool:
    """Whether the request may be answered from the cache and its page kept: an anonymous
    ``GET``/``HEAD`` without a body, neither the admin nor a preview, not one Django redirects
    to HTTPS."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if environ.get("CONTENT_LENGTH") not in (None, "", "0"):
        return False  # a body on a GET: Django's limits answer it
    if not anonymous(environ):
        return False
    if environ.get("PATH_INFO", "").startswith(NEVER_CACHED):
        return False
    return not (config().ssl_redirect and scheme(environ) != "https")


def page_key(environ: dict) -> str:
    """The cache key of the page the request asks for."""
    address = (
        f"{scheme(environ)}://{host(environ)}{environ.get('SCRIPT_NAME', '')}"
        f"{environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}"
    )
    digest = hashlib.blake2b(address.encode("utf-8", "backslashreplace"), digest_size=16)
    return f"pagecache:page:{config().headers_stamp}:{digest.hexdigest()}"


def tag_key(tag: str) -> str:
    return f"pagecache:tag:{tag}"


# Where entries are kept -----------------------------------------------------------------------


class Check(Protocol):
    """Says whether an entry is still valid; released when the entry's copy is dropped."""

    def __call__(self) -> bool: ...

    def release(self) -> None: ...


class Comparison:
    """Whether values read from the tags' cache are still the expected ones (without Redis:
    read each time)."""

    def __init__(self, store: "Store", keys: list[str], expected: list) -> None:
        self.store, self.keys, self.expected = store, keys, expected

    def __call__(self) -> bool:
        return self.store.state(self.keys) == self.expected

    def release(self) -> None:
        pass


class Store:
    """The caches holding pages and tags' generations, and how an entry's validity is read."""

    def __init__(self) -> None:
        self.pages = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
        alias = "pagecache-tags" if "pagecache-tags" in settings.CACHES else "default"
        self.tags = caches[getattr(settings, "PAGE_CACHE_TAGS_ALIAS", alias)]
        # Pages and tags in one Redis: their values are read in one MGET, as stored, and
        # watched on the process's tracking connection.
        self.raw = raw_redis(self.pages) if self.pages is self.tags else None
        self.tracker = None
        if self.raw:
            trust = float(getattr(settings, "PAGE_CACHE_TRUST_SECONDS", TRUST_SECONDS))
            self.tracker = Tracker(self.raw[0].connection_pool, trust)

    def state(self, keys: list[str]) -> list:
        """The values of a stamp key and tag keys, as ``checker`` compares them."""
        if self.raw:
            client, make_key = self.raw
            return client.mget([make_key(key) for key in keys])
        found = self.tags.get_many(keys[1:])
        return [self.pages.get(keys[0]), *(found.get(key) for key in keys[1:])]

    def stamped(self, stamp: int) -> object:
        """``stamp`` as ``state`` reads it back."""
        return b"%d" % stamp if self.raw else stamp

    def checker(self, keys: list[str], expected: list) -> Check:
        """A function saying whether the values are still ``expected``: with Redis, from the
        tracking connection's word when it has one, else in one round trip. Its ``release()``
        is called when it is no longer used."""
        if self.tracker is not None:
            _client, make_key = self.raw
            return self.tracker.watch([make_key(key) for key in keys], expected)
        return Comparison(self, keys, expected)

    def close(self) -> None:
        if self.tracker is not None:
            self.tracker.close()


_store: Store | None = None


def store() -> Store:
    global _store  # noqa: PLW0603 - made once per process (and again when settings change)
    if _store is None:
        _store = Store()
    return _store


# Encodings -------------------------------------------------------------------------------------


def encodings(accepted: str) -> list[str]:
    """The encodings we send that an ``Accept-Encoding`` value names, preferred first."""
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


def re_etag(etag: str) -> str:
    """``"abc"`` → ``W/"abc"``: the same content, compressed (a weak validator still matches
    If-None-Match, which is compared weakly)."""
    return etag if etag.startswith("W/") else f"W/{etag}"


_accepted: dict[str, list[str]] = {}  # Accept-Encoding value → encodings; few distinct values


def _preferred(accepted: str) -> list[str]:
    found = _accepted.get(accepted)
    if found is None:
        if len(_accepted) > 256:
            _accepted.clear()
        found = _accepted[accepted] = encodings(accepted)
    return found


# Entries, laid out as answers -------------------------------------------------------------------


@dataclass
class Prepared:
    """An entry as this process answers from it."""

    key: str
    expires: float
    valid: Check
    status: int
    status_line: str
    variants: dict[str, tuple[list[tuple[str, str]], bytes]]
    not_modified: dict[str, list[tuple[str, str]]]
    etag: str | None  # without W/, for comparing
    last_modified: int | None
    size: int

    def answer(self, environ: dict) -> tuple[str, int, list[tuple[str, str]], bytes] | None:
        """``(status line, status, headers, body)`` for this request, or None when it has a
        precondition (If-Match, If-Unmodified-Since) left to Django."""
        accepted = environ.get("HTTP_ACCEPT_ENCODING")
        encoding = "identity"
        if accepted:
            for name in _preferred(accepted):
                if name in self.variants:
                    encoding = name
                    break
        headers, body = self.variants[encoding]
        if 200 <= self.status < 300 and (
            "HTTP_IF_NONE_MATCH" in environ
            or "HTTP_IF_MODIFIED_SINCE" in environ
            or "HTTP_IF_MATCH" in environ
            or "HTTP_IF_UNMODIFIED_SINCE" in environ
        ):
            if "HTTP_IF_MATCH" in environ or "HTTP_IF_UNMODIFIED_SINCE" in environ:
                return None
            if self.unchanged_for(environ):
                return "304 Not Modified", 304, self.not_modified[encoding], b""
        if environ.get("REQUEST_METHOD") == "HEAD":
            body = b""
        return self.status_line, self.status, headers, body

    def unchanged_for(self, environ: dict) -> bool:
        """Whether the reader's copy is this one (Django's rules: If-None-Match compared
        weakly; If-Modified-Since only without it)."""
        etags = parse_etags(environ.get("HTTP_IF_NONE_MATCH", ""))
        if etags:
            if self.etag is None:
                return False
            return etags == ["*"] or self.etag in (etag.strip("W/") for etag in etags)
        since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
        return bool(since and self.last_modified and self.last_modified <= since)


def prepare(key: str, entry: dict, valid: Check) -> Prepared:
    base = entry["headers"]
    found = {name.lower(): value for name, value in base}
    variants, not_modified = {}, {}
    for encoding, body in entry["bodies"].items():
        headers = [
            (name, re_etag(value) if encoding != "identity" and name.lower() == "etag" else value)
            for name, value in base
        ]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        headers.append(("Content-Length", str(len(body))))
        variants[encoding] = (headers, body)
        not_modified[encoding] = [item for item in headers if item[0].lower() not in NOT_IN_304]
    status = entry["status"]
    etag = found.get("etag")
    return Prepared(
        key=key,
        expires=entry["expires"],
        valid=valid,
        status=status,
        status_line=f"{status} {responses.get(status, 'Unknown')}",
        variants=variants,
        not_modified=not_modified,
        etag=etag.strip("W/") if etag else None,
        last_modified=parse_http_date_safe(found.get("last-modified", "")),
        size=sum(len(body) for body in entry["bodies"].values()),
    )


# This process's copies ----------------------------------------------------------------------------

_local: dict[str, Prepared] = {}
_local_bytes = 0
_lock = threading.Lock()


def remember(prepared: Prepared) -> None:
    """Keep a copy in this process: a page laid out as answers, or any kept thing with the
    same ``key``, ``expires``, ``valid`` and ``size`` (``thinktank.keptvalues``)."""
    global _local_bytes  # noqa: PLW0603
    limit = config().local_bytes
    if prepared.size > limit:
        prepared.valid.release()
        return
    with _lock:
        _forget(prepared.key)
        _local[prepared.key] = prepared
        _local_bytes += prepared.size
        while _local_bytes > limit:  # the oldest first
            _forget(next(iter(_local)))


def local_copy(key: str, now: float) -> Prepared | None:
    """This process's copy of ``key`` while it is valid (an invalid one is forgotten)."""
    local = _local.get(key)
    if local is not None:
        if local.expires > now and local.valid():
            return local
        with _lock:
            _forget(key)
    return None


def shared_entry(key: str, now: float, entry_format: int) -> dict | None:
    """The entry kept under ``key`` in the shared cache, if it has this format and has not
    expired (whether its tags moved is for its check to say)."""
    entry = store().pages.get(key)
    if not entry or entry.get("format") != entry_format or entry["expires"] <= now:
        return None
    return entry


def _forget(key: str) -> None:
    global _local_bytes  # noqa: PLW0603
    gone = _local.pop(key, None)
    if gone is not None:
        _local_bytes -= gone.size
        gone.valid.release()


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    """Another cache, another policy: start afresh (tests change settings as they go)."""
    global _config, _store, _local_bytes  # noqa: PLW0603
    if _store is not None:
        _store.close()
    _config = _store = None
    with _lock:
        _local.clear()
        _local_bytes = 0


# Finding and keeping ----------------------------------------------------------------------------


def lookup(environ: dict) -> Prepared | None:
    """The valid entry of the page the request asks for, or None (also when the cache cannot be
    reached: the page is then built as if nothing were cached). Asks the cache once when this
    process has a copy, twice the first time."""
    try:
        key = page_key(environ)
        now = time.time()
        local = local_copy(key, now)
        if local is not None:
            return local
        entry = shared_entry(key, now, FORMAT)
        if entry is None:
            return None
        stamp_and_tags = [f"{key}:stamp", *(tag_key(tag) for tag in entry["tags"])]
        prepared = prepare(key, entry, store().checker(stamp_and_tags, entry["expected"]))
        if not prepared.valid():
            return None
        remember(prepared)
        return prepared
    except Exception:
        logger.warning(
            "Page cache unavailable: %s built uncached", environ.get("PATH_INFO"), exc_info=True
        )
        return None


def storable(environ: dict, response: HttpResponse) -> bool:
    """Whether ``response`` is a page to keep: marked cacheable by its view (for a positive
    time), 200 or 301, whole, not compressed yet, setting no cookie, for a usable request."""
    return (
        getattr(response, "cache_tags", None) is not None
        and getattr(response, "cache_seconds", 0) > 0
        and response.status_code in (200, 301)
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and not response.cookies
        and usable(environ)
    )


def keep(environ: dict, response: HttpResponse) -> Prepared:
    """Keep a storable ``response`` (with every header the stack gave it) and return it
    prepared, as it answers readers from now on."""
    current = store()
    key = page_key(environ)
    tags = list(response.cache_tags)
    stamp_and_tags = [f"{key}:stamp", *(tag_key(tag) for tag in tags)]
    generations = current.state(stamp_and_tags)[1:]
    stamp = random.getrandbits(62) + 1  # noqa: S311 - a marker, not a secret
    timeout = response.cache_seconds
    patch_vary_headers(response, ("Accept-Encoding",))
    entry = {
        "format": FORMAT,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in PER_RESPONSE],
        "bodies": compress(response.content),
        "tags": tags,
        "expected": [current.stamped(stamp), *generations],
        "expires": time.time() + timeout,
    }
    current.pages.set_many({key: entry, f"{key}:stamp": stamp}, timeout)
    prepared = prepare(key, entry, current.checker(stamp_and_tags, entry["expected"]))
    remember(prepared)
    return prepared


def as_response(answer: tuple[str, int, list[tuple[str, str]], bytes], state: str) -> HttpResponse:
    """An answer as a Django response (inside the middleware stack), marked hit or miss."""
    _line, status, headers, body = answer
    response = HttpResponse(body, status=status, headers=dict(headers))
    if not any(name.lower() == "content-type" for name, _value in headers):
        del response["Content-Type"]  # a 304 has none
    response["X-Page-Cache"] = state
    return response
