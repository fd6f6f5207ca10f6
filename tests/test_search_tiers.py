"""Search reads its first results among the matches with a query word in their title, summary,
highlights or authors, then the articles filed under a topic or region the query names, and the
others only when those run out — in exactly the order of ranking every match (PostgreSQL full
text)."""

import datetime

import pytest
from django.db import connection

from articles.models import Region, Topic
from articles.search import query as search_query
from articles.search.query import ranking_needs, search
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
    ),
]

# (title, body, filed under): the word in the title, in the body only, both words, one word in
# the title and the other in the body, a phrase, a negated word; filed under a topic or region
# whose name holds the words, alone or besides them in the text.
TEXTS = [
    ("Grid cooperation", "Wind and grids.", ""),
    ("Harbour notes", "Ports and grid cooperation.", ""),
    ("Grid politics", "Cooperation on the grid.", ""),
    ("Cooperation", "Nothing about networks.", ""),
    ("Black Sea shipping", "Ports of the Black Sea.", ""),
    ("Shipping notes", "Black ships at sea near the Black Sea coast.", ""),
    ("Oil pipeline", "A pipeline for oil.", ""),
    ("Gas pipeline", "A pipeline for gas.", ""),
    ("Pipeline rumours", "Nothing but rumours.", ""),
    # Both words of the phrase in the title, apart: a match only where the body holds it.
    ("Sea of black ink", "Ink on the Black Sea.", ""),
    ("Black and blue sea", "Nothing about it.", ""),
    ("Port dues", "Nothing about it.", "topic"),
    ("Harbour fees", "Oil and wind.", "region"),
    ("Cooperation talks", "Pipeline gas.", "region"),
    ("Tanker rates", "A pipeline for oil.", "topic"),
]
QUERIES = [
    "cooperation",
    "grid cooperation",
    '"black sea"',
    "pipeline -oil",
    "grid or ports",
    # Words in pairs (the ranking vectors found through both words of a pair), with a stop word,
    # three words, a phrase and a word, a negated pair.
    "the grid cooperation",
    "grid cooperation wind",
    '"black sea" ports',
    "pipeline gas -oil",
    "Grid COOPERATION grid",
]


@pytest.fixture
def corpus(site, editor):
    terms = {
        "topic": {
            "topics": [Topic.objects.create(name_en="Grid cooperation pipeline", slug_en="grid")]
        },
        "region": {
            "regions": [Region.objects.create(name_en="Black Sea gas ports", slug_en="sea")]
        },
        "": {},
    }
    for copy in range(3):
        for number, (title, body, filed) in enumerate(TEXTS):
            make_live_article(
                editor,
                site.analysis,
                [site.author],
                titles={"en": f"{title} {copy}"},
                bodies={"en": f"<p>{body}</p>"},
                at=PUBLISHED_AT - datetime.timedelta(days=copy * 20 + number),
                **terms[filed],
            )


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("query", QUERIES)
def test_every_slice_is_the_slice_of_the_full_ranking(query):
    """Any page — inside the titled matches, across the boundary, past it — holds the same
    versions in the same order as ranking all matches at once."""
    results = search("en", query)
    everything = [pk for pk, _rank in results.ranked]
    assert everything, query
    assert results.tiers
    slices = [(0, 1), (0, 2), (0, 5), (1, 4), (2, 7), (3, 20), (5, 9), (0, 40), (40, 60)]
    slices += [(start, start + 3) for start in range(len(everything) + 2)]
    for start, stop in slices:
        assert [version.pk for version in results[start:stop]] == everything[start:stop], (
            query,
            start,
            stop,
        )


@pytest.mark.parametrize(
    ("query", "paired"),
    [
        ("energy security", True),
        ('"black sea"', True),
        ("pipeline -oil", True),
        ("energy", False),
        ("energy or security", False),
        ("wind-power grid", False),
        ("foo_bar grid", False),
    ],
)
def test_a_query_of_words_is_ranked_among_entries_holding_two_of_them(query, paired):
    """For words joined by AND (a phrase, a negation), only entries whose ranking vector holds
    two of the query's words can rank above the floor, so the first tier is looked up by pairs;
    for anything else (one word, ``or``, words PostgreSQL's parser splits otherwise) by any
    word."""
    assert (ranking_needs(query, "english") is not None) == paired


@pytest.mark.usefixtures("corpus")
def test_articles_filed_under_a_named_topic_are_read_newest_first_from_their_own_index():
    """The second tier (filed under a topic the query names, newest first) can stop at the page's
    end by walking the filed entries' date index, where sorting read every article filed under
    the topic; no other query can use that index, so a word's matches still come from the GIN
    index."""
    results = search("en", "grid cooperation")
    filed = results.tiers[1]
    assert len(filed[:20]) == 6  # "Port dues" and "Tanker rates", three copies each
    with results.planner_settings(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        assert "articles_searchentry_en_filed_newest" in filed[:20].explain()
        for other in (results.matches, results.tiers[0], results.tiers[2]):
            assert "filed_newest" not in other.explain()


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("query", ["pipeline -oil", "nothing -pipeline", "cooperation -grid"])
def test_many_matches_that_rank_nothing_are_read_newest_first_in_the_same_order(query, monkeypatch):
    """When nothing ranks (one word and a negated one) and the matches are many, the page walks
    the entries newest first, and every slice is still the slice of the full ranking."""
    monkeypatch.setattr(search_query, "MAX_COUNTED", 3)
    results = search("en", query)
    everything = [pk for pk, _rank in results.ranked]
    assert len(everything) > 3, query
    for start in range(len(everything) + 2):
        fresh = search("en", query)
        page = [version.pk for version in fresh[start : start + 4]]
        assert page == everything[start : start + 4], (query, start)
    walk = results.newest.filter(document__gt="")[:20]
    with results.planner_settings(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        assert "articles_searchentry_en_newest" in walk.explain()
        for other in (results.matches, *results.tiers):
            assert "searchentry_en_newest" not in other.explain()


@pytest.mark.usefixtures("corpus")
def test_a_negated_word_does_not_keep_titles_from_leading():
    """``pipeline -oil``: the articles with "pipeline" in their title (and no oil anywhere) come
    first, then those that only mention pipelines; none mentioning oil."""
    found = search("en", "pipeline -oil")[0:20]
    titles = [version.title for version in found]
    titled = [title for title in titles if "pipeline" in title.lower()]
    assert titled and titles[: len(titled)] == titled, titles
    assert len(titles) > len(titled)  # "Cooperation talks": pipelines in the text only
    assert not any("Oil" in title or "Tanker" in title for title in titles)
