"""Query budgets: the article page and every list cost a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Highlight, Region, Topic
from citations.models import Citation, Source
from people.models import Person
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = pytest.mark.django_db
# The article page: its rendered version, its similar articles' cards, the next scheduled change
# (how long the page may be cached).
ARTICLE_BUDGET = 3


@pytest.fixture(autouse=True)
def _without_page_cache(settings):
    """What building each page costs: the page cache would answer repeated requests with none."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "thinktank.pagecache.PageCacheMiddleware"
    ]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def warm_count(client, url):
    """The queries of ``url`` once the filters' choices of its language are kept (the first
    page after a change makes them again: ``tests/test_filter_choices.py``)."""
    client.get(url)
    return count_queries(client, url)


def rich_article(site, editor, size, name):
    """An article in three languages with ``size`` authors, citations, topics and regions."""
    people = [
        Person.objects.create(given_name=f"Given{i}", family_name=name, slug=f"{name}-{i}")
        for i in range(size)
    ]

    def compose(article):
        for i in range(size):
            topic = Topic.objects.create(name_en=f"{name} topic {i}", slug_en=f"{name}-topic-{i}")
            region = Region.objects.create(
                name_en=f"{name} region {i}", slug_en=f"{name}-region-{i}"
            )
            article.topics.add(topic, site.energy)
            article.regions.add(region)
            source = Source.objects.create(
                title=f"{name} {i}", url=f"https://example.org/{name}/{i}"
            )
            Citation.objects.create(
                article=article, source=source, number=i + 1, accessed_on=datetime.date(2024, 7, 1)
            )
        for i in range(min(size, 5)):
            Highlight.objects.create(article=article, text_en=f"point {i}", sort_order=i)

    article = make_live_article(
        editor,
        site.analysis,
        people,
        titles={"en": f"{name} en", "tr": f"{name} tr", "ru": f"{name} ru"},
        bodies={
            lang: "".join(
                f'<p>x<sup data-citation="{n}">[{n}]</sup></p>' for n in range(1, size + 1)
            )
            for lang in ("en", "tr", "ru")
        },
        compose=compose,
    )
    return article


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_article_page_costs_the_same_for_1_or_20_authors_citations_and_topics(
    client, site, editor, lang, django_assert_max_num_queries
):
    """Three queries, exactly as many for a small article as for a large one."""
    small = rich_article(site, editor, 1, "small")
    large = rich_article(site, editor, 20, "large")
    with django_assert_max_num_queries(ARTICLE_BUDGET):
        small_count = count_queries(client, small.get_absolute_url(lang))
    large_count = count_queries(client, large.get_absolute_url(lang))
    assert small_count == large_count <= ARTICLE_BUDGET


def add_articles(site, editor, count):
    for i in range(count):
        make_live_article(
            editor,
            site.commentary if i % 2 else site.analysis,
            [site.author, site.coauthor],
            titles={"en": f"Filler {i}", "tr": f"Dolgu {i}"},
            at=PUBLISHED_AT - datetime.timedelta(days=i + 1),
            is_featured=i < 2,
            topics=[site.energy],
            regions=[site.caucasus],
        )


LISTS = [
    ("/{lang}/", False),
    ("/{lang}/articles/", True),
    ("/{lang}/articles/?type={type}&topic={topic}", True),
    ("/{lang}/people/", False),
    ("/{lang}/people/ayla-demir/", True),
    ("/{lang}/topics/{topic}/", True),
    ("/{lang}/regions/{region}/", True),
]
# Every filter of the article list, alone and together: each costs what the unfiltered list does.
FILTERS = [
    "type={type}",
    "topic={topic}",
    "region={region}",
    "year=2024",
    "type={type}&topic={topic}&region={region}&year=2024",
]
# The article list's queries: the versions of the page (their rendered cards) and the next
# scheduled change; the filters' choices are kept (``articles.public.caching.filter_options``).
LIST_BUDGET = 2


@pytest.mark.parametrize(("template", "paginated"), LISTS)
def test_list_pages_cost_a_fixed_number_of_queries(client, site, editor, template, paginated):
    """A list costs the same with a few articles as with three pages of them, on any page."""
    url = template.format(lang="tr", type="yorum", topic="enerji", region="kafkasya")
    few = warm_count(client, url)
    add_articles(site, editor, 45)
    assert warm_count(client, url) == few
    if paginated:
        separator = "&" if "?" in url else "?"
        assert warm_count(client, f"{url}{separator}page=2") == few


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_filters_add_no_query_to_the_article_list(client, site, editor, lang):
    """Type, topic, region and year, alone or together, on the first or a deep page: the
    article list's fixed budget, the same as unfiltered."""
    names = {
        "en": {"type": "commentary", "topic": "energy", "region": "caucasus"},
        "tr": {"type": "yorum", "topic": "enerji", "region": "kafkasya"},
    }[lang]
    add_articles(site, editor, 45)
    unfiltered = warm_count(client, f"/{lang}/articles/")
    assert unfiltered <= LIST_BUDGET
    for template in FILTERS:
        query = template.format(**names)
        for page in ("", "&page=2"):
            assert warm_count(client, f"/{lang}/articles/?{query}{page}") == unfiltered, query


def test_people_list_costs_the_same_for_many_people(client, site):
    """Listing fifty more experts adds no query."""
    before = count_queries(client, "/en/people/")
    Person.objects.bulk_create(
        Person(given_name=f"Given{i}", family_name="Many", slug=f"many-{i}") for i in range(50)
    )
    assert count_queries(client, "/en/people/") == before
