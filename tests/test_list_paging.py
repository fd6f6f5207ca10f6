"""Long lists page without counting: "Page N", newer/older links that keep the filters, a 404
past the last page — the article list, topic and region pages and a person's page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.public.paging import MAX_PAGE
from articles.public.views import ArticleListView, RegionView, TopicView
from people.models import Person
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = pytest.mark.django_db

# The English articles of the ``site`` fixture live in English, newest first (all on energy).
NEWEST_FIRST = ["A cable under the Caspian", "Sentinel English only", "Grids and wind"]


@pytest.fixture
def one_per_page(monkeypatch):
    monkeypatch.setattr(ArticleListView, "paginate_by", 1)
    monkeypatch.setattr(TopicView, "paginate_by", 1)
    monkeypatch.setattr(RegionView, "paginate_by", 1)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listing(html):
    """The part of a page after its filters: the cards and the pagination."""
    return html[html.index("</h1>") :]


def links(html):
    return dict(re.findall(r'<a rel="(prev|next)" href="([^"]*)"', html))


@pytest.mark.usefixtures("one_per_page")
def test_each_page_shows_the_next_older_article_and_links_both_ways(client, site):
    """Page 1 is the newest; "Older" leads to page 2 keeping the filter, "Newer" back; the last
    page has no "Older" link; the page says its number and no total."""
    for number, title in enumerate(NEWEST_FIRST, start=1):
        html = page(client, f"/en/articles/?topic=energy&page={number}")
        shown = [other for other in NEWEST_FIRST if other in listing(html)]
        assert shown == [title]
        assert f"<span>Page {number}</span>" in html
        assert " of " not in re.search(r"<span>Page [^<]*</span>", html).group()
        found = links(html)
        if number < len(NEWEST_FIRST):
            assert found["next"].startswith(f"?topic=energy&amp;page={number + 1}&amp;before=")
        else:
            assert "next" not in found
        if number > 1:
            assert found["prev"].startswith("?topic=energy")
        else:
            assert "prev" not in found


@pytest.mark.usefixtures("one_per_page")
def test_following_older_and_newer_links_walks_the_list_both_ways(client, site):
    """The links carry where a page ends ("Older") or starts ("Newer"): following them from the
    first page to the last and back shows every article once each way, in order, with the page
    numbers counting up and down and the filter kept."""
    url, seen = "/en/articles/?topic=energy", []
    for number in range(1, len(NEWEST_FIRST) + 1):
        html = page(client, url)
        assert f"<span>Page {number}</span>" in html
        seen += [title for title in NEWEST_FIRST if title in listing(html)]
        url = "/en/articles/" + links(html).get("next", "").replace("&amp;", "&")
    assert seen == NEWEST_FIRST
    assert "before=" in url or url == "/en/articles/"
    html = page(client, "/en/articles/?topic=energy&page=3")
    back = []
    for number in (3, 2, 1):
        assert f"<span>Page {number}</span>" in html
        back += [title for title in NEWEST_FIRST if title in listing(html)]
        if number > 1:
            html = page(client, "/en/articles/" + links(html)["prev"].replace("&amp;", "&"))
    assert back == NEWEST_FIRST[::-1]


@pytest.mark.usefixtures("one_per_page")
def test_an_article_published_while_reading_does_not_repeat_cards(client, site, editor):
    """Following "Older" continues after the last card seen, even when a newer article appeared
    meanwhile (a page number alone would show that card again)."""
    first = page(client, "/en/articles/?topic=energy")
    older = "/en/articles/" + links(first)["next"].replace("&amp;", "&")
    make_live_article(editor, site.analysis, [site.author], titles={"en": "Breaking news"},
                      at=PUBLISHED_AT + datetime.timedelta(days=1), topics=[site.energy])  # fmt: skip
    assert NEWEST_FIRST[1] in listing(page(client, older))
    assert NEWEST_FIRST[0] in listing(page(client, "/en/articles/?topic=energy&page=2"))


@pytest.mark.usefixtures("one_per_page")
@pytest.mark.parametrize(
    "position", ["x", "12-", "-", "-99999999999999999-1", "999999999999999999-1", "1-2-3"]
)
def test_a_position_that_cannot_be_read_leaves_the_page_number_to_decide(client, site, position):
    """A damaged ``before=``/``after=`` is ignored: the page number's page, never an error."""
    for key in ("before", "after"):
        html = page(client, f"/en/articles/?page=2&{key}={position}")
        assert NEWEST_FIRST[1] in listing(html)


@pytest.mark.usefixtures("one_per_page")
@pytest.mark.parametrize(
    "url",
    [
        "/en/articles/?page=4",
        "/en/articles/?topic=energy&page=4",
        "/en/articles/?type=commentary&page=2",
        "/en/topics/energy/?page=4",
        f"/en/articles/?page={MAX_PAGE + 1}",
        "/en/articles/?page=0",
        "/en/articles/?page=abc",
        "/en/articles/?page=99999999999999999999999",
    ],
)
def test_a_page_past_the_last_or_not_a_page_number_is_not_found(client, site, url):
    """Past the last live article (drafts and scheduled ones make no page), or not a positive
    page number: 404, never a server error."""
    assert client.get(url).status_code == 404


@pytest.mark.usefixtures("one_per_page")
def test_the_last_page_is_where_the_live_articles_end(client, site):
    """Page 3 of the English list is its last (a draft and a scheduled article exist too);
    Turkish has two live articles on energy."""
    assert "next" not in links(page(client, "/en/articles/?page=3"))
    assert "next" not in links(page(client, "/en/topics/energy/?page=3"))
    assert "next" in links(page(client, "/tr/topics/enerji/?page=1"))
    assert client.get("/tr/topics/enerji/?page=3").status_code == 404


def test_an_empty_first_page_says_so(client, site):
    """A filter that keeps nothing answers its first page with the "no publications" line."""
    html = page(client, "/en/articles/?type=commentary&year=1999")
    assert "No publications match these filters." in html
    assert 'class="pagination"' not in html


def test_a_person_page_pages_their_articles(client, site, monkeypatch):
    """Ayla Demir's three English articles, one per page: newest first, 404 past the end."""
    monkeypatch.setattr("articles.public.people.PAGE_SIZE", 1)
    seen = []
    for number in (1, 2, 3):
        html = page(client, f"/en/people/ayla-demir/?page={number}")
        seen += [title for title in NEWEST_FIRST if title in html.split("Publications", 1)[1]]
        assert f"<span>Page {number}</span>" in html
        assert ("next" in links(html)) == (number < 3)
    assert seen == NEWEST_FIRST
    assert client.get("/en/people/ayla-demir/?page=4").status_code == 404
    nobody = Person.objects.create(given_name="No", family_name="Articles", slug="no-articles")
    assert "Nothing has been published" in page(client, nobody.get_absolute_url())
    assert client.get(nobody.get_absolute_url() + "?page=2").status_code == 404


@pytest.mark.usefixtures("one_per_page")
@pytest.mark.parametrize(
    ("url", "titles"),
    [
        ("/en/topics/energy/", NEWEST_FIRST),
        ("/en/regions/caucasus/", NEWEST_FIRST[:1]),
        ("/en/articles/?topic=energy", NEWEST_FIRST),
        ("/en/articles/?topic=energy&type=analysis", NEWEST_FIRST[:2]),
        ("/en/articles/?topic=energy&year=2023", NEWEST_FIRST[2:]),
        ("/en/articles/?topic=energy&region=caucasus", NEWEST_FIRST[:1]),
        ("/en/articles/?region=caucasus&type=commentary", []),
        ("/tr/topics/enerji/", ["Hazar’ın altından bir kablo", "Şebekeler ve rüzgâr"]),
    ],
)
def test_a_page_of_one_term_by_number_alone_is_read_from_the_terms_listing(
    client, site, url, titles
):
    """``?page=N`` of a topic's or region's list (on its page or as the article list's filter,
    with the other filters) shows the N-th live article — drafts, scheduled articles and other
    languages left out — and skips the ones before it in the term's listing, not by walking
    every version; past the last, a 404."""
    separator = "&" if "?" in url else "?"
    seen = []
    for number in range(2, len(titles) + 1):
        with CaptureQueriesContext(connection) as queries:
            html = page(client, f"{url}{separator}page={number}")
        seen += [title for title in titles if title in listing(html)]
        assert [
            query for query in queries if "listing" in query["sql"] and "OFFSET" in query["sql"]
        ]
    assert seen == titles[1:]
    assert client.get(f"{url}{separator}page={max(2, len(titles) + 1)}").status_code == 404
