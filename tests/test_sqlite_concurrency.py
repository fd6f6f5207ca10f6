"""SQLite that does not fall over: four editors saving the same article at the same moment, on
four gunicorn workers over one SQLite file, get one success and three conflict messages —
never a server error ("database is locked")."""

import http.cookiejar
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest

from tests.scratch import ROOT, run_python
from tests.test_serving import free_port
from thinktank.environment import SQLITE_OPTIONS, database_from_url

PASSWORD = "concurrent-demo"  # noqa: S105
SAVERS = 4


def test_sqlite_urls_get_a_busy_timeout_and_immediate_transactions():
    """sqlite:/// URLs wait for the write lock and take it when a transaction begins; the
    URL's query string overrides."""
    options = database_from_url("sqlite:///db.sqlite3", base_dir="/srv")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
    custom = database_from_url("sqlite:///db.sqlite3?timeout=5", base_dir="/srv")["OPTIONS"]
    assert custom["timeout"] == 5.0 and custom["transaction_mode"] == "IMMEDIATE"
    assert SQLITE_OPTIONS["timeout"] == 20


class FormFields(HTMLParser):
    """The values a browser would send from the form with id ``form_id``."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


class Editor:
    """A browser session: cookies, CSRF token, form fields."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def log_in(self):
        self.request("/admin/login/")
        status, _page = self.request(
            "/admin/login/?next=/admin/",
            {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        assert status == 302, "login failed"

    def open_form(self, path):
        status, page = self.request(path)
        assert status == 200
        parser = FormFields("article_form")
        parser.feed(page)
        return parser.fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.slow
def test_four_simultaneous_saves_give_one_success_and_three_conflicts(tmp_path):
    """Four gunicorn workers, one SQLite file, four saves released together: 1 × 302, 3 × the
    conflict message, 0 × 500."""
    url = f"sqlite:///{tmp_path / 'concurrent.sqlite3'}"
    env = {"DEMO_ADMIN_PASSWORD": PASSWORD, "SECURE_SSL_REDIRECT": "0"}
    run_python(["manage.py", "migrate", "--noinput", "-v", "0"], database_url=url, env=env)
    run_python(["manage.py", "load_demo"], database_url=url, env=env)
    port = free_port()
    server_env = {
        **os.environ,
        **env,
        "DEBUG": "1",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "ERROR",
    }
    server_env.pop("REDIS_URL", None)
    log = (tmp_path / "server.log").open("w+")
    gunicorn = shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")) or "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "thinktank.wsgi", "--workers", str(SAVERS), "--bind", f"127.0.0.1:{port}",
         "--timeout", "60"],
        cwd=ROOT, env=server_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).close()  # noqa: S310
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.5)
        editors = [Editor(base) for _ in range(SAVERS)]
        for editor in editors:
            editor.log_in()
        path = "/admin/articles/article/1/change/"
        forms = [editor.open_form(path) for editor in editors]
        assert any(name == "version_token" for name, _value in forms[0])
        results = [None] * SAVERS
        start = threading.Barrier(SAVERS)

        def save(index):
            fields = [(n, v) for n, v in forms[index] if n != "title_en"]
            fields += [("title_en", f"Title from editor {index}"), ("_save", "Save")]
            fields.append(("csrfmiddlewaretoken", editors[index].csrf()))
            start.wait()
            results[index] = editors[index].request(path, fields)

        threads = [threading.Thread(target=save, args=(i,)) for i in range(SAVERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        statuses = sorted(status for status, _page in results)
        assert statuses == [200, 200, 200, 302], (
            statuses,
            (tmp_path / "server.log").read_text()[-3000:],
        )
        for status, page in results:
            if status == 200:
                assert "Someone else saved this article after you opened it" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
