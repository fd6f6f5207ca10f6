"""Background jobs in-process (no REDIS_URL): run at once, retried, listed in the admin when they
fail, retried from there; and the site's jobs (link checks, e-mail to translators, search
refreshes, re-rendering) are idempotent. The same jobs on a real queue: test_job_queue.py."""

import http.server
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from articles import tasks as article_tasks
from articles.models import SearchEntry
from articles.translations import status as tw
from articles.translations.notifications import send_translation_request
from audit.models import LogEntry
from citations.models import Source
from citations.tasks import check_source_link
from tests import jobs
from thinktank.models import FailedTask
from thinktank.tasks import Retries, enqueue, retry, runs_in_process

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def source(db):
    return Source.objects.create(kind="web", title="Old title", url="https://example.org/a")


def test_without_a_queue_jobs_run_at_once_in_the_process(source):
    """With no REDIS_URL a job enqueued runs before ``enqueue`` returns."""
    assert runs_in_process(jobs.rename_source)
    enqueue(jobs.rename_source, source.pk, "New title")
    source.refresh_from_db()
    assert source.title == "New title"
    assert not FailedTask.objects.exists()


def test_arguments_must_be_json(source):
    """A model instance is refused as an argument: jobs get ids and read the database."""
    with pytest.raises(TypeError):
        enqueue(jobs.rename_source, source, "New title")


def test_a_failing_job_is_retried_then_listed_as_failed(source):
    """A job declaring two retries runs three times, then stays in the list with its error and
    traceback."""
    Source.objects.filter(pk=source.pk).update(outlet="broken")
    enqueue(jobs.rename_source, source.pk, "New title")
    failed = FailedTask.objects.get()
    assert failed.task == "tests.jobs.rename_source"
    assert (failed.args, failed.kwargs) == ([source.pk, "New title"], {})
    assert failed.attempts == 3
    assert failed.state == FailedTask.State.FAILED
    assert failed.error == f"RuntimeError: source {source.pk} is broken"
    assert "Traceback" in failed.traceback and "rename_source" in failed.traceback
    assert "During handling" not in failed.traceback


def test_a_failed_job_that_later_succeeds_leaves_the_list(source):
    """Retrying a failed job that now works runs it, and its row goes."""
    Source.objects.filter(pk=source.pk).update(outlet="broken")
    enqueue(jobs.rename_source, source.pk, "New title")
    Source.objects.filter(pk=source.pk).update(outlet="")
    retry(FailedTask.objects.get())
    source.refresh_from_db()
    assert source.title == "New title"
    assert not FailedTask.objects.exists()


def test_a_failing_job_does_not_break_the_callers_transaction(source):
    """In-process, a job failing with a database error inside the caller's transaction leaves
    that transaction usable and the caller's writes in place."""
    with transaction.atomic():
        Source.objects.filter(pk=source.pk).update(outlet="Caller's write")
        enqueue(jobs.copy_source, source.pk)
        assert Source.objects.get(pk=source.pk).outlet == "Caller's write"
    assert FailedTask.objects.get().error.startswith("IntegrityError")


def test_backoff_doubles():
    """Retries wait ``backoff`` seconds, then twice, then four times as long."""
    assert [Retries(3, 30).delay(n) for n in (1, 2, 3)] == [30, 60, 120]


def test_on_a_queue_jobs_are_handed_over_when_the_transaction_commits(
    source, settings, django_capture_on_commit_callbacks
):
    """With a queue, ``enqueue`` inside a transaction waits for the commit: a worker never
    looks for rows it cannot see yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue(jobs.rename_source, source.pk, "New title")
    assert len(callbacks) == 1


# The admin's list of failed tasks --------------------------------------------------------------


@pytest.fixture
def failed_job(source):
    Source.objects.filter(pk=source.pk).update(outlet="broken")
    enqueue(jobs.rename_source, source.pk, "New title")
    return FailedTask.objects.get()


def test_editors_see_failed_tasks_with_their_error(client, role_editor, failed_job):
    """The list names the task, its arguments, the error and the number of failed runs."""
    client.force_login(role_editor)
    response = client.get(reverse("admin:thinktank_failedtask_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tests.jobs.rename_source" in page
    assert f"{failed_job.args[0]}, &quot;New title&quot;" in page
    assert "is broken" in page
    detail = client.get(reverse("admin:thinktank_failedtask_change", args=[failed_job.pk]))
    assert "Traceback" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()  # a record to read, not to edit
    assert client.post(reverse("admin:thinktank_failedtask_change", args=[failed_job.pk]),
                       {"task": "x"}).status_code == 403  # fmt: skip


def test_editors_retry_from_the_admin(client, role_editor, failed_job, source):
    """The "retry" action runs the job again; once it works it leaves the list."""
    Source.objects.filter(pk=source.pk).update(outlet="")
    client.force_login(role_editor)
    response = client.post(
        reverse("admin:thinktank_failedtask_changelist"),
        {"action": "retry_selected", "_selected_action": [failed_job.pk]},
        follow=True,
    )
    assert "1 task sent to the queue again." in response.content.decode()
    source.refresh_from_db()
    assert source.title == "New title"
    assert not FailedTask.objects.exists()


def test_a_retry_that_fails_again_counts_one_more_run(client, role_editor, failed_job):
    """Retrying a job that still fails runs it once more and records who asked."""
    client.force_login(role_editor)
    client.post(
        reverse("admin:thinktank_failedtask_changelist"),
        {"action": "retry_selected", "_selected_action": [failed_job.pk]},
    )
    failed_job.refresh_from_db()
    assert failed_job.attempts == 4
    assert failed_job.state == FailedTask.State.FAILED
    assert failed_job.retried_by == role_editor


def test_contributors_and_translators_do_not_see_failed_tasks(client, make_user, failed_job):
    """Only editors and administrators have the failed-task list."""
    for role in ("Contributor", "Translator"):
        client.force_login(make_user(role.lower(), role))
        url = reverse("admin:thinktank_failedtask_changelist")
        assert client.get(url).status_code == 403


# The site's jobs -------------------------------------------------------------------------------


class Answers(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def web():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_link_check_job_records_the_outcome_and_can_run_again(web):
    """Checking a source twice records the same outcome; a deleted source is no error."""
    good = Source.objects.create(kind="web", title="Good", url=f"{web}/ok")
    gone = Source.objects.create(kind="web", title="Gone", url=f"{web}/gone")
    for _ in range(2):
        enqueue(check_source_link, good.pk, 2.0)
        enqueue(check_source_link, gone.pk, 2.0)
    good.refresh_from_db()
    gone.refresh_from_db()
    assert (good.link_ok, good.link_status) == (True, 200)
    assert (gone.link_ok, gone.link_status) == (False, 404)
    assert check_source_link.call(999_999) is None


def test_check_links_can_queue_one_job_per_source(web):
    """``check_links --enqueue`` queues a check per source (run at once without a queue)."""
    Source.objects.create(kind="web", title="Good", url=f"{web}/ok")
    Source.objects.create(kind="web", title="Gone", url=f"{web}/gone")
    out = StringIO()
    call_command("check_links", "--enqueue", "--timeout", "2", stdout=out)
    assert "Queued 2 source(s) for checking." in out.getvalue()
    assert sorted(Source.objects.values_list("link_ok", flat=True)) == [False, True]


def test_translators_are_emailed_once_even_if_the_job_runs_again(
    make_article, make_translator, editor
):
    """The e-mail to translators is a job; running it again sends nothing twice."""
    article = make_article(published=False)
    make_translator("tuna", "tr")
    tw.request_translation(article, ["tr"], by=editor)
    assert [message.to for message in mail.outbox] == [["tuna@example.org"]]
    entry = LogEntry.objects.filter(action="translation_request").latest("pk")
    assert send_translation_request.call(entry.pk) == 0
    assert len(mail.outbox) == 1
    make_translator("tara", "tr")
    assert send_translation_request.call(entry.pk) == 1
    assert [message.to for message in mail.outbox][1:] == [["tara@example.org"]]


def test_a_failing_mail_server_is_retried_and_listed(
    make_article, make_translator, editor, settings
):
    """When the mail server fails, the request still happens and the e-mail job is listed."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    article = make_article(published=False)
    make_translator("tuna", "tr")
    tw.request_translation(article, ["tr"], by=editor)
    failed = FailedTask.objects.get()
    assert failed.task == "articles.translations.notifications.send_translation_request"
    assert failed.attempts == 4


def test_search_refresh_job_rewrites_the_entries_and_can_run_again(make_article):
    """The job writes an article's search entries back (PostgreSQL; SQLite has no index), and
    a second run leaves them as they are."""
    article = make_article()
    before = sorted(SearchEntry.objects.filter(article=article).values_list("language", flat=True))
    SearchEntry.objects.filter(article=article).delete()
    enqueue(article_tasks.refresh_search_index, article.pk)
    enqueue(article_tasks.refresh_search_index, article.pk)
    after = sorted(SearchEntry.objects.filter(article=article).values_list("language", flat=True))
    assert after == before
    assert before == (["en"] if connection.vendor == "postgresql" else [])
    assert not FailedTask.objects.exists()


def test_refresh_dependents_renders_the_pages_showing_a_person_again(make_article, person, client):
    """A person renamed behind the signals' back (a bulk update) reaches the article page once
    the job runs, and running it twice does no harm."""
    article = make_article()
    url = article.get_absolute_url("en")
    assert "Ayla Demir" in client.get(url).content.decode()
    type(person).objects.filter(pk=person.pk).update(family_name="Yıldız")
    enqueue(article_tasks.refresh_dependents, "person", person.pk)
    enqueue(article_tasks.refresh_dependents, "person", person.pk)
    page = client.get(url).content.decode()
    assert "Ayla Yıldız" in page and "Ayla Demir" not in page
    assert not FailedTask.objects.exists()
