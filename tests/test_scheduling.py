"""Scheduled publishing without cron: with the clock under test control, an article scheduled for
10:00 is invisible at 09:59 and live at 10:00 on its page, in lists and through the queryset."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import dateparse, timezone

from articles.editorial import transitions as workflow
from articles.models import Article, Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

NINE = datetime.datetime(2031, 3, 4, 9, 0, tzinfo=datetime.UTC)
TEN = datetime.datetime(2031, 3, 4, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def scheduled(make_article, editor):
    """An article scheduled at 09:00 for 10:00 the same day."""
    with time_machine.travel(NINE, tick=False):
        article = make_article(published=False, slug_en="scheduled-piece")
        workflow.schedule(article, by=editor, at=TEN)
    return article


def test_scheduling_records_a_schedule_activity_with_its_time(scheduled):
    """The audit line says “scheduled” and holds the publication time."""
    entry = scheduled.activities.get()
    assert entry.action == "schedule"
    assert dateparse.parse_datetime(entry.data["publish_at"]) == TEN
    assert scheduled.status == Status.PUBLISHED and scheduled.publish_at == TEN


def test_scheduled_article_goes_live_exactly_at_its_time(scheduled, client):
    """At 09:59:59 the page is 404 and lists lack it; at 10:00 both show it."""
    with time_machine.travel(TEN - datetime.timedelta(seconds=1), tick=False):
        assert scheduled.is_scheduled
        assert not Article.objects.live("en").filter(pk=scheduled.pk).exists()
        assert client.get("/en/articles/scheduled-piece/").status_code == 404
        assert "Grid links across the Caspian" not in client.get("/en/").content.decode()
    with time_machine.travel(TEN, tick=False):
        assert not Article.objects.get(pk=scheduled.pk).is_scheduled
        assert Article.objects.live("en").filter(pk=scheduled.pk).exists()
        assert client.get("/en/articles/scheduled-piece/").status_code == 200
        assert "Grid links across the Caspian" in client.get("/en/").content.decode()


def test_schedule_refuses_a_past_time(make_article, editor):
    """Scheduling needs a future time; the article stays a draft."""
    article = make_article(published=False)
    with time_machine.travel(TEN, tick=False), pytest.raises(ValidationError, match="future"):
        workflow.schedule(article, by=editor, at=NINE)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_scheduled_article_can_be_moved_or_published_now(scheduled, editor):
    """Before its time an editor may move the time or publish at once; both are logged."""
    later = TEN + datetime.timedelta(hours=2)
    with time_machine.travel(NINE, tick=False):
        workflow.schedule(scheduled, by=editor, at=later)
        assert scheduled.publish_at == later
        workflow.publish(scheduled, by=editor)
        assert scheduled.publish_at == NINE and not scheduled.is_scheduled
    assert [e.action for e in scheduled.activities.order_by("id")] == [
        "schedule",
        "schedule",
        "publish",
    ]


def test_live_article_cannot_be_rescheduled(make_article, editor):
    """Once live, an article must be unpublished before it is scheduled again."""
    article = make_article()
    with pytest.raises(workflow.TransitionError, match="allowed from"):
        workflow.schedule(article, by=editor, at=timezone.now() + datetime.timedelta(days=1))


def test_unpublishing_a_scheduled_article_cancels_it(scheduled, editor):
    """Unpublished before 10:00, it never goes live."""
    with time_machine.travel(NINE, tick=False):
        workflow.unpublish(scheduled, by=editor)
    with time_machine.travel(TEN, tick=False):
        assert not Article.objects.live("en").filter(pk=scheduled.pk).exists()


def test_schedule_button_takes_a_local_time(make_article, role_editor, client, settings):
    """The admin's schedule form reads the time in the editors' time zone."""
    settings.TIME_ZONE = "Europe/Istanbul"  # UTC+3
    article = make_article(published=False)
    with time_machine.travel(NINE, tick=False):
        client.force_login(role_editor)  # inside: a session from today has expired by 2031
        response = client.post(
            f"/admin/articles/article/{article.pk}/transition/schedule/",
            {"publish_at": "2031-03-04T13:00"},
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.publish_at == TEN and article.status == Status.PUBLISHED


def test_dashboard_lists_scheduled_articles_with_their_times(scheduled, role_editor, client):
    """The admin start page shows the scheduled article and its time until it goes live."""
    with time_machine.travel(NINE, tick=False):
        client.force_login(role_editor)
        page = client.get("/admin/").content.decode()
    section = page.split('id="scheduled"')[1].split('class="module"')[0]
    assert "Grid links across the Caspian" in section and TEN.isoformat() in section
