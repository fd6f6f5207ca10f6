"""The search index (PostgreSQL): it finds exactly what ``Article.objects.live()`` shows.

``SearchEntry`` rows are written by database triggers, so these tests change articles and
translations through every kind of write — model saves, queryset updates, deletions — and compare
the index with ``live()`` in every language at several moments.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, SearchEntry, Status, Translation, TranslationStatus
from articles.search import search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the search index is PostgreSQL's"
    ),
]

LANGS = ("en", "tr", "ru")
NOW = timezone.now()
MOMENTS = (
    NOW,
    NOW - datetime.timedelta(days=400),
    NOW + datetime.timedelta(days=400),
)
# How the Turkish version of an article stands.
TURKISH = ("none", "unapproved", "approved", "withdrawn")


def indexed(lang, at):
    entries = SearchEntry.objects.filter(language=lang, visible_from__lte=at)
    return set(entries.values_list("article_id", flat=True))


def live(lang, at):
    return set(Article.objects.live(lang, at=at).values_list("pk", flat=True))


def assert_index_agrees_with_live():
    for lang, at in itertools.product(LANGS, MOMENTS):
        assert indexed(lang, at) == live(lang, at), (lang, at)


def make(number, *, status, publish_at, original, turkish, body_tr, article_type):
    article = Article.objects.create(
        article_type=article_type,
        original_language=original,
        status=status,
        publish_at=publish_at,
        title_en=f"State probe {number}",
        slug_en=f"state-probe-{number}",
        body_en="<p>English text.</p>",
        title_tr=f"Durum denemesi {number}",
        slug_tr=f"durum-denemesi-{number}",
        body_tr=body_tr,
    )
    if turkish != "none" and original != "tr":
        Translation.objects.create(
            article=article,
            language="tr",
            status=TranslationStatus.APPROVED
            if turkish == "approved"
            else TranslationStatus.IN_PROGRESS,
            approved_at=NOW if turkish == "approved" else None,
        )
    return article


@pytest.fixture
def states(analysis):
    """One article for each combination of status, publication time, original language,
    Turkish translation state and Turkish body."""
    combinations = itertools.product(
        Status.values,
        (None, NOW - datetime.timedelta(days=30), NOW + datetime.timedelta(days=30)),
        ("en", "tr"),
        TURKISH,
        (None, "", "<p>Türkçe metin.</p>"),
    )
    return [
        make(
            number,
            status=status,
            publish_at=publish_at,
            original=original,
            turkish=turkish,
            body_tr=body_tr,
            article_type=analysis,
        )
        for number, (status, publish_at, original, turkish, body_tr) in enumerate(combinations)
    ]


def test_the_index_holds_what_is_live_in_every_state(states):
    """Whatever the status, time, original language, approval and text, the two agree."""
    assert_index_agrees_with_live()
    # The comparison is not vacuous: some articles are live, others are not, in each language.
    for lang in ("en", "tr"):
        assert 0 < len(live(lang, NOW)) < len(states)
    assert live("en", NOW) != live("en", MOMENTS[2])


def test_the_index_follows_every_kind_of_write(states):
    """Saves, queryset updates, approvals, withdrawals and deletions all reach the index."""
    published = [article for article in states if article.status == Status.PUBLISHED]
    Article.objects.filter(pk__in=[article.pk for article in published[::3]]).update(
        status=Status.UNPUBLISHED
    )
    Article.objects.filter(pk__in=[article.pk for article in states[::5]]).update(
        status=Status.PUBLISHED, publish_at=NOW - datetime.timedelta(days=2)
    )
    Article.objects.filter(pk__in=[article.pk for article in states[1::7]]).update(title_tr="")
    Article.objects.filter(pk__in=[article.pk for article in states[2::7]]).update(
        body_tr="<p>Yeni metin.</p>"
    )
    Translation.objects.filter(article__in=states[::4]).update(approved_at=None)
    Translation.objects.filter(article__in=states[1::4]).update(approved_at=NOW)
    Translation.objects.filter(article__in=states[2::4]).delete()
    for article in states[3::6]:
        article.refresh_from_db()
        article.original_language = "ru" if article.original_language == "en" else "en"
        article.title_ru, article.slug_ru = "Проба", f"proba-{article.pk}"
        article.body_ru = "<p>Текст.</p>"
        article.save()
    Article.objects.filter(pk__in=[article.pk for article in states[::11]]).delete()
    assert_index_agrees_with_live()


def test_search_answers_from_the_index_even_for_a_word_in_every_article(states):
    """A word found everywhere is still looked up in the GIN index, never by reading every
    document (the planner does not cost the out-of-line vectors and would scan them)."""
    results = search("en", "english")
    with results.planner_settings():
        plans = [results.matches.explain(), results.ranked.explain()]
    for plan in plans:
        assert "Seq Scan" not in plan
        assert "articles_searchentry_en_document" in plan
    assert results.count() == len(live("en", timezone.now()))
