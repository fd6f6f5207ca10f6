"""The topics and regions index pages count each term's articles live in the page's language, and
the count a reader sees changes at once when an article is published, withdrawn, deleted or
reaches its scheduled time — read from counts kept as live versions change, in a fixed number of
queries however many articles there are."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import listings
from articles.editorial import transitions as workflow
from articles.editorial.publishing import refresh_pending_changes
from articles.models import RegionCount, RegionListing, TopicCount, TopicListing
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_page_cache(settings):
    """Each request builds its page: what it shows now, and what building it costs."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "thinktank.pagecache.PageCacheMiddleware"
    ]


def counts(client, url):
    """``{term name: count}`` as the index page at ``url`` shows them."""
    response = client.get(url)
    assert response.status_code == 200, url
    found = re.findall(r'<span>([^<]+)</span> <span class="count">(\d+)', response.content.decode())
    return {name: int(number) for name, number in found}


def publish_on(site, editor, topics, regions=(), *, title="Another cable", at=None):
    return make_live_article(
        editor,
        site.analysis,
        [site.author],
        titles={"en": title, "tr": f"{title} tr"},
        topics=topics,
        regions=regions,
        at=at,
    )


def test_the_index_pages_count_the_articles_live_in_each_language(client, site):
    """Energy has three articles in English (the scheduled one not yet), two in Turkish, one in
    Russian; a topic with none in the language is not offered."""
    assert counts(client, "/en/topics/") == {"Energy": 3}
    assert counts(client, "/tr/topics/") == {"Enerji": 2}
    assert counts(client, "/ru/topics/") == {"Энергетика": 1}
    assert counts(client, "/en/regions/") == {"Caucasus": 1}


def test_publishing_and_withdrawing_an_article_changes_the_counts_at_once(client, site, editor):
    article = publish_on(site, editor, [site.energy, site.security], [site.caucasus])
    assert counts(client, "/en/topics/") == {"Energy": 4, "Security": 1}
    assert counts(client, "/tr/topics/") == {"Enerji": 3, "Güvenlik": 1}
    assert counts(client, "/en/regions/") == {"Caucasus": 2}
    workflow.unpublish(article, by=editor)
    assert counts(client, "/en/topics/") == {"Energy": 3}
    assert counts(client, "/tr/topics/") == {"Enerji": 2}
    assert counts(client, "/en/regions/") == {"Caucasus": 1}


def test_a_scheduled_article_is_counted_from_its_publication_time(client, site):
    """Nothing runs at that time: the page counts it from then on."""
    moment = site.scheduled.publish_at
    with time_machine.travel(moment - datetime.timedelta(minutes=1)):
        assert counts(client, "/en/topics/") == {"Energy": 3}
    with time_machine.travel(moment + datetime.timedelta(minutes=1)):
        assert counts(client, "/en/topics/") == {"Energy": 4}
        assert counts(client, "/en/regions/") == {"Caucasus": 2}
        assert counts(client, "/ru/topics/") == {"Энергетика": 2}


def test_a_scheduled_change_of_topic_moves_the_count_at_its_time(client, site, editor):
    """Until the change, the article counts under its old topic; from then, under the new one,
    and never twice."""
    later = timezone.now() + datetime.timedelta(days=2)
    site.main.topics.set([site.security])
    refresh_pending_changes(site.main)
    workflow.schedule(site.main, by=editor, at=later)
    assert counts(client, "/en/topics/") == {"Energy": 3}
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert counts(client, "/en/topics/") == {"Energy": 2, "Security": 1}
        assert counts(client, "/ru/topics/") == {"Безопасность": 1}


def test_deleting_an_article_uncounts_it(client, site, editor):
    workflow.delete_article(site.main, by=editor)
    assert counts(client, "/en/topics/") == {"Energy": 2}
    assert counts(client, "/ru/topics/") == {}
    assert counts(client, "/en/regions/") == {}


def test_unscheduling_an_article_uncounts_it(client, site, editor):
    """A scheduled article taken back is not counted at its time."""
    workflow.unpublish(site.scheduled, by=editor)
    with time_machine.travel(site.scheduled.publish_at + datetime.timedelta(minutes=1)):
        assert counts(client, "/en/topics/") == {"Energy": 3}


def test_kept_counts_and_listings_are_what_rebuilding_them_makes(site, editor):
    """After publishing, scheduling, withdrawing and deleting, the kept rows are exactly those
    made from scratch from the live versions."""
    first = publish_on(site, editor, [site.energy, site.security], [site.caucasus])
    publish_on(
        site, editor, [site.security], title="Later", at=timezone.now() + datetime.timedelta(days=1)
    )
    workflow.unpublish(first, by=editor)
    workflow.delete_article(site.sibling, by=editor)

    def snapshot():
        listed = {
            model.__name__: sorted(
                model.objects.values_list(
                    "version_id", "term_id", "language", "publish_at", "visible_from",
                    "visible_until", "article_type_id",
                )
            )
            for model in (TopicListing, RegionListing)
        }  # fmt: skip
        counted = {
            model.__name__: sorted(
                model.objects.filter(open__gt=0).values_list("term_id", "language", "open")
            )
            for model in (TopicCount, RegionCount)
        }
        return listed, counted

    kept = snapshot()
    listings.rebuild()
    assert snapshot() == kept


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/en/topics/", "/tr/topics/", "/ru/regions/"])
def test_the_index_pages_cost_a_fixed_number_of_queries(client, site, editor, url):
    """The terms with their counts (two queries) and the page's own: the same for a few
    articles as for many, under many terms."""
    few = query_count(client, url)
    for number in range(12):
        publish_on(
            site,
            editor,
            [site.energy, site.security],
            [site.caucasus],
            title=f"Filler {number}",
            at=PUBLISHED_AT - datetime.timedelta(days=number + 1),
        )
    assert counts(client, url)
    assert query_count(client, url) == few


@pytest.mark.parametrize("url", ["/en/topics/", "/ru/regions/"])
def test_the_index_pages_read_kept_counts_not_the_versions(client, site, url):
    """Counting every term's versions cost ~320 ms at 100,000 articles: the page reads the
    kept counts and the few scheduled versions' listing rows; of the versions table only the
    next scheduled change, as every page (two index probes)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    versions_table = connection.ops.quote_name("articles_liveversion")
    read = [query["sql"] for query in queries if versions_table in query["sql"]]
    assert [sql for sql in read if "MIN(visible_from)" not in sql] == []
