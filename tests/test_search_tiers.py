"""Search reads its first results among the matches with a query word in their title, summary,
authors or topics, and the others only when those run out — in exactly the order of ranking
every match (PostgreSQL full text)."""

import datetime

import pytest
from django.db import connection

from articles.search.query import search
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
    ),
]

# (title, body): the word in the title, in the body only, both words, one word in the title and
# the other in the body, a phrase, a negated word.
TEXTS = [
    ("Grid cooperation", "Wind and grids."),
    ("Harbour notes", "Ports and grid cooperation."),
    ("Grid politics", "Cooperation on the grid."),
    ("Cooperation", "Nothing about networks."),
    ("Black Sea shipping", "Ports of the Black Sea."),
    ("Shipping notes", "Black ships at sea near the Black Sea coast."),
    ("Oil pipeline", "A pipeline for oil."),
    ("Gas pipeline", "A pipeline for gas."),
    ("Pipeline rumours", "Nothing but rumours."),
]
QUERIES = ["cooperation", "grid cooperation", '"black sea"', "pipeline -oil", "grid or ports"]


@pytest.fixture
def corpus(site, editor):
    for copy in range(3):
        for number, (title, body) in enumerate(TEXTS):
            make_live_article(
                editor,
                site.analysis,
                [site.author],
                titles={"en": f"{title} {copy}"},
                bodies={"en": f"<p>{body}</p>"},
                at=PUBLISHED_AT - datetime.timedelta(days=copy * 20 + number),
            )


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("query", QUERIES)
def test_every_slice_is_the_slice_of_the_full_ranking(query):
    """Any page — inside the titled matches, across the boundary, past it — holds the same
    versions in the same order as ranking all matches at once."""
    results = search("en", query)
    everything = [pk for pk, _rank in results.ranked]
    assert everything, query
    assert results.titled is not None
    for start, stop in [(0, 1), (0, 2), (0, 5), (1, 4), (2, 7), (3, 20), (5, 9), (0, 40)]:
        assert [version.pk for version in results[start:stop]] == everything[start:stop], (
            query,
            start,
            stop,
        )
