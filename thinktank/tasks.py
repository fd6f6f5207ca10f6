"""Background jobs: Django's tasks API (django-tasks), with retries and a list of failures.

Declare a job with ``@task`` (optionally ``retries=`` and ``backoff=``) and start it with
``enqueue(the_task, *args)``. Where it runs is configuration (``settings.TASKS``): on Redis through
RQ when ``REDIS_URL`` is set, run by ``manage.py rqworker --with-scheduler``; otherwise at once,
in the process that enqueues it (the SQLite demo, the tests).

The rules every job follows:

- **Idempotent.** A job may run twice (a retry, a worker that died, an editor's "retry"), so
  running it again must do no harm: it reads the current state from the database by id, does
  nothing when its object is gone, and writes results rather than increments.
- **JSON arguments.** Ids and short strings, never model instances: the job runs later,
  elsewhere, on what the database holds then.
- **After the commit.** ``enqueue`` inside a transaction hands the job to the queue once the
  transaction commits, so a worker never looks for rows it cannot see yet. In-process jobs
  run at once, inside the transaction, behind a savepoint.
- **Failures are visible.** A run that raises is counted in ``thinktank.models.FailedTask``
  (listed in the admin, where editors can retry it); a task that declares ``retries`` runs
  again after ``backoff`` seconds, doubling each time, before it is left as failed. A run
  that succeeds clears its row.
"""

import functools
import logging
import traceback
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import django_tasks
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import DEFAULT_TASK_QUEUE_NAME, Task
from django_tasks.utils import normalize_json

from thinktank.models import FailedTask

logger = logging.getLogger(__name__)

DEFAULT_BACKOFF = 60.0


@dataclass(frozen=True)
class Retries:
    """How often a failed job runs again, and after how long."""

    count: int = 0
    backoff: float = DEFAULT_BACKOFF  # seconds before the first retry; doubles each time

    def delay(self, failures: int) -> float:
        """Seconds to wait before the run after the ``failures``-th failure."""
        return self.backoff * 2 ** (failures - 1)


def task(
    *, retries: int = 0, backoff: float = DEFAULT_BACKOFF, queue_name: str = DEFAULT_TASK_QUEUE_NAME
) -> Callable[[Callable[..., Any]], Task]:
    """Declare a background job: ``django_tasks.task`` whose runs record their failures and,
    with ``retries``, run again after ``backoff`` seconds (then twice that, and so on)."""

    def declare(function: Callable[..., Any]) -> Task:
        path = f"{function.__module__}.{function.__qualname__}"

        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                # In-process, a job runs inside its caller's transaction: a savepoint keeps a
                # failing job from breaking it.
                with transaction.atomic() if connection.in_atomic_block else nullcontext():
                    result = function(*args, **kwargs)
            except Exception as error:
                failure = error
            else:
                FailedTask.objects.succeeded(path, list(args), kwargs)
                return result
            # Out of the except block: an in-process retry's traceback is its own.
            failed(import_string(path), list(args), kwargs, failure)
            raise failure

        run.retries = Retries(retries, backoff)
        return django_tasks.task(run, queue_name=queue_name)

    return declare


def runs_in_process(job: Task) -> bool:
    """Whether ``job`` runs at once in this process rather than on a queue's worker."""
    return isinstance(job.get_backend(), ImmediateBackend)


def enqueue(job: Task, *args: Any, **kwargs: Any) -> None:
    """Run ``job(*args, **kwargs)`` in the background: on the queue once the current
    transaction commits (at once outside one), or now when jobs run in-process."""
    args, kwargs = normalize_json(args), normalize_json(kwargs)  # TypeError for anything else
    if runs_in_process(job):
        job.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(functools.partial(job.enqueue, *args, **kwargs), robust=True)


def failed(job: Task, args: list, kwargs: dict, error: Exception) -> FailedTask:
    """Record a failed run of ``job`` and, while its retries last, run it again later."""
    row = FailedTask.objects.record(
        job.module_path,
        args,
        kwargs,
        error=f"{type(error).__name__}: {error}",
        traceback="".join(traceback.format_exception(error)),
    )
    policy: Retries = getattr(job.func, "retries", Retries())
    if row.attempts > policy.count:
        logger.error("Task %s failed for good after %d run(s)", job.module_path, row.attempts)
        return row
    delay = policy.delay(row.attempts)
    if delay > 0 and job.get_backend().supports_defer:
        at = timezone.now() + timedelta(seconds=delay)
        row.will_retry(at)
        job = job.using(run_after=at)
    else:
        row.will_retry(None)
    logger.warning("Task %s failed (run %d), retrying", job.module_path, row.attempts)
    # Straight to the queue: the failure is recorded, and a worker runs outside transactions.
    job.enqueue(*args, **kwargs)
    return row


def retry(row: FailedTask, *, by: Any = None) -> None:
    """Send a failed job to the queue again (the admin's "retry" action)."""
    job = import_string(row.task)
    if not isinstance(job, Task):
        raise TypeError(f"{row.task} is not a task")
    row.queued_again(by)
    enqueue(job, *row.args, **row.kwargs)
