"""Public pages over HTTP next to the peers: ``make bench``.

    .venv/bin/python bench/http_bench.py [--rounds 5] [--seconds 5] [--articles 300]

Serves, each with gunicorn and 2 sync workers, on this machine:

- **this project**, production settings (``DEBUG`` off, ``REDIS_URL`` set), twice: with the page
  cache off (``PAGE_CACHE_SECONDS=0``: every request runs its view; the cache is still asked,
  and misses) and on (the page cache answers after the first request);
- **Wagtail 8** serving an equivalent article page, and **the framework floor** (a bare Django
  view returning that page's bytes from memory), from ``../shared/peers`` (``PEERS``), set up
  once in ``PEER`` by the peers' own script.

The data: ``bench/generate.py`` on PostgreSQL (``BENCH_DATABASE_URL``, database
``thinktank_bench`` by default): the demo site plus ``--articles`` copies. Then, in
``--rounds`` interleaved rounds (the order rotates each round), ``wrk -t2 -c8`` for
``--seconds`` against each page — the article page uncached and cached, home, list, person,
search, feed and sitemap, and the two peers' article page — and, around each run, the CPU time
of the server's worker processes (``/proc/<pid>/stat``), so each page gets the server CPU it
costs per request. Ratios are taken within each round (this machine is shared and noisy), then
their median is reported. Prints a markdown table; the raw rows go to ``bench/out/``.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
PEERS = Path(os.environ.get("PEERS", ROOT.parent / "shared" / "peers")).resolve()
PEER = Path(os.environ.get("PEER", "/tmp/peer-bench"))  # noqa: S108 - the peers' own default
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thinktank_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
WAGTAIL_PATH = "/analysis/regional-cooperation-and-the-new-bloc-logic/"
TICKS = os.sysconf("SC_CLK_TCK")
GOAL_PAGES = ("article, ", "Wagtail 8: ", "floor: ")
# The servers' ports: ``BENCH_PORTS`` (five, comma-separated) lets runs on one machine coexist.
PORTS = dict(
    zip(
        ("uncached", "cached", "wagtail", "floor", "checked"),
        (
            int(port)
            for port in os.environ.get("BENCH_PORTS", "8111,8112,8101,8103,8113").split(",")
        ),
        strict=True,
    )
)


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen

    def workers(self) -> list[int]:
        """The gunicorn master's children (its workers)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def cpu_seconds(self) -> float:
        """User + system CPU time of the workers so far."""
        total = 0
        for pid in self.workers():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except FileNotFoundError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
        return total / TICKS

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass
class Target:
    label: str
    server: str
    path: str
    runs: list[dict] = field(default_factory=list)


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def project_environment(cached: bool, name: str | None = None) -> dict[str, str]:
    """The project's server: page cache on or off; ``checked``: on, but every hit asks Redis
    (``PAGE_CACHE_TRUST_SECONDS=0``, one ``MGET``: the hit path before tracking)."""
    name = name or ("cached" if cached else "uncached")
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "PAGE_CACHE_SECONDS", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        SECRET_KEY="bench-not-a-secret-" + "x" * 40,
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WEB_CONCURRENCY="2",
        PAGE_CACHE_SECONDS="600" if cached else "0",
        # Plain HTTP on localhost, as behind a TLS-terminating proxy: no redirect to HTTPS.
        SECURE_SSL_REDIRECT="0",
        BIND=f"127.0.0.1:{PORTS[name]}",
    )
    if name == "checked":
        environment["PAGE_CACHE_TRUST_SECONDS"] = "0"
    return environment


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                response.read()
                return
        except OSError:  # not up yet (refused, reset, timed out)
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def fetch(url: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def start(name: str, command: list[str], environment: dict, cwd: Path) -> Server:
    OUT.mkdir(parents=True, exist_ok=True)
    log_file = (OUT / f"server-{name}.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own command lines
        command, cwd=cwd, env=environment, stdout=log_file, stderr=subprocess.STDOUT
    )
    return Server(name, PORTS[name], process)


def prepare_peers() -> None:
    if not (PEER / "wagtail" / "bin" / "gunicorn").exists():
        log(f"setting up the Wagtail peer in {PEER} (once; a few minutes)")
        subprocess.run(  # noqa: S603
            ["bash", str(PEERS / "wagtail_bench.sh"), "setup"],  # noqa: S607
            env={**os.environ, "PEER": str(PEER)},
            check=True,
        )


def prepare_data(articles: int) -> None:
    log(f"data: demo site + {articles} generated articles in {DATABASE_URL.rsplit('/', 1)[1]}")
    environment = {**os.environ, "DATABASE_URL": DATABASE_URL, "DEBUG": "1"}
    subprocess.run(  # noqa: S603
        [PYTHON, "bench/generate.py", "--articles", str(articles)],
        cwd=ROOT,
        env=environment,
        check=True,
    )


def pick_addresses() -> dict[str, str]:
    """The pages to measure: the demo's longest English article, a person with articles."""
    environment = {**os.environ, "DATABASE_URL": DATABASE_URL, "DEBUG": "1"}
    script = (
        "import django, json; django.setup()\n"
        "from django.db.models.functions import Length\n"
        "from articles.models import LiveVersion, LiveAuthorship\n"
        "v = (LiveVersion.objects.visible('en').exclude(slug__startswith='bx')"
        ".annotate(n=Length('rendered_article')).order_by('-n').first())\n"
        "a = LiveAuthorship.objects.filter(version=v).select_related('person').first()\n"
        "print(json.dumps({'article': v.get_absolute_url(), 'person': a.person.slug}))\n"
    )
    found = subprocess.run(  # noqa: S603
        [PYTHON, "-c", script],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "thinktank.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(found.stdout.strip().splitlines()[-1])


def wrk(url: str, seconds: int) -> dict:
    output = subprocess.run(  # noqa: S603
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "30s", "--latency", url],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def ms(token: str) -> float:
        number, suffix = re.fullmatch(r"([\d.]+)(us|ms|s)", token).groups()
        return float(number) * unit[suffix]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "bad": (int(non2xx.group(1)) if non2xx else 0)
        + (sum(int(x) for x in errors.groups()) if errors else 0),
    }


def drain(server: Server, limit: float = 60) -> None:
    """Wait until the server's workers are idle: a sync worker goes on with the requests queued
    before wrk stopped, which must not count towards the next page measured on it."""
    deadline = time.monotonic() + limit
    last = server.cpu_seconds()
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = server.cpu_seconds()
        if now - last < 0.02:
            return
        last = now


def measure(target: Target, servers: dict[str, Server], seconds: int) -> dict:
    server = servers[target.server]
    drain(server)
    url = f"http://127.0.0.1:{server.port}{target.path}"
    before = server.cpu_seconds()
    result = wrk(url, seconds)
    result["cpu_ms"] = (server.cpu_seconds() - before) * 1000 / max(1, result["requests"])
    result["load1"] = float(Path("/proc/loadavg").read_text().split()[0])
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(targets: list[Target], rounds: int, seconds: int, page_bytes: dict) -> str:
    by_label = {target.label: target for target in targets}
    wagtail, floor = by_label["Wagtail 8: article"], by_label["floor: article"]
    lines = [
        "| page | server | req/s median (min–max) | server CPU ms/request | p50 ms | p99 ms"
        " | CPU ÷ Wagtail article | req/s ÷ floor |",
        "|---|---|---|---|---|---|---|---|",
    ]
    ratios = {}
    for target in targets:
        rps = [run["rps"] for run in target.runs]
        cpu_ratio = [
            run["cpu_ms"] / other["cpu_ms"]
            for run, other in zip(target.runs, wagtail.runs, strict=True)
        ]
        rps_ratio = [
            run["rps"] / other["rps"] for run, other in zip(target.runs, floor.runs, strict=True)
        ]
        ratios[target.label] = (cpu_ratio, rps_ratio)
        bad = sum(run["bad"] for run in target.runs)
        lines.append(
            f"| {target.label}{f' ⚠ {bad} errors' if bad else ''} | {target.server}"
            f" | {median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f})"
            f" | {median([run['cpu_ms'] for run in target.runs]):.2f}"
            f" | {median([run['p50'] for run in target.runs]):.1f}"
            f" | {median([run['p99'] for run in target.runs]):.1f}"
            f" | {median(cpu_ratio):.3f} | {median(rps_ratio):.3f} |"
        )
    uncached_cpu = ratios["article, uncached"][0]
    cached_rps = ratios["article, cached"][1]
    lines += [
        "",
        f"{rounds} interleaved rounds × {seconds} s per page, wrk -t2 -c8, no Accept-Encoding"
        " (identity bodies, as the peers send). Ratios are taken within each round, then the"
        " median.",
        f"Article bytes: project {page_bytes['project']:,}, Wagtail {page_bytes['wagtail']:,},"
        f" floor {page_bytes['floor']:,}.",
        "",
        "Goal 1, uncached article CPU ≤ 1/3 of Wagtail's: per round "
        + ", ".join(f"{ratio:.3f}" for ratio in uncached_cpu)
        + f" → median {median(uncached_cpu):.3f}"
        + (" ✔" if median(uncached_cpu) <= 1 / 3 else " ✘"),
        "Goal 2, cached article ≥ 80% of the floor's req/s: per round "
        + ", ".join(f"{ratio:.3f}" for ratio in cached_rps)
        + f" → median {median(cached_rps):.3f}"
        + (" ✔" if median(cached_rps) >= 0.8 else " ✘"),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--skip-data", action="store_true", help="use the database as it is")
    parser.add_argument(
        "--goals-only",
        action="store_true",
        help="measure only what the goals compare: the article page (uncached, cached) and the"
        " peers",
    )
    parser.add_argument(
        "--with-checked",
        action="store_true",
        help="also serve the cached article with every hit asking Redis (PAGE_CACHE_TRUST_SECONDS=0)",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    started = time.monotonic()
    # Stopped by a signal, the servers are still stopped (``finally`` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit("stopped"))
    prepare_peers()
    if not options.skip_data:
        prepare_data(options.articles)
    subprocess.run(  # noqa: S603 - hashed static files, as production serves them
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=project_environment(cached=False),
        check=True,
    )
    subprocess.run(  # noqa: S603 - pages rendered by the code measured, with its static names
        [PYTHON, "manage.py", "render_pages"],
        cwd=ROOT,
        env=project_environment(cached=False),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    addresses = pick_addresses()
    redis.Redis.from_url(REDIS_URL).flushdb()  # no page kept from another run's data
    servers: dict[str, Server] = {}
    try:
        project = [("uncached", False), ("cached", True)]
        if options.with_checked:
            project.append(("checked", True))
        for name, cached in project:
            servers[name] = start(
                name,
                [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", "gunicorn.conf.py"],
                project_environment(cached, name),
                ROOT,
            )
        wagtail_bin = PEER / "wagtail" / "bin" / "gunicorn"
        common = ["--workers", "2", "--worker-class", "sync", "--log-level", "warning"]
        servers["wagtail"] = start(
            "wagtail",
            [
                str(wagtail_bin),
                "--chdir",
                str(PEER / "site"),
                "peersite.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORTS['wagtail']}",
                *common,
            ],  # fmt: skip
            {**os.environ, "PEER_DATA": str(PEER / "data"), "PEER_SITE": str(PEER / "site")},
            PEER,
        )
        wait_for(f"http://127.0.0.1:{PORTS['wagtail']}{WAGTAIL_PATH}")
        page = PEER / "data" / "article.html"
        page.write_bytes(fetch(f"http://127.0.0.1:{PORTS['wagtail']}{WAGTAIL_PATH}")[2])
        servers["floor"] = start(
            "floor",
            [
                str(wagtail_bin),
                "--chdir",
                str(PEERS),
                "django_floor:application",
                "--bind",
                f"127.0.0.1:{PORTS['floor']}",
                *common,
            ],  # fmt: skip
            {**os.environ, "FLOOR_HTML": str(page), "FLOOR_MIDDLEWARE": "default"},
            PEERS,
        )
        for name in [name for name, _cached in project] + ["floor"]:
            wait_for(
                f"http://127.0.0.1:{PORTS[name]}" + (WAGTAIL_PATH if name == "floor" else "/en/")
            )
        article = addresses["article"]
        targets = [
            Target("article, uncached", "uncached", article),
            Target("article, cached", "cached", article),
            *(
                [Target("article, cached, every hit asks Redis", "checked", article)]
                if options.with_checked
                else []
            ),
            Target("home, uncached", "uncached", "/en/"),
            Target("home, cached", "cached", "/en/"),
            Target("list, uncached", "uncached", "/en/articles/"),
            Target("list, cached", "cached", "/en/articles/"),
            Target("person, uncached", "uncached", f"/en/people/{addresses['person']}/"),
            Target("search (never cached)", "uncached", "/en/search/?q=energy"),
            Target("feed, uncached", "uncached", "/en/feed/"),
            Target("sitemap, uncached", "uncached", "/sitemap.xml"),
            Target("Wagtail 8: article", "wagtail", WAGTAIL_PATH),
            Target("floor: article", "floor", WAGTAIL_PATH),
        ]
        if options.goals_only:
            targets = [target for target in targets if target.label.startswith(GOAL_PAGES)]
        page_bytes = {}
        for target in targets:
            url = f"http://127.0.0.1:{servers[target.server].port}{target.path}"
            status, headers, body = fetch(url)
            status, headers, body = fetch(url)  # the second: a cached server answers from cache
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
            cache_state = headers.get("X-Page-Cache", "-")
            expected = "hit" if target.server in ("cached", "checked") else None
            if expected and cache_state != expected:
                raise SystemExit(f"{url}: X-Page-Cache {cache_state}, expected {expected}")
            if target.server == "uncached" and cache_state == "hit":
                raise SystemExit(f"{url} came from the page cache")
            log(f"{target.label}: {url} {len(body):,} bytes, page cache {cache_state}")
            if target.label == "article, uncached":
                page_bytes["project"] = len(body)
            elif target.server in ("wagtail", "floor"):
                page_bytes[target.server] = len(body)
            wrk(url, 1)  # warm-up
            drain(servers[target.server])
        for number in range(options.rounds):
            shift = number % len(targets)
            for target in targets[shift:] + targets[:shift]:
                result = measure(target, servers, options.seconds)
                target.runs.append(result)
                log(
                    f"round {number + 1} {target.label}: {result['rps']:,.0f} req/s,"
                    f" {result['cpu_ms']:.2f} ms CPU/request"
                )
    finally:
        for server in servers.values():
            server.stop()
    table = report(targets, options.rounds, options.seconds, page_bytes)
    note = (
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs, load average"
        f" {Path('/proc/loadavg').read_text().split()[0]} at the end;"
        f" {time.monotonic() - started:.0f} s in all."
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "http_bench.json").write_text(
        json.dumps({target.label: target.runs for target in targets}, indent=1)
    )
    (OUT / "http_bench.md").write_text(table + "\n\n" + note + "\n")
    print(table + "\n\n" + note)


if __name__ == "__main__":
    main()
