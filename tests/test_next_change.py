"""Cached pages last until the next scheduled change: what ``LiveVersion.objects.next_change()``
finds (one statement of two index probes) is what a CDN is told in ``s-maxage``."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import LiveVersion
from tests.public_fixtures import make_live_article

pytestmark = pytest.mark.django_db


def shared_max_age(client, url="/en/articles/"):
    response = client.get(url)
    assert response.status_code == 200
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))


def test_nothing_scheduled_keeps_pages_the_full_time(client, analysis, person, editor, settings):
    settings.PAGE_CACHE_SECONDS = 600
    make_live_article(editor, analysis, [person], titles={"en": "Grids"})
    assert LiveVersion.objects.next_change() is None
    assert shared_max_age(client) == 600


def test_a_scheduled_publication_shortens_the_time_pages_are_kept(
    client, analysis, person, editor, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    make_live_article(editor, analysis, [person], titles={"en": "Grids"})
    opening = timezone.now() + timedelta(seconds=120)
    make_live_article(editor, analysis, [person], titles={"en": "Pipelines"}, at=opening)
    assert abs(LiveVersion.objects.next_change() - opening) < timedelta(seconds=1)
    assert 100 <= shared_max_age(client) <= 120


def test_a_scheduled_end_counts_when_it_comes_first(client, analysis, person, editor, settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_live_article(editor, analysis, [person], titles={"en": "Grids"})
    make_live_article(
        editor,
        analysis,
        [person],
        titles={"en": "Pipelines"},
        at=timezone.now() + timedelta(seconds=300),
    )
    closing = timezone.now() + timedelta(seconds=90)
    LiveVersion.objects.filter(article=article).update(visible_until=closing)
    assert abs(LiveVersion.objects.next_change() - closing) < timedelta(seconds=1)
    assert 70 <= shared_max_age(client) <= 90
    # Moments already past are not "next".
    LiveVersion.objects.filter(article=article).update(
        visible_until=timezone.now() - timedelta(seconds=5)
    )
    assert LiveVersion.objects.next_change() > timezone.now() + timedelta(seconds=200)
