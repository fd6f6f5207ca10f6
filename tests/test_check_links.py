"""manage.py check_links against a local HTTP server on 127.0.0.1: never the internet."""

import http.server
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command

from citations.linkcheck import check_url, check_urls, user_agent
from citations.models import Source

pytestmark = pytest.mark.django_db

SLOW_SECONDS = 1.5
TIMEOUT = 0.4


class Handler(http.server.BaseHTTPRequestHandler):
    seen = []  # (method, path, user agent)

    def log_message(self, *args):
        pass

    def _answer(self, body):
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent")))
        path = self.path.split("?")[0]
        if path == "/ok":
            self._send(200, body)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, body)
        elif path == "/no-head" and self.command == "HEAD":
            self._send(405, body)
        elif path == "/no-head":
            self._send(200, body)
        else:
            self._send(404, body)

    def _send(self, status, body):
        payload = b"<p>page</p>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self._answer(body=False)

    def do_GET(self):  # noqa: N802
        self._answer(body=True)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


@pytest.fixture
def server():
    Handler.seen = []
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def make_source(url, title):
    return Source.objects.create(kind="web", title=title, url=url)


def test_check_links_records_ok_404_timeout_and_redirect(server):
    """200 is ok, 404 broken, a hung server a timeout, 301 → 200 ok with the final address."""
    ok = make_source(f"{server}/ok", "ok")
    missing = make_source(f"{server}/missing", "missing")
    slow = make_source(f"{server}/slow", "slow")
    moved = make_source(f"{server}/moved", "moved")
    offline = Source.objects.create(kind="book", title="A book without an address")
    out = StringIO()
    call_command("check_links", timeout=TIMEOUT, workers=4, stdout=out)
    for source in (ok, missing, slow, moved, offline):
        source.refresh_from_db()
    assert (ok.link_ok, ok.link_status, ok.link_final_url) == (True, 200, f"{server}/ok")
    assert (missing.link_ok, missing.link_status) == (False, 404)
    assert (slow.link_ok, slow.link_status, slow.link_error) == (False, None, "timeout")
    assert (moved.link_ok, moved.link_status, moved.link_final_url) == (True, 200, f"{server}/ok")
    assert ok.link_checked_at is not None and offline.link_checked_at is None
    assert list(Source.objects.broken()) == [missing, slow]
    assert "Checked 4 source(s): 2 broken." in out.getvalue()


def test_head_first_and_get_when_head_is_refused(server):
    """A server answering HEAD with 405 is asked again with GET; redirects stay HEAD."""
    assert check_url(f"{server}/no-head", timeout=TIMEOUT).ok
    assert check_url(f"{server}/moved", timeout=TIMEOUT).ok
    methods = [(method, path) for method, path, _agent in Handler.seen]
    assert methods == [
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
        ("HEAD", "/moved"),
        ("HEAD", "/ok"),
    ]


def test_requests_carry_a_polite_user_agent(server):
    """Every request says who is checking."""
    check_url(f"{server}/ok", timeout=TIMEOUT)
    assert Handler.seen[0][2] == user_agent()
    assert "link checker" in user_agent()


def test_checks_run_concurrently_within_bounds(server):
    """Four slow pages with four workers take about one timeout, not four."""
    urls = [f"{server}/slow?{index}" for index in range(4)]
    started = time.monotonic()
    results = list(check_urls(urls, timeout=TIMEOUT, workers=4, per_host=4))
    elapsed = time.monotonic() - started
    assert [result.error for result in results] == ["timeout"] * 4
    assert elapsed < TIMEOUT * 3


def test_refused_connection_and_other_schemes_are_broken_not_errors():
    """Nothing listening, or an ftp address: recorded as broken, never raised."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused = check_url(f"http://127.0.0.1:{port}/", timeout=TIMEOUT)
    assert not refused.ok and refused.error
    assert check_url("ftp://127.0.0.1/file", timeout=TIMEOUT).error == "not an http(s) address"


def test_older_than_skips_recently_checked_sources(server):
    """--older-than 7 leaves sources checked within the week alone."""
    source = make_source(f"{server}/ok", "ok")
    call_command("check_links", timeout=TIMEOUT, stdout=StringIO())
    Handler.seen = []
    call_command("check_links", timeout=TIMEOUT, older_than=7, stdout=StringIO())
    assert Handler.seen == []
    source.refresh_from_db()
    assert source.link_ok is True
