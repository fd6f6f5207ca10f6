"""The search index (PostgreSQL): it finds exactly what ``LiveVersion.objects.visible()`` shows.

Live versions are made by publishing, approving, scheduling, unpublishing and discarding, and
names change under them; these tests bring articles into every state through those actions and
compare the index with the live versions in every language at several moments.
"""

import datetime
import itertools
import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.editorial import transitions as workflow
from articles.editorial.publishing import refresh_pending_changes
from articles.models import Article, Authorship, LiveVersion, SearchEntry, Topic, TranslationStatus
from articles.search.query import search
from articles.translations.status import approve, translation_for, withdraw

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
    NOW + datetime.timedelta(days=10),
    NOW + datetime.timedelta(days=400),
)
# How the Turkish version of an article stands.
TURKISH = ("none", "unapproved", "approved", "withdrawn")
# Where the article stands with readers.
STAGES = ("draft", "published", "scheduled", "unpublished", "changes_scheduled")


def indexed(lang, at):
    entries = SearchEntry.objects.filter(language=lang, visible_from__lte=at).exclude(
        visible_until__lte=at
    )
    return set(entries.values_list("article_id", flat=True))


def live(lang, at):
    return set(LiveVersion.objects.visible(lang, at=at).values_list("article_id", flat=True))


def assert_index_agrees_with_live():
    for lang, at in itertools.product(LANGS, MOMENTS):
        assert indexed(lang, at) == live(lang, at), (lang, at)


def make(number, *, stage, original, turkish, editor, person, article_type):
    other = "en" if original == "tr" else "tr"
    article = Article.objects.create(
        article_type=article_type,
        original_language=original,
        **{
            f"title_{original}": f"State probe {number}",
            f"slug_{original}": f"state-probe-{number}",
            f"body_{original}": "<p>English text.</p>" if original == "en" else "<p>Metin.</p>",
        },
    )
    Authorship.objects.create(article=article, person=person)
    if turkish != "none":
        setattr(article, f"title_{other}", f"Durum denemesi {number}")
        setattr(article, f"slug_{other}", f"durum-denemesi-{number}")
        setattr(
            article, f"body_{other}", "<p>English text.</p>" if other == "en" else "<p>Metin.</p>"
        )
        article.save()
        if turkish in ("approved", "withdrawn"):
            approve(article, [other], by=editor)
    if stage == "published":
        workflow.publish(article, by=editor, at=NOW - datetime.timedelta(days=30))
    elif stage == "scheduled":
        workflow.publish(article, by=editor, at=NOW + datetime.timedelta(days=30))
    elif stage == "unpublished":
        workflow.publish(article, by=editor, at=NOW - datetime.timedelta(days=30))
        workflow.unpublish(article, by=editor)
    elif stage == "changes_scheduled":
        workflow.publish(article, by=editor, at=NOW - datetime.timedelta(days=30))
        setattr(article, f"title_{original}", f"State probe {number}, revised")
        article.save()
        workflow.schedule(article, by=editor, at=NOW + datetime.timedelta(days=5))
    if turkish == "withdrawn":
        withdraw(article, other, by=editor)
    return article


@pytest.fixture
def states(analysis, editor, person):
    """One article for each combination of stage, original language and Turkish state."""
    combinations = itertools.product(STAGES, ("en", "tr"), TURKISH)
    return [
        make(
            number,
            stage=stage,
            original=original,
            turkish=turkish,
            editor=editor,
            person=person,
            article_type=analysis,
        )
        for number, (stage, original, turkish) in enumerate(combinations)
    ]


def test_the_index_holds_what_is_live_in_every_state(states):
    """Whatever the stage, original language and approval, the two agree at every moment."""
    assert_index_agrees_with_live()
    # The comparison is not vacuous: some articles are live, others are not, in each language.
    for lang in ("en", "tr"):
        assert 0 < len(live(lang, NOW)) < len(states)
    assert live("en", NOW) != live("en", MOMENTS[3])


def test_the_index_follows_every_kind_of_change(states, editor, person):
    """Publishing and scheduling changes, discarding them, approving, withdrawing,
    unpublishing, deleting, and renaming a person or a topic all reach the index."""
    published = [article for article in states if workflow.state_of(article) == "published"]
    for article in published[::3]:
        workflow.unpublish(article, by=editor)
    for article in published[1::3]:
        article.refresh_from_db()
        setattr(article, f"summary_{article.original_language}", "A revised summary.")
        article.save()
        refresh_pending_changes(article)
        workflow.publish_changes(article, by=editor)
    topic = Topic.objects.create(name_en="Kelp", slug_en="kelp")
    for article in published[2::3]:
        article.topics.add(topic)
        refresh_pending_changes(article)
        workflow.schedule(article, by=editor, at=NOW + datetime.timedelta(days=20))
    for article in published[2::6]:
        workflow.discard_changes(Article.objects.get(pk=article.pk), by=editor)
    for article in states[::5]:
        waiting = translation_for(article, "tr").status != TranslationStatus.APPROVED
        if article.original_language == "en" and article.title_tr and waiting:
            approve(Article.objects.get(pk=article.pk), ["tr"], by=editor)
    topic.name_en = "Seaweed"
    topic.save()
    person.family_name = "Renamed"
    person.save()
    Article.objects.filter(pk__in=[article.pk for article in states[::11]]).delete()
    assert_index_agrees_with_live()


def test_search_answers_from_the_index_even_for_a_word_in_every_article(states):
    """A word found everywhere is still looked up in the GIN index, never by reading every
    document (the planner does not cost the out-of-line vectors and would scan them)."""
    results = search("en", "english")
    with results.planner_settings():
        plans = [results.matches.explain(), results.ranked.explain()]
        tiers = [tier.explain() for tier in results.tiers]
    for plan in plans:
        assert "Seq Scan" not in plan
        assert "articles_searchentry_en_document" in plan
    for plan in tiers:  # the page's three tiers (``FullTextResults.ranks``)
        assert "Seq Scan" not in plan
    # Counting and paging are the queries that run under those settings.
    with CaptureQueriesContext(connection) as queries:
        count, page = results.count(), results[0:20]
    assert count == len(page) == len(live("en", timezone.now())) > 1
    statements = [query["sql"] for query in queries]
    on_entries = [
        number for number, sql in enumerate(statements) if '"articles_searchentry"' in sql
    ]
    assert 2 <= len(on_entries) <= 4  # the count, then the tiers the page reaches
    for number in on_entries:
        settings = [sql for sql in statements[:number] if sql.startswith("SET LOCAL")]
        assert settings[-1] == "SET LOCAL enable_seqscan = off"


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
def turkish_article(analysis, editor, person):
    """Published in English, with a Turkish translation that is ready but not approved."""
    article = Article.objects.create(
        article_type=analysis,
        title_en="Turns probe",
        slug_en="turns-probe",
        body_en="<p>English text.</p>",
        title_tr="Sıra denemesi",
        slug_tr="sira-denemesi",
        body_tr="<p>Türkçe metin.</p>",
    )
    Authorship.objects.create(article=article, person=person)
    workflow.publish(article, by=editor, at=NOW - datetime.timedelta(days=1))
    return article


@pytest.mark.django_db(transaction=True)
def test_publishing_changes_and_approving_at_once_keep_one_row_per_language(
    turkish_article, editor
):
    """Both rewrite the article's versions; the second waits for the first instead of failing
    on a duplicate row or losing a language."""

    def publish_changes():
        article = Article.objects.get(pk=turkish_article.pk)
        article.title_en = "Turns probe, edited"
        article.save()
        refresh_pending_changes(article)
        workflow.publish_changes(article, by=editor)
        yield

    def approve_turkish():
        approve(Article.objects.get(pk=turkish_article.pk), ["tr"], by=editor)

    assert take_turns(publish_changes, approve_turkish) == []
    now = timezone.now()
    assert indexed("en", now) == live("en", now) == {turkish_article.pk}
    assert indexed("tr", now) == live("tr", now) == {turkish_article.pk}
    assert LiveVersion.objects.visible("tr").get(article=turkish_article).title == "Sıra denemesi"
