"""Background jobs on a real queue: the Redis of this machine (its database 5, or
``TEST_REDIS_URL``) and RQ workers — one in this process, and ``manage.py rqworker`` in another
on a scratch database. A job enqueued runs on the worker, a failing one is retried and then
listed as failed in the admin, and "retry" there runs it again."""

import os
import subprocess
import sys
from datetime import timedelta

import django_rq
import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_rq import Job
from redis import Redis
from rq import SimpleWorker
from rq.registry import ScheduledJobRegistry

from citations.models import Source
from tests import jobs
from tests.scratch import ROOT, run_python, scratch_database_url
from thinktank.models import FailedTask
from thinktank.tasks import enqueue, runs_in_process

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
RQ_BACKEND = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def redis(settings):
    """Jobs go to RQ on the test Redis database, emptied before and after."""
    settings.TASKS = RQ_BACKEND
    settings.RQ_QUEUES = {"default": {"URL": TEST_REDIS_URL}}
    connection = Redis.from_url(TEST_REDIS_URL)
    connection.flushdb()
    yield connection
    connection.flushdb()


def work():
    """An RQ worker in this process (it shares the test's database transaction) runs every job
    in the queue, and the retries those add, then stops."""
    queue = django_rq.get_queue("default")
    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True)


@pytest.fixture
def source(db):
    return Source.objects.create(kind="web", title="Old title", url="https://example.org/a")


def test_a_job_waits_in_redis_until_a_worker_runs_it(
    redis, source, django_capture_on_commit_callbacks
):
    """Enqueued after the commit, the job sits in the queue; the worker runs it."""
    assert not runs_in_process(jobs.rename_source)
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(jobs.rename_source, source.pk, "New title")
    assert django_rq.get_queue("default").count == 1
    source.refresh_from_db()
    assert source.title == "Old title"
    work()
    source.refresh_from_db()
    assert source.title == "New title"
    assert django_rq.get_queue("default").count == 0


def test_a_failing_job_is_retried_listed_and_retried_from_the_admin(
    redis, source, client, role_editor, django_capture_on_commit_callbacks
):
    """Three runs on the worker, then the admin lists the job as failed; "retry" queues it,
    and the worker runs it again (successfully, now that it can)."""
    Source.objects.filter(pk=source.pk).update(outlet="broken")
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(jobs.rename_source, source.pk, "New title")
    work()
    failed = FailedTask.objects.get()
    assert (failed.attempts, failed.state) == (3, FailedTask.State.FAILED)

    client.force_login(role_editor)
    page = client.get(reverse("admin:thinktank_failedtask_changelist")).content.decode()
    assert "tests.jobs.rename_source" in page and "is broken" in page

    Source.objects.filter(pk=source.pk).update(outlet="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:thinktank_failedtask_changelist"),
            {"action": "retry_selected", "_selected_action": [failed.pk]},
        )
    failed.refresh_from_db()
    assert failed.state == FailedTask.State.QUEUED
    assert django_rq.get_queue("default").count == 1
    work()
    source.refresh_from_db()
    assert source.title == "New title"
    assert not FailedTask.objects.exists()


def test_a_retry_with_backoff_waits_in_the_schedule(redis, django_capture_on_commit_callbacks):
    """A failed job with a backoff is scheduled for later, not run again at once."""
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(jobs.always_fails, "the report")
    before = timezone.now()
    work()
    failed = FailedTask.objects.get()
    assert (failed.attempts, failed.state) == (1, FailedTask.State.RETRYING)
    assert before + timedelta(seconds=29) < failed.next_attempt_at
    assert failed.next_attempt_at < before + timedelta(seconds=35)
    registry = ScheduledJobRegistry(queue=django_rq.get_queue("default"))
    assert registry.count == 1
    assert django_rq.get_queue("default").count == 0


@pytest.mark.slow
def test_manage_py_rqworker_runs_the_jobs(tmp_path):
    """``manage.py rqworker --burst`` in its own process runs queued jobs against the database:
    one that works, and one that fails three times and is then listed as failed."""
    url = scratch_database_url("thinktank_job_queue", tmp_path)
    Redis.from_url(TEST_REDIS_URL).flushdb()
    env = {"REDIS_URL": TEST_REDIS_URL, "TASKS_BACKEND": "rq"}
    run_python(["manage.py", "migrate", "--noinput", "-v", "0"], database_url=url)
    script = (
        "import django; django.setup();"
        "from citations.models import Source; from tests import jobs;"
        "from thinktank.tasks import enqueue;"
        "good = Source.objects.create(kind='web', title='Old', url='https://example.org/g');"
        "bad = Source.objects.create(kind='web', title='Old', url='https://example.org/b',"
        " outlet='broken');"
        "enqueue(jobs.rename_source, good.pk, 'New'); enqueue(jobs.rename_source, bad.pk, 'New')"
    )
    environment = {**os.environ, "DEBUG": "1", "DATABASE_URL": url, **env}
    environment["DJANGO_SETTINGS_MODULE"] = "thinktank.settings"
    for args in (["-c", script], ["manage.py", "rqworker", "--burst"]):
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
    check = (
        "import django; django.setup();"
        "from citations.models import Source; from thinktank.models import FailedTask;"
        "print(sorted(Source.objects.values_list('title', flat=True)));"
        "print([(f.task, f.attempts, f.state) for f in FailedTask.objects.all()])"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    Redis.from_url(TEST_REDIS_URL).flushdb()
    assert done.stdout.splitlines() == [
        "['New', 'Old']",
        "[('tests.jobs.rename_source', 3, 'failed')]",
    ], done.stderr[-3000:]
