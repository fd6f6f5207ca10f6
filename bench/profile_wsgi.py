"""What one request costs at the WSGI boundary, as gunicorn calls the site: a loop of calls to
``thinktank.wsgi.application`` (no HTTP, no test client), timed, then under cProfile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thinktank_bench REDIS_URL=redis://127.0.0.1:6379/3 \
        .venv/bin/python bench/profile_wsgi.py /en/articles/<slug>/ [--requests 2000] [--top 30]

Production settings (``DEBUG`` off, JSON request logs on, written to ``/dev/null``). The first
request fills the page cache, so with ``PAGE_CACHE_SECONDS`` > 0 the loop measures cache hits;
with ``PAGE_CACHE_SECONDS=0`` it measures the page being built each time. ``--encoding gzip``
sends ``Accept-Encoding``. For instruction counts on a noisy machine, run it under
``valgrind --tool=callgrind`` with ``--no-profile``.
"""

import argparse
import cProfile
import io
import logging
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("SECRET_KEY", "profile-not-a-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from thinktank.wsgi import application  # noqa: E402

NULL = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process


def environ_for(address: str, encoding: str) -> dict:
    path, _, query = address.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if encoding:
        environ["HTTP_ACCEPT_ENCODING"] = encoding
    return environ


def call(address: str, encoding: str) -> tuple[str, dict, int]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = application(environ_for(address, encoding), start_response)
    try:
        size = sum(len(chunk) for chunk in body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return answer["status"], answer["headers"], size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--encoding", default="")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--sort", default="tottime", help="pstats order: tottime, cumulative…")
    options = parser.parse_args()
    for handler in logging.getLogger().handlers:  # the request log line is written, not shown
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(NULL)
    status, headers, size = call(options.address, options.encoding)
    status, headers, size = call(options.address, options.encoding)
    print(f"{options.address}: {status}, {size:,} bytes, page cache {headers.get('X-Page-Cache')}")
    cpu = []
    for _ in range(options.requests):
        started = time.process_time()
        call(options.address, options.encoding)
        cpu.append((time.process_time() - started) * 1000)
    batches = []  # the least busy of five batches: on a shared machine, the steadier figure
    for _ in range(5):
        started = time.process_time()
        for _ in range(max(1, options.requests // 5)):
            call(options.address, options.encoding)
        batches.append((time.process_time() - started) * 1000 / max(1, options.requests // 5))
    print(
        f"per request: {min(batches):.3f} ms CPU (best batch of 5),"
        f" median of single requests {statistics.median(cpu):.3f}"
    )
    if options.no_profile:
        return
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(options.requests):
        call(options.address, options.encoding)
    profile.disable()
    pstats.Stats(profile).sort_stats(options.sort).print_stats(options.top)


if __name__ == "__main__":
    main()
