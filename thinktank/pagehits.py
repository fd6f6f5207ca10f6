"""Cache hits answered before Django: the WSGI application gunicorn runs.

A page in the page cache (``thinktank.pagestore``) is answered here, for a request that could
not be personalised (an anonymous ``GET``/``HEAD``, no session cookie, not the admin nor a
preview), from this process's copy of the entry once the cache says it is still valid — with
Redis, without asking while the process's tracking connection says nothing changed
(``thinktank.tracking``), else in one round trip: the headers and body the full stack sent when
the page was kept, in the encoding the reader accepts, or a ``304``, with a request id and the
JSON request log line like every other response. No Django request, middleware, signal or
database connection is involved.

Everything else — misses, logged-in users, previews, the admin, a precondition header
(``If-Match``) — goes to Django unchanged, which builds the page and keeps it
(``PageCacheMiddleware``).
"""

import time
from collections.abc import Callable, Iterable

from thinktank import pagestore, request_id
from thinktank.logs import request_id as current_request_id


def path_of(environ: dict) -> str:
    """The request's path as Django's ``request.path`` gives it (for the log line)."""
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    if path.isascii():
        return path
    return path.encode("latin-1").decode("utf-8", "replace")


class CachedPages:
    """WSGI middleware: answers cache hits itself, passes everything else to ``application``."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        if pagestore.usable(environ):
            prepared = pagestore.lookup(environ)
            environ[pagestore.LOOKED_UP] = True
            answer = prepared.answer(environ) if prepared is not None else None
            if answer is not None:
                line, status, headers, body = answer
                ident = request_id.id_from(environ.get("HTTP_X_REQUEST_ID", ""))
                start_response(
                    line, [*headers, ("X-Page-Cache", "hit"), (request_id.HEADER, ident)]
                )
                token = current_request_id.set(ident)
                try:
                    request_id.log_request(
                        environ["REQUEST_METHOD"], path_of(environ), status, started
                    )
                finally:
                    current_request_id.reset(token)
                return [body]
        return self.application(environ, start_response)
