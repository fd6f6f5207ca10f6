"""Several app servers on one PostgreSQL, one Redis and one S3-compatible object store.

Two gunicorn instances (production settings, one worker each) share a database, a Redis (page
cache, sessions in the database) and a bucket (``tests/s3.py``). An editor logs in on one and is
logged in on the other; an image uploaded on A is served to readers of B's pages (from the
bucket); publishing on A is on B's next page, and B's cached lists are forgotten; an
alternative text corrected on B reaches A's cached page at once.

Needs the suite to run on PostgreSQL (``DATABASE_URL=postgres://…``), Redis at
``TWO_SERVERS_REDIS_URL`` (``redis://127.0.0.1:6379/6``; the test empties that database) and moto's
server; without one of them it skips and says so in a red banner.
"""

import html as htmllib
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser

import psycopg
import pytest
import redis
from django.conf import settings

from tests import images, s3
from tests.clusters import free_port
from tests.scratch import ROOT, run_python, scratch_database_url

pytestmark = pytest.mark.slow

REDIS_URL = os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/6")
PASSWORD = "two-servers-password"  # noqa: S105 - a throw-away test database
SETUP = f"""
from django.contrib.auth import get_user_model
from articles.models import Article, ArticleType, Authorship
from people.models import Person
get_user_model().objects.create_superuser("editor", "editor@example.org", "{PASSWORD}")
kind = ArticleType.objects.create(name_en="Analysis", slug_en="analysis")
person = Person.objects.create(given_name="Ayla", family_name="Demir", slug="ayla-demir")
article = Article(article_type=kind, title_en="Two servers, one site", body_en="<p>Shared.</p>")
article.full_clean()
article.save()
Authorship.objects.create(article=article, person=person)
print(article.pk, article.slug_en)
"""


def missing_service() -> str | None:
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return "the suite runs on SQLite (set DATABASE_URL=postgres://…)"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} does not answer ({error})"
    return None


class Form(HTMLParser):
    """The named inputs of the first form with ``method=post`` on a page (and its textareas)."""

    def __init__(self, page: str):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("file", "submit"):
            if attrs.get("type") == "checkbox" and "checked" not in attrs:
                return
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


class Browser:
    """A browser: one cookie jar, whichever server it asks."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str):
        with self.opener.open(url, timeout=30) as response:
            return response.status, response.headers, response.read().decode()

    def post(self, url: str, fields: dict, files: dict | None = None):
        boundary = uuid.uuid4().hex
        body = b""
        for name, value in fields.items():
            body += (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            ).encode()
        for name, (filename, content, content_type) in (files or {}).items():
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
                ).encode()
                + content
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(  # noqa: S310 - the test's own servers
            url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()

    def form(self, url: str) -> dict:
        return Form(self.get(url)[2]).values


class Server:
    def __init__(self, name: str, env: dict, log_dir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (log_dir / f"{name}.log").open("w+")
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "PORT": str(self.port)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (OSError, urllib.error.HTTPError):
                pass
            self.log.flush()
            assert self.process.poll() is None, self.tail()
            assert time.monotonic() < deadline, "gunicorn did not become ready: " + self.tail()
            time.sleep(0.5)

    def tail(self) -> str:
        self.log.seek(0)
        return self.log.read()[-3000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


def reader_get(url: str):
    """An anonymous reader (no cookies at all) behind the load balancer, which sends both
    servers the site's host name: status, headers, page."""
    request = urllib.request.Request(url, headers={"Host": "localhost"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the test's servers
        return response.status, response.headers, response.read().decode()


def scratch_site(tmp_path, name: str, **environment) -> tuple[str, dict, str, str]:
    """A migrated scratch database (``name`` after the test run's own, so concurrent runs
    differ) holding ``SETUP``'s article, the test's Redis emptied, static files collected: the
    database's URL, the servers' environment (with ``environment``), the article's id and slug.
    Skips, in a red banner, without PostgreSQL or Redis."""
    reason = missing_service()
    if reason:
        s3.SKIPPED.append(f"A two-app-server test did not run: {reason}.")
        pytest.skip(s3.SKIPPED[-1])
    url = scratch_database_url(f"{settings.DATABASES['default']['NAME']}_{name}", tmp_path)
    redis.Redis.from_url(REDIS_URL).flushdb()
    run_python(["manage.py", "migrate", "--noinput", "-v", "0"], database_url=url)
    article_id, slug = run_python(
        ["manage.py", "shell", "-v", "0", "-c", SETUP], database_url=url
    ).split()
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"DEBUG", "REDIS_URL", "BIND"}},
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "TASKS_BACKEND": "immediate",  # no rqworker in these tests: jobs run in the request
        "SECRET_KEY": "two-servers-secret",
        "SECURE_COOKIES": "0",
        "WEB_CONCURRENCY": "1",
        **environment,
    }  # fmt: skip
    subprocess.run(  # noqa: S603 - hashed static files, as make serve collects them
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip
    return url, env, article_id, slug


def logged_in_editor(server: str) -> Browser:
    editor = Browser()
    token = Form(editor.get(f"{server}/admin/login/")[2]).values["csrfmiddlewaretoken"]
    editor.post(
        f"{server}/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": "editor", "password": PASSWORD, "next": "/admin/"},
    )  # fmt: skip
    return editor


def test_two_app_servers_share_database_cache_sessions_and_media(s3_server, tmp_path):
    bucket = s3_server.new_bucket()
    url, env, article_id, slug = scratch_site(
        tmp_path,
        "two_servers",
        MEDIA_ROOT=str(tmp_path / "no-local-media"),
        **s3_server.environment(bucket),
    )
    a, b = Server("a", env, tmp_path), Server("b", env, tmp_path)
    try:
        a.wait_ready()
        b.wait_ready()
        page = f"/en/articles/{slug}/"

        # Logged in on A is logged in on B (sessions in the shared database).
        editor = logged_in_editor(a.url)
        assert "/admin/login/" not in editor.opener.open(f"{b.url}/admin/", timeout=30).geturl()

        # Readers of both servers have the list cached (shared Redis).
        assert reader_get(f"{b.url}/en/articles/")[0] == 200
        assert reader_get(f"{a.url}/en/articles/")[1]["X-Page-Cache"] == "hit"
        assert "Two servers, one site" not in reader_get(f"{b.url}/en/articles/")[2]

        # An image uploaded on A (into the bucket).
        fields = editor.form(f"{a.url}/admin/library/image/add/")
        fields |= {
            "title": "Harbour",
            "alt_en": "Cranes over a harbour at dusk",
            "alt_tr": "",
            "alt_ru": "",
        }
        status, final_url, body = editor.post(
            f"{a.url}/admin/library/image/add/", fields,
            files={"upload": ("harbour.jpg", images.jpeg((1200, 800)), "image/jpeg")},
        )  # fmt: skip
        assert final_url.endswith("/admin/library/image/"), body[-2000:]
        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
            image_id = db.execute("SELECT id FROM library_image").fetchone()[0]
            db.execute(
                "UPDATE articles_article SET hero_id = %s WHERE id = %s", (image_id, article_id)
            )

        # Published on A: on B's next page, and B's cached list is forgotten.
        token = editor.form(f"{a.url}/admin/articles/article/{article_id}/change/")[
            "csrfmiddlewaretoken"
        ]
        editor.post(
            f"{a.url}/admin/articles/article/{article_id}/transition/publish/",
            {"csrfmiddlewaretoken": token},
        )
        status, headers, html = reader_get(f"{b.url}{page}")
        assert status == 200 and "<h1>Two servers, one site</h1>" in html
        assert "Two servers, one site" in reader_get(f"{b.url}/en/articles/")[2]
        assert "Two servers, one site" in reader_get(f"{a.url}/en/articles/")[2]

        # The image uploaded on A, served to B's readers from the bucket.
        sources = re.findall(r'srcset="([^"]+)"', html)
        first = htmllib.unescape(sources[0]).split(", ")[0].split(" ")[0]
        assert first.startswith(f"{s3_server.endpoint}/{bucket}/images/")
        with urllib.request.urlopen(first, timeout=10) as response:  # noqa: S310
            assert response.headers["Content-Type"] == "image/webp" and response.read(4) == b"RIFF"
        assert 'alt="Cranes over a harbour at dusk"' in html

        # A's copy is cached; the alternative text corrected on B reaches it at once.
        reader_get(f"{a.url}{page}")
        assert reader_get(f"{a.url}{page}")[1]["X-Page-Cache"] == "hit"
        change = f"/admin/library/image/{image_id}/change/"
        fields = editor.form(f"{b.url}{change}") | {"alt_en": "Cranes over a harbour at night"}
        status, final_url, body = editor.post(f"{b.url}{change}", fields)
        assert final_url.endswith("/admin/library/image/"), body[-2000:]
        html = reader_get(f"{a.url}{page}")[2]
        assert 'alt="Cranes over a harbour at night"' in html
        assert "at dusk" not in html
    finally:
        a.stop()
        b.stop()


RENAME = """
from people.models import Person
person = Person.objects.get(slug="ayla-demir")
person.family_name = "Yıldırım"
person.save()
"""
SCHEDULE = """
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from articles.editorial import transitions as workflow
from articles.models import Article, ArticleType, Authorship
from people.models import Person
article = Article(article_type=ArticleType.objects.get(), title_en="Due in a few seconds",
                  body_en="<p>On time.</p>")
article.full_clean()
article.save()
Authorship.objects.create(article=article, person=Person.objects.get())
at = timezone.now() + datetime.timedelta(seconds={seconds})
workflow.publish(article, by=get_user_model().objects.get(), at=at)
print(at.timestamp())
"""


def hit(url: str) -> str:
    """The page at ``url``, which must come from that server's page cache."""
    status, headers, html = reader_get(url)
    assert status == 200 and headers["X-Page-Cache"] == "hit", (url, headers["X-Page-Cache"])
    return html


def test_changes_reach_the_copies_each_server_trusts_at_once(tmp_path):
    """Each gunicorn worker answers warm hits from its own copy without asking Redis, until
    Redis tells it the page changed: a publication on A, a person renamed by a third process
    (a job worker), an article scheduled for a given second — each on both servers' next page."""
    # Trusted for minutes without Redis answering: only Redis's messages can drop a copy.
    url, env, article_id, slug = scratch_site(
        tmp_path, "tracking", MEDIA_ROOT=str(tmp_path / "media"), PAGE_CACHE_TRUST_SECONDS="600"
    )
    a, b = Server("a", env, tmp_path), Server("b", env, tmp_path)
    try:
        a.wait_ready()
        b.wait_ready()
        servers, page, lists = (a.url, b.url), f"/en/articles/{slug}/", "/en/articles/"
        for server in servers:  # kept, then trusted: warm hits ask Redis nothing
            reader_get(f"{server}{lists}")
            for _ in range(3):
                assert "Two servers, one site" not in hit(f"{server}{lists}")

        # Published on A: in both servers' lists at once.
        editor = logged_in_editor(a.url)
        token = editor.form(f"{a.url}/admin/articles/article/{article_id}/change/")[
            "csrfmiddlewaretoken"
        ]
        editor.post(
            f"{a.url}/admin/articles/article/{article_id}/transition/publish/",
            {"csrfmiddlewaretoken": token},
        )
        for server in (b.url, a.url):
            assert "Two servers, one site" in reader_get(f"{server}{lists}")[2], server
            reader_get(f"{server}{page}")
            for _ in range(3):
                assert "Ayla Demir" in hit(f"{server}{page}")

        # The author renamed by another process: both servers' trusted copies are dropped.
        run_python(["manage.py", "shell", "-v", "0", "-c", RENAME], database_url=url, env=env)
        for server in servers:
            html = reader_get(f"{server}{page}")[2]
            assert "Ayla Yıldırım" in html and "Ayla Demir" not in html, server

        # Scheduled a few seconds ahead: not listed before, listed by both just after.
        at = float(
            run_python(
                ["manage.py", "shell", "-v", "0", "-c", SCHEDULE.format(seconds=8)],
                database_url=url,
                env=env,
            ).split()[-1]
        )
        for server in servers:
            reader_get(f"{server}{lists}")
            assert "Due in a few seconds" not in hit(f"{server}{lists}")
        assert time.time() < at, "the machine was too slow to see the article before its time"
        time.sleep(at - time.time() + 0.2)
        for server in servers:
            assert "Due in a few seconds" in reader_get(f"{server}{lists}")[2], server
    finally:
        a.stop()
        b.stop()
