"""The filters' choices (types, topics, regions, authors, years) of the article list and the
search page: made once per language in a fixed number of queries, then kept until anything a
list shows changes — and every such change is in the choices at the very next page."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleType, Region, Topic
from articles.public.caching import LISTS
from articles.translations.status import approve
from people.models import Person
from tests.public_fixtures import PUBLISHED_AT, make_live_article, make_term
from tests.test_page_cache import PAGE_CACHE_REDIS_URL, redis_cache  # noqa: F401 - the fixture
from thinktank.cache import RedisCache
from thinktank.pagecache import invalidate

pytestmark = pytest.mark.django_db

SEARCH = "/{lang}/search/?q=grids"
# Making the choices: each kind of term with its translations (6), the people credited on a
# visible version (1), the years (1 on SQLite, 2 on PostgreSQL), the next scheduled change (1).
CHOICES_BUDGET = 10


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.fixture
def without_page_cache(settings):
    """What building each page costs: the page cache would answer the article list's second
    request with none."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "thinktank.pagecache.PageCacheMiddleware"
    ]


def costs(client, url):
    """(queries of the page just after a change, queries of the next one)."""
    invalidate([LISTS])
    return count_queries(client, url), count_queries(client, url)


def options(client, name, lang="en", url=SEARCH):
    """``{value: text}`` of the ``name`` filter on the page at ``url``."""
    html = client.get(url.format(lang=lang)).text
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    assert select, f"the page has a {name} filter"
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select.group(0)))


def grow(site, editor, size):
    """``size`` more types, topics, regions, authors and years, each on a live article."""
    for i in range(size):
        kind = make_term(ArticleType, {"en": f"Kind {i}", "tr": f"Tür {i}"}, by=editor)
        topic = make_term(Topic, {"en": f"Subject {i}", "tr": f"Konu {i}"}, by=editor)
        region = make_term(Region, {"en": f"Area {i}", "tr": f"Bölge {i}"}, by=editor)
        person = Person.objects.create(given_name="Writer", family_name=f"N{i}", slug=f"w-{i}")
        make_live_article(
            editor,
            kind,
            [person],
            titles={"en": f"Grids {i}", "tr": f"Şebekeler {i}"},
            at=PUBLISHED_AT - datetime.timedelta(days=400 * (i + 1)),
            topics=[topic],
            regions=[region],
        )


@pytest.mark.parametrize(
    "url",
    [SEARCH, "/{lang}/articles/", "/{lang}/articles/?topic={topic}&region={region}&year=2024"],
)
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_choices_cost_a_fixed_number_of_queries_however_many_there_are(
    client, site, editor, url, lang, without_page_cache
):
    """The first page after a change makes the choices in the same few queries with 2 or 22
    types, topics, regions, authors and years; the pages after it make none."""
    names = {"en": ("energy", "caucasus"), "tr": ("enerji", "kafkasya")}[lang]
    url = url.format(lang=lang, topic=names[0], region=names[1])
    first, next_ones = costs(client, url)
    assert 0 < first - next_ones <= CHOICES_BUDGET
    grow(site, editor, 20)
    assert len(options(client, "topic", lang, url)) > 20
    assert costs(client, url) == (first, next_ones)


def test_the_search_page_asks_nothing_for_its_choices_once_they_are_kept(client, site):
    """Search alone: the page without words costs the next scheduled change and nothing else
    (it lists no article); with words, what the search itself asks."""
    client.get("/en/search/")
    assert count_queries(client, "/en/search/") <= 1


def test_a_new_topic_is_a_choice_at_once(client, site, editor):
    assert "water" not in options(client, "topic")
    make_term(Topic, {"en": "Water"}, by=editor)
    assert options(client, "topic")["water"] == "Water"


def test_a_renamed_topic_is_offered_under_its_new_name_at_once(client, site, editor):
    assert options(client, "topic", url="/{lang}/articles/")["energy"] == "Energy"
    site.energy.name_en = "Energy policy"
    site.energy.save()
    assert options(client, "topic", url="/{lang}/articles/")["energy"] == "Energy policy"


def test_an_approved_topic_translation_is_a_choice_in_its_language_at_once(client, site, editor):
    """A translator's text is not offered until an editor approves it; then it is, at once."""
    water = make_term(Topic, {"en": "Water"}, by=editor)
    water.name_tr = "Su"
    water.full_clean()  # its Turkish slug, as the admin makes it
    water.save()
    assert "Su" not in options(client, "topic", "tr").values()
    approve(water, ["tr"], by=editor)
    assert "Su" in options(client, "topic", "tr").values()


def test_a_persons_first_live_article_makes_them_an_author_choice_at_once(client, site, editor):
    vera = Person.objects.create(given_name="Vera", family_name="Lind", slug="vera-lind")
    assert "vera-lind" not in options(client, "author")
    make_live_article(editor, site.analysis, [vera], titles={"en": "Grids north"})
    assert options(client, "author")["vera-lind"] == "Vera Lind"


def test_a_renamed_person_is_offered_under_the_new_name_at_once(client, site, editor):
    assert "Oleg Sokolov" in options(client, "author").values()
    site.coauthor.family_name = "Sokolova"
    site.coauthor.save()
    assert options(client, "author")["oleg-sokolov"] == "Oleg Sokolova"


def test_a_years_first_article_makes_the_year_a_choice_at_once(client, site, editor):
    assert "2011" not in options(client, "year", url="/{lang}/articles/")
    make_live_article(
        editor,
        site.analysis,
        [site.author],
        titles={"en": "Grids then"},
        at=datetime.datetime(2011, 5, 1, tzinfo=datetime.UTC),
    )
    assert "2011" in options(client, "year", url="/{lang}/articles/")


def test_a_scheduled_article_brings_its_author_and_year_at_its_time(client, site, editor):
    """Nothing runs at that time: the kept choices last until the next scheduled change."""
    at = datetime.datetime(2031, 3, 1, 9, 0, tzinfo=datetime.UTC)
    vera = Person.objects.create(given_name="Vera", family_name="Lind", slug="vera-lind")
    make_live_article(editor, site.analysis, [vera], titles={"en": "Grids later"}, at=at)
    assert "vera-lind" not in options(client, "author")
    assert "2031" not in options(client, "year")
    with time_machine.travel(at + datetime.timedelta(seconds=1)):
        assert "vera-lind" in options(client, "author")
        assert "2031" in options(client, "year")


@pytest.mark.usefixtures("redis_cache")
def test_the_choices_are_kept_in_the_shared_cache_and_forgotten_by_another_server(client, site):
    """With Redis, a change on another app server (its own connection) reaches this process's
    kept choices at once: they are watched like a cached page."""
    assert "water" not in options(client, "topic")
    assert count_queries(client, "/en/search/") <= 1
    Topic.objects.bulk_create([Topic(name_en="Water", slug_en="water")])  # no signal here
    assert "water" not in options(client, "topic")  # still the kept choices
    other_server = RedisCache(PAGE_CACHE_REDIS_URL, {"KEY_PREFIX": "thinktank-tests"})
    other_server.add(f"pagecache:tag:{LISTS}", 1)
    other_server.incr(f"pagecache:tag:{LISTS}")
    assert "water" in options(client, "topic")
    assert caches["default"].get("pagecache:value:filters:1:en") is not None
