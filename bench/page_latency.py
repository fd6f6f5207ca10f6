"""Public pages at scale: each page type on the 100,000 articles of ``search_latency.py``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search DEBUG=1 \
        .venv/bin/python bench/page_latency.py [--repeat 5]

Run ``search_latency.py`` first: it generates the articles. Prints, per address, the median time
of the whole response through Django's test client (after one warm-up request), the number of
SQL queries and the slowest of them.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

# Slugs as search_latency.py generates them (article i has slug a<i>-<lang>).
ADDRESSES = [
    "/en/",
    "/tr/",
    "/en/articles/",
    "/en/articles/?page=50",
    "/en/articles/?topic=topic-1",
    "/en/topics/topic-1/",
    "/en/regions/region-1/",
    "/en/people/",
    "/en/people/bench-1/",
    "/en/articles/a5-en/",
    "/ru/articles/a5-ru/",
    "/en/feed/",
    "/en/topics/topic-1/feed/",
    "/en/search/?q=energy",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the database search_latency.py generated.")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    print(f"{'address':<30}{'status':>7}{'median ms':>11}{'queries':>9}{'slowest ms':>12}")
    for address in ADDRESSES:
        client.get(address)
        timings = []
        for _ in range(options.repeat):
            started = time.perf_counter()
            response = client.get(address)
            timings.append((time.perf_counter() - started) * 1000)
        settings.DEBUG = True
        reset_queries()
        client.get(address)
        queries = list(connection.queries)
        settings.DEBUG = False
        slowest = max((float(query["time"]) for query in queries), default=0) * 1000
        print(
            f"{address:<30}{response.status_code:>7}{statistics.median(timings):>11.1f}"
            f"{len(queries):>9}{slowest:>12.0f}"
        )


if __name__ == "__main__":
    main()
