"""``/readyz``: 200 naming each check when the database, cache, storage and task queue work; 503
naming the one that failed (and only its name: the answer is public)."""

import os

import pytest
from django.db import OperationalError, connections

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1

pytestmark = pytest.mark.django_db


def test_ready_when_everything_works(client):
    """Without Redis (the demo): database, cache, storage and in-process jobs all pass."""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"},
        "failed": [],
    }
    assert "no-cache" in response["Cache-Control"]


def test_ready_on_redis(client, settings):
    """With the cache and the task queue on Redis, both are asked and pass."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": TEST_REDIS_URL, "KEY_PREFIX": "readyz-test"}
    }  # fmt: skip
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": TEST_REDIS_URL}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


def test_not_ready_without_the_database(client, monkeypatch):
    """A database that does not answer makes the instance not ready."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert response.json()["checks"]["database"] == "failed"


def test_not_ready_without_the_cache(client, settings):
    """A cache server that cannot be reached is named."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": CLOSED_PORT_REDIS}
    }  # fmt: skip
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert "127.0.0.1" not in response.content.decode()


def test_not_ready_when_storage_cannot_write(client, settings, tmp_path):
    """Media storage that cannot write a file is named."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]


def test_storage_check_leaves_no_file(client, settings, tmp_path):
    """The check's small file is deleted again."""
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/readyz").status_code == 200
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_not_ready_without_the_queue(client, settings):
    """With jobs on RQ, a Redis that cannot be reached is named as the queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": CLOSED_PORT_REDIS}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "queue": "failed"},
        "failed": ["queue"],
    }
