"""Is a cited page still there? HTTP checks with the standard library, no database.

One check: ``HEAD`` (cheap for the server), then ``GET`` when the server refuses or fumbles HEAD
(many answer 403, 405 or 501 to it). Redirects are followed, and the final address is reported.
A check never raises: network errors and timeouts come back as a broken ``LinkResult``.

Many checks: ``check_urls`` runs them in a bounded thread pool, with at most ``per_host``
requests at a time to the same host, so a site cited fifty times is not hammered.
"""

import http.client
import ssl
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 8
DEFAULT_PER_HOST = 2


def user_agent():
    """Says who is asking and why; ``settings.LINK_CHECK_USER_AGENT`` overrides it."""
    site = getattr(settings, "SITE_NAME", "Think-tank CMS")
    default = f"Mozilla/5.0 (compatible; {site} citation link checker; checks cited sources)"
    return getattr(settings, "LINK_CHECK_USER_AGENT", default)


@dataclass
class LinkResult:
    url: str
    ok: bool
    status: int | None = None
    final_url: str = ""
    error: str = ""


class _KeepMethodRedirectHandler(urllib.request.HTTPRedirectHandler):
    """urllib turns a redirected HEAD into a GET; keep it a HEAD."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


_opener = urllib.request.build_opener(_KeepMethodRedirectHandler())
RETRY_WITH_GET = {400, 403, 405, 406, 429, 500, 501, 502, 503}


def _request(url, method, timeout):
    request = urllib.request.Request(  # noqa: S310 - check_url lets only http(s) through
        url,
        method=method,
        headers={"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    try:
        with _opener.open(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            return LinkResult(url, ok=True, status=response.status, final_url=response.geturl())
    except urllib.error.HTTPError as error:
        return LinkResult(url, ok=False, status=error.code, final_url=error.geturl() or url)
    except TimeoutError:
        return LinkResult(url, ok=False, error="timeout")
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return LinkResult(url, ok=False, error="timeout")
        return LinkResult(url, ok=False, error=str(reason)[:200])
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as error:
        return LinkResult(url, ok=False, error=f"{type(error).__name__}: {error}"[:200])


def check_url(url, *, timeout=DEFAULT_TIMEOUT):
    """HEAD, then GET if the server refuses HEAD; never raises."""
    if urlsplit(url).scheme not in ("http", "https"):
        return LinkResult(url, ok=False, error="not an http(s) address")
    result = _request(url, "HEAD", timeout)
    if not result.ok and result.status in RETRY_WITH_GET:
        result = _request(url, "GET", timeout)
    return result


def check_urls(
    urls, *, timeout=DEFAULT_TIMEOUT, workers=DEFAULT_WORKERS, per_host=DEFAULT_PER_HOST
):
    """Check many URLs concurrently; yields a ``LinkResult`` per URL, in the order given."""
    host_slots = defaultdict(lambda: threading.BoundedSemaphore(per_host))
    lock = threading.Lock()

    def one(url):
        with lock:
            slot = host_slots[(urlsplit(url).hostname or "").lower()]
        with slot:
            return check_url(url, timeout=timeout)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        yield from pool.map(one, urls)
