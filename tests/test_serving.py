"""Serving in production: ``make serve`` (gunicorn with workers from the CPU count, WhiteNoise
with compressed, hashed static files), persistent database connections checked before reuse,
and the operations settings read from the environment with one-line errors."""

import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.scratch import ROOT, run_python, scratch_database_url
from tests.test_configuration import run_manage
from thinktank.environment import database_from_url
from thinktank.serving import MAX_WORKERS, bind_address, log_config, worker_count


def test_workers_follow_the_cpus_up_to_a_cap():
    """2 × CPUs + 1 workers, at most twelve; ``WEB_CONCURRENCY`` decides when set."""
    assert [worker_count(cpus, {}) for cpus in (1, 2, 4, 8)] == [3, 5, 9, MAX_WORKERS]
    assert MAX_WORKERS == 12
    assert worker_count(8, {"WEB_CONCURRENCY": "3"}) == 3


def test_address_from_bind_or_port():
    """The loopback on ``PORT`` (8000) unless ``BIND`` names the address."""
    assert bind_address({}) == "127.0.0.1:8000"
    assert bind_address({"PORT": "9000"}) == "127.0.0.1:9000"
    assert bind_address({"BIND": "0.0.0.0:80", "PORT": "9000"}) == "0.0.0.0:80"


def test_gunicorn_writes_its_own_lines_as_json_too():
    """gunicorn's log lines use the site's JSON formatter unless ``LOG_FORMAT=text``."""
    config = log_config("json")
    assert config["formatters"]["json"]["()"] == "thinktank.logs.JsonFormatter"
    assert {handler["formatter"] for handler in config["handlers"].values()} == {"json"}
    assert log_config("text") == {}


def test_postgresql_connections_persist_and_are_checked_before_reuse(monkeypatch):
    """Connections live ``CONN_MAX_AGE`` seconds (60) and are health-checked before a request
    reuses one."""
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    config = database_from_url("postgres://u@db:5432/site", base_dir="/")
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)
    monkeypatch.setenv("CONN_MAX_AGE", "0")
    assert database_from_url("postgres://u@db:5432/site", base_dir="/")["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DATABASE_URL": "postgres://u@db:5432/site", "CONN_MAX_AGE": "soon"},
            "Configuration error: CONN_MAX_AGE must be a whole number of at least 0; got 'soon'.",
        ),
        (
            {"TASKS_BACKEND": "celery"},
            "Configuration error: TASKS_BACKEND must be one of immediate, rq; got 'celery'.",
        ),
        (
            {"TASKS_BACKEND": "rq"},
            "Configuration error: TASKS_BACKEND=rq needs REDIS_URL (redis://host:6379/0).",
        ),
        (
            {"LOG_FORMAT": "xml"},
            "Configuration error: LOG_FORMAT must be one of json, text; got 'xml'.",
        ),
    ],
)
def test_a_wrong_operations_setting_stops_with_one_line(env, message):
    """A malformed value stops start-up with one line saying what to fix."""
    result = run_manage("check", DEBUG="1", **env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [message]


def test_jobs_go_to_rq_when_redis_is_configured(tmp_path):
    """With ``REDIS_URL`` the jobs' backend is RQ on that Redis, without it in-process."""
    show = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'], settings.RQ_QUEUES['default']['URL'])"  # noqa: E501
    with_redis = run_manage(
        "shell", "-v", "0", "-c", show, DEBUG="1", REDIS_URL="redis://cache:6379/3"
    )
    assert with_redis.stdout.split() == ["django_tasks_rq.RQBackend", "redis://cache:6379/3"]
    without = run_manage("shell", "-v", "0", "-c", show, DEBUG="1")
    assert without.stdout.split()[0] == "django_tasks.backends.immediate.ImmediateBackend"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own server
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


@pytest.mark.slow
def test_make_serve_runs_gunicorn_with_compressed_hashed_static_files(tmp_path):
    """``make serve``: static files collected with hashed names and served gzip-compressed and
    cached for a year, as many workers as the CPUs call for, ready on /readyz, and each
    request logged as JSON with the id it answered with."""
    url = scratch_database_url("thinktank_serve", tmp_path)
    run_python(["manage.py", "migrate", "--noinput", "-v", "0"], database_url=url)
    port = free_port()
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in {"DEBUG", "REDIS_URL", "WEB_CONCURRENCY", "BIND"}
        },
        "DATABASE_URL": url,
        "SECRET_KEY": "serve-test-secret",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PORT": str(port),
    }
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [shutil.which("make"), "-s", "serve", f"PORT={port}"], cwd=ROOT, env=env, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240
        while True:
            try:
                status, headers, body = get(f"{base}/readyz")
                break
            except OSError:
                log.flush()
                assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "make serve did not start"
                time.sleep(0.5)
        assert status == 200 and json.loads(body)["status"] == "ready"

        manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["css/site.css"]
        assert hashed != "css/site.css"
        status, headers, body = get(f"{base}/static/{hashed}", **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip"
        assert b"{" in gzip.decompress(body)
        assert "immutable" in headers["Cache-Control"]

        status, headers, body = get(f"{base}/healthz", **{"X-Request-ID": "serve-test-1"})
        assert headers["X-Request-ID"] == "serve-test-1"
        time.sleep(0.5)
        lines = [json.loads(line) for line in (tmp_path / "serve.log").read_text().splitlines()
                 if line.startswith("{")]  # fmt: skip
        assert any(
            line.get("request_id") == "serve-test-1" and line.get("path") == "/healthz"
            for line in lines
        )
        booted = [line for line in lines if line["message"].startswith("Booting worker")]
        assert len(booted) == worker_count()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log.close()
