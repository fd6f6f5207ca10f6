"""Structured logs with a request id: each response carries ``X-Request-ID`` (the one sent, when
it looks like one, else a new one), and every log line written while serving it — JSON, one
object per line — names that id."""

import io
import json
import logging

import pytest

from thinktank.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    """What the site's JSON log handler writes, one parsed line per record."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(name) for name in ("thinktank", "django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


def test_each_response_gets_a_new_request_id(client):
    """Without an id sent, each request gets a fresh one in ``X-Request-ID``."""
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_id_a_proxy_sent_is_kept(client):
    """An ``X-Request-ID`` from the load balancer follows the request through."""
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.2:9"})
    assert response["X-Request-ID"] == "lb-7f3a.2:9"


def test_a_malformed_id_is_replaced(client):
    """An id that could forge log lines (spaces, quotes, line breaks, great length) is not used."""
    for sent in ('a"b', "x" * 129, "two words", "a\\nb"):
        response = client.get("/healthz", headers={"X-Request-ID": sent})
        assert response["X-Request-ID"] != sent
        assert len(response["X-Request-ID"]) == 32


def test_one_json_line_per_request_with_its_id(client, lines):
    """The closing line of a request names method, path, status, duration and the id."""
    response = client.get("/healthz", headers={"X-Request-ID": "req-1"})
    [line] = [line for line in lines() if line["logger"] == "thinktank.requests"]
    assert line["request_id"] == "req-1" == response["X-Request-ID"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["level"] == "INFO" and line["message"] == "GET /healthz 200"
    assert isinstance(line["duration_ms"], float)
    assert line["time"].endswith("+00:00")


def test_lines_written_while_serving_carry_the_id(client, settings, lines):
    """A line logged inside a view, and Django's own error line, name the request's id."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": "redis://127.0.0.1:1/0"}
    }  # fmt: skip
    response = client.get("/readyz")
    assert response.status_code == 503
    by_logger = {line["logger"]: line for line in lines()}
    assert by_logger["thinktank.readiness"]["request_id"] == response["X-Request-ID"]
    assert "ConnectionError" in by_logger["thinktank.readiness"]["exception"]
    assert by_logger["django.request"]["request_id"] == response["X-Request-ID"]
    assert by_logger["django.request"]["status_code"] == 503


def test_lines_outside_requests_have_no_id():
    """A management command's or a worker's lines carry no request id."""
    record = logging.makeLogRecord({"name": "x", "msg": "hello %s", "args": ("there",)})
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "hello there"
    assert "request_id" not in entry


def test_production_logs_are_json(settings):
    """Without DEBUG the console handler writes JSON (``LOG_FORMAT=text`` for a terminal)."""
    assert settings.LOG_FORMAT == "json"
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id"]
