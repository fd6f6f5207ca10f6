"""Is this instance ready to serve? One check per service it needs (``/readyz``).

Each check returns nothing when the service works and raises when it does not: every database
answers a query; the cache keeps a value; the default storage writes, reads and deletes a small
file; the task queue's Redis answers a ping (when jobs run on RQ; in-process jobs need nothing).
"""

import logging
import uuid
from collections.abc import Callable

import django_rq
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django_tasks import task_backends
from django_tasks_rq import RQBackend

logger = logging.getLogger(__name__)


def check_databases() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache() -> None:
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not keep a value")
    finally:
        cache.delete(key)


def check_storage() -> None:
    content = uuid.uuid4().hex.encode()
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(content))
    try:
        with default_storage.open(name) as stored:
            if stored.read() != content:
                raise RuntimeError("the storage did not return what it was given")
    finally:
        default_storage.delete(name)


def check_queue() -> None:
    for backend in task_backends.all():
        if isinstance(backend, RQBackend):
            for queue in backend.queues:
                django_rq.get_connection(queue).ping()


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_databases,
    "cache": check_cache,
    "storage": check_storage,
    "queue": check_queue,
}


def run_checks() -> dict[str, bool]:
    """Each check's name and whether it passed; a failure's cause goes to the log only (the
    answer is public, and errors can name hosts)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = False
        else:
            results[name] = True
    return results
