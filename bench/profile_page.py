"""Where one page's time goes: a request loop through Django, timed, then under cProfile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thinktank_bench SECRET_KEY=x \
        .venv/bin/python bench/profile_page.py /en/articles/<slug>/ [--requests 200] [--top 30]

Production settings (``DEBUG`` off) unless the environment says otherwise. Prints the median
(wall and CPU) time per request without the profiler, then the profile's top functions by cumulative time.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")
os.environ.setdefault("SECRET_KEY", "profile-not-a-secret-" + "x" * 40)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    options = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    client = Client()
    response = client.get(options.address)
    print(f"{options.address}: {response.status_code}, {len(response.content):,} bytes")
    with CaptureQueriesContext(connection) as queries:
        client.get(options.address)
    print(f"{len(queries)} queries")
    timings, cpu = [], []
    for _ in range(options.requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(options.address)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    print(
        f"per request: median {statistics.median(timings):.2f} ms wall,"
        f" {statistics.median(cpu):.2f} ms CPU of this process (min {min(cpu):.2f})"
    )
    # CPU time, not wall time: on a shared machine waiting for a core is not this code's cost.
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(options.requests):
        client.get(options.address)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(options.top)


if __name__ == "__main__":
    main()
