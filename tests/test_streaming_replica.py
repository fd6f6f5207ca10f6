"""Read replicas against a real PostgreSQL streaming replica that the test run makes.

Once per run: a private primary cluster (``initdb``, ``wal_level=replica``, a replication line in
its ``pg_hba.conf``) and a hot standby made from it with ``pg_basebackup -R``, both on free ports
of 127.0.0.1, torn down at the end. The demo site is loaded on the primary and served by gunicorn
with ``DATABASE_URL`` on the primary and ``DATABASE_REPLICA_URLS`` on the replica. Replay on the
replica is then paused (``pg_wal_replay_pause()``) and the primary changed: a page that still
shows the old text was read from the replica, one that shows the new text from the primary.

PostgreSQL runs of the suite only; skipped (loudly, saying why) where the clusters cannot be
made, and a failure in CI (``CI`` set), which must run it.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from django.conf import settings

from tests import clusters
from tests.scratch import ROOT, run_python
from thinktank.replicas import PIN_COOKIE

pytestmark = pytest.mark.slow

OLD_NAME, NEW_NAME = "Aksoy", "Aksoy-Primary"
NEW_TITLE = "A working title only the primary has"
ADMIN_PASSWORD = "replica-test"  # noqa: S105


def skip_loudly(reason):
    message = f"streaming replica test not run: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run it).", pytrace=False)
    clusters.SKIPPED.append(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def streaming_replica():
    """A primary and a streaming hot standby of it, private to this test run."""
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("runs on PostgreSQL runs of the suite; this one uses SQLite (DATABASE_URL)")
    reason = clusters.unavailable()
    if reason:
        skip_loudly(reason)
    folder = clusters.temporary_folder()
    made = []
    try:
        try:
            made.append(clusters.make_primary(folder))
            made.append(clusters.make_replica(made[0], folder))
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            logs = "\n".join(cluster.log() for cluster in made)
            skip_loudly(f"{exc}\n{logs}".strip())
        yield made[0], made[1]
    finally:
        for cluster in reversed(made):
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def caught_up(primary, replica):
    """Whether the replica has replayed everything the primary wrote so far."""
    with primary.connect() as connection:
        (written,) = connection.execute("SELECT pg_current_wal_lsn()").fetchone()
    with replica.connect() as connection:
        (replayed,) = connection.execute(
            "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written]
        ).fetchone()
    return replayed


class Browser:
    """A browser with its own cookies, reading the site over HTTP."""

    def __init__(self, base):
        self.base = base
        self.cookies = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.cookies))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path, data):
        form = urlencode({**data, "csrfmiddlewaretoken": self.csrf_token(path)}).encode()
        with self.opener.open(self.base + path, data=form, timeout=30) as response:
            return response.read().decode()

    def csrf_token(self, path):
        page = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def log_in(self):
        self.post("/admin/login/?next=/admin/", {"username": "admin", "password": ADMIN_PASSWORD})
        assert "sessionid" in self.cookie_names()

    def log_out(self):
        form = urlencode({"csrfmiddlewaretoken": self.csrf_token("/admin/")}).encode()
        with self.opener.open(self.base + "/admin/logout/", data=form, timeout=30):
            pass

    def cookie_names(self):
        return {cookie.name for cookie in self.cookies}


def serve(env, port):
    """gunicorn on 127.0.0.1:``port`` with ``env``, once it answers /healthz."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "thinktank.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    browser = Browser(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    while True:
        try:
            browser.get("/healthz")
            return server
        except (OSError, HTTPError):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(
                    "gunicorn did not start: " + server.stderr.read()[-2000:]
                ) from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def replicated_site(streaming_replica, tmp_path_factory):
    """The demo on the primary, served with the replica as a read replica; replay then paused
    and the primary changed: a person's name and an article's working title."""
    primary, replica = streaming_replica
    with primary.connect() as connection:
        connection.execute("DROP DATABASE IF EXISTS thinktank")
        connection.execute("CREATE DATABASE thinktank")
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": primary.url("thinktank"),
        "DATABASE_REPLICA_URLS": replica.url("thinktank"),
        "DATABASE_REPLICA_PIN_SECONDS": "300",
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("replica-media")),
        "DEMO_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "CONN_MAX_AGE": "0",
    }
    url = primary.url("thinktank")
    run_python(["manage.py", "migrate", "--noinput"], database_url=url, env=env)
    run_python(["manage.py", "load_demo", "--quiet"], database_url=url, env=env)
    token = run_python(
        [
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from articles.editorial.preview import make_token; from articles.models import Article;"
            "print(make_token(Article.objects.get(slug_en='caspian-gas-europe-supply-security'), 'en'))",
        ],  # fmt: skip
        database_url=url,
        env=env,
    ).strip()
    clusters.wait_until(lambda: caught_up(primary, replica), "the replica to catch up")

    port = clusters.free_port()
    server = serve(env, port)
    try:
        with replica.connect() as connection:
            connection.execute("SELECT pg_wal_replay_pause()")
            clusters.wait_until(
                lambda: (
                    connection.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()[0]
                    == "paused"
                ),
                "replay to pause",
            )
        with primary.connect("thinktank") as connection:
            connection.execute(
                "UPDATE people_person SET family_name = %s WHERE slug = 'selin-aksoy'", [NEW_NAME]
            )
            connection.execute(
                "UPDATE articles_article SET title_en = %s"
                " WHERE slug_en = 'caspian-gas-europe-supply-security'",
                [NEW_TITLE],
            )
        yield {"base": f"http://127.0.0.1:{port}", "token": token, "clusters": streaming_replica}
    finally:
        server.terminate()
        server.wait(timeout=30)
        with replica.connect() as connection:
            connection.execute("SELECT pg_wal_replay_resume()")


def family_name(page):
    """The person's family name as the page shows it (the new one, the old one or neither)."""
    if NEW_NAME in page:
        return NEW_NAME
    return OLD_NAME if f"Selin {OLD_NAME}" in page else None


def test_anonymous_reader_reads_the_replica(replicated_site):
    """An anonymous reader's page is read from the replica: it still shows the old name while
    the replica's replay is paused."""
    page = Browser(replicated_site["base"]).get("/en/people/selin-aksoy/")
    assert family_name(page) == OLD_NAME


def test_admin_reads_the_primary(replicated_site):
    """The admin reads the primary: the person's form shows the new name."""
    editor = Browser(replicated_site["base"])
    editor.log_in()
    page = editor.get("/admin/people/person/?q=selin")
    assert NEW_NAME in page


def test_logged_in_reader_reads_the_primary(replicated_site):
    """A logged-in user's public pages read the primary."""
    editor = Browser(replicated_site["base"])
    editor.log_in()
    assert family_name(editor.get("/en/people/")) == NEW_NAME


def test_shared_preview_link_reads_the_primary(replicated_site):
    """A preview, even through a signed link without an account, reads the primary: it shows
    the working title that only the primary has."""
    page = Browser(replicated_site["base"]).get("/preview/shared/" + replicated_site["token"] + "/")
    assert NEW_TITLE in page


def test_a_writer_reads_the_primary_just_after_writing(replicated_site):
    """A browser that just wrote (logged in and out: two POSTs) is pinned to the primary while
    anonymous; another anonymous browser still reads the replica."""
    writer = Browser(replicated_site["base"])
    writer.log_in()
    writer.log_out()
    assert "sessionid" not in writer.cookie_names()
    assert PIN_COOKIE in writer.cookie_names()
    assert family_name(writer.get("/tr/people/selin-aksoy/")) == NEW_NAME
    assert family_name(Browser(replicated_site["base"]).get("/ru/people/selin-aksoy/")) == OLD_NAME


def test_replica_catches_up_when_replay_resumes(replicated_site):
    """Last: with replay resumed the replica has the change, and anonymous readers see it."""
    primary, replica = replicated_site["clusters"]
    with replica.connect() as connection:
        connection.execute("SELECT pg_wal_replay_resume()")
    clusters.wait_until(lambda: caught_up(primary, replica), "the replica to catch up")
    assert family_name(Browser(replicated_site["base"]).get("/en/people/?page=1")) == NEW_NAME
