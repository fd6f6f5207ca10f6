"""The search index (PostgreSQL): it finds exactly what ``Article.objects.live()`` shows.

``SearchEntry`` rows are written by database triggers, so these tests change articles and
translations through every kind of write — model saves, queryset updates, deletions — and compare
the index with ``live()`` in every language at several moments.
"""

import datetime
import itertools
import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, SearchEntry, Status, Translation, TranslationStatus
from articles.search.query import search
from articles.translations.status import approve, source_edited

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
        translation = Translation.objects.create(
            article=article,
            language="tr",
            status=TranslationStatus.IN_PROGRESS,
            approved_at=None if turkish == "unapproved" else NOW,
        )
        if turkish == "withdrawn":  # approved once, then taken off the site
            Translation.objects.filter(pk=translation.pk).update(approved_at=None)
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
    # Counting and paging are the queries that run under those settings.
    with CaptureQueriesContext(connection) as queries:
        count, page = results.count(), results[0:20]
    assert count == len(page) == len(live("en", timezone.now())) > 1
    statements = [query["sql"] for query in queries]
    on_entries = [
        number for number, sql in enumerate(statements) if '"articles_searchentry"' in sql
    ]
    assert len(on_entries) == 2
    for number in on_entries:
        assert statements[number - 1] == "SET LOCAL enable_seqscan = off"


# Concurrent writers ---------------------------------------------------------------------------


def waiting_for_a_lock():
    """Whether another connection to this database waits for a lock (held by us, here)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def take_turns(first, second, timeout=15):
    """Run ``first`` and ``second`` in two transactions, on two connections, at once.

    ``first`` is a generator: it yields while holding what it wrote so far, and goes on once
    ``second`` has finished or waits for one of its locks. Returns the errors either raised.
    """
    errors = []
    holding, done = threading.Event(), threading.Event()

    def run_first():
        try:
            with transaction.atomic():
                steps = first()
                next(steps)
                holding.set()
                deadline = time.monotonic() + timeout
                while not (done.is_set() or waiting_for_a_lock()):
                    assert time.monotonic() < deadline, "the second writer neither ran nor waited"
                    time.sleep(0.02)
                for _step in steps:
                    pass
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            holding.set()
            connection.close()

    def run_second():
        holding.wait(timeout)
        try:
            with transaction.atomic():
                second()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            done.set()
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout * 2)
    return errors


@pytest.fixture
def turkish_article(analysis):
    """Written in English and Turkish; the Turkish translation is ready but not approved."""
    article = Article.objects.create(
        article_type=analysis,
        status=Status.PUBLISHED,
        publish_at=NOW - datetime.timedelta(days=1),
        title_en="Turns probe",
        slug_en="turns-probe",
        body_en="<p>English text.</p>",
        title_tr="Sıra denemesi",
        slug_tr="sira-denemesi",
        body_tr="<p>Türkçe metin.</p>",
    )
    Translation.objects.create(article=article, language="tr", status=TranslationStatus.READY)
    return article


def approve_turkish_directly(article):
    """Approval written straight to the table: only the database trigger sees it."""
    return lambda: Translation.objects.filter(article=article, language="tr").update(
        approved_at=timezone.now()
    )


@pytest.mark.django_db(transaction=True)
def test_an_edit_and_an_approval_at_once_keep_one_row_per_language(turkish_article):
    """Both rewrite the article's entries; the second waits for the first instead of failing
    on a duplicate row."""

    def edit():
        Article.objects.filter(pk=turkish_article.pk).update(title_en="Turns probe, edited")
        yield

    assert take_turns(edit, approve_turkish_directly(turkish_article)) == []
    assert indexed("en", NOW) == live("en", NOW) == {turkish_article.pk}
    assert indexed("tr", NOW) == live("tr", NOW) == {turkish_article.pk}


@pytest.mark.django_db(transaction=True)
def test_publishing_and_approving_at_once_loses_no_language(turkish_article):
    """Neither sees the other's uncommitted change; the later one still writes both rows."""
    Article.objects.filter(pk=turkish_article.pk).update(status=Status.DRAFT)
    assert indexed("en", NOW) == set()

    def publish_directly():
        Article.objects.filter(pk=turkish_article.pk).update(status=Status.PUBLISHED)
        yield

    assert take_turns(publish_directly, approve_turkish_directly(turkish_article)) == []
    assert indexed("tr", NOW) == live("tr", NOW) == {turkish_article.pk}
    assert indexed("en", NOW) == live("en", NOW) == {turkish_article.pk}


@pytest.mark.django_db(transaction=True)
def test_saving_an_article_while_its_translation_is_approved_does_not_deadlock(
    turkish_article, editor
):
    """The admin saves the article, then marks its translations; an editor approves one
    meanwhile. Both lock the article first, so they take turns."""

    def save_in_admin():
        turkish_article.title_en = "Turns probe, revised"
        turkish_article.save()
        yield
        source_edited(turkish_article, by=editor)

    def approve_in_dashboard():
        approve(Article.objects.get(pk=turkish_article.pk), ["tr"], by=editor)

    assert take_turns(save_in_admin, approve_in_dashboard) == []
    assert indexed("tr", NOW) == live("tr", NOW) == {turkish_article.pk}
