"""Shared sources: who cites them, merging duplicates, broken links in the admin."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citations.actions import merge_sources
from citations.models import Citation, Source

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
LIST_URL = "/admin/citations/source/"


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def duplicates(make_article, cite):
    """One work recorded three times, cited by two articles (one of them cites two copies)."""
    keep = Source.objects.create(kind="journal", title="Grid paper", outlet="Energy Review")
    copy = Source.objects.create(
        kind="journal",
        title="Grid paper (copy)",
        doi="10.5555/grid.1",
        published_on=datetime.date(2023, 1, 5),
    )
    third = Source.objects.create(
        kind="journal", title="Grid paper, again", url="https://journal.example.org/grid"
    )
    first = make_article(title_en="First article")
    second = make_article(title_en="Second article")
    cite(first, keep, 1, accessed_on=TODAY)
    cite(first, copy, 2, accessed_on=TODAY, locator="p. 4")
    cite(second, third, 1, accessed_on=TODAY)
    return keep, copy, third, first, second


def test_merge_keeps_every_citation(duplicates):
    """Merging repoints every citation to the kept source, numbers and locators intact."""
    keep, copy, third, first, second = duplicates
    before = set(Citation.objects.values_list("pk", "article_id", "number", "locator"))
    assert merge_sources(keep, [copy, third]) == 2
    assert set(Citation.objects.values_list("pk", "article_id", "number", "locator")) == before
    assert set(Citation.objects.values_list("source_id", flat=True)) == {keep.pk}
    assert list(Source.objects.all()) == [keep]


def test_merge_fills_empty_fields_from_duplicates(duplicates):
    """The kept source takes the DOI, URL and date it lacked; its own values win."""
    keep, copy, third, *_ = duplicates
    merge_sources(keep, [copy, third])
    keep.refresh_from_db()
    assert (keep.doi, keep.url, keep.published_on) == (
        "10.5555/grid.1",
        "https://journal.example.org/grid",
        datetime.date(2023, 1, 5),
    )
    assert (keep.title, keep.outlet) == ("Grid paper", "Energy Review")


def test_merge_ignores_the_kept_source_among_duplicates(duplicates):
    """Passing the kept source among the duplicates does not delete it."""
    keep, copy, *_ = duplicates
    merge_sources(keep, [keep, copy])
    assert Source.objects.filter(pk=keep.pk).exists()
    assert not Source.objects.filter(pk=copy.pk).exists()


def test_admin_merge_action_asks_which_to_keep_then_merges(admin_client, duplicates):
    """The action shows a choice first, then merges into the chosen source."""
    keep, copy, third, *_ = duplicates
    selection = {"action": "merge_selected", "_selected_action": [keep.pk, copy.pk, third.pk]}
    page = admin_client.post(LIST_URL, selection)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="keep"' in html and "Grid paper (copy)" in html
    response = admin_client.post(LIST_URL, {**selection, "confirm": "yes", "keep": third.pk})
    assert response.status_code == 302
    assert list(Source.objects.all()) == [third]
    assert Citation.objects.filter(source=third).count() == 3


def test_admin_merge_needs_two_sources(admin_client, duplicates):
    """Merging a single source is refused with a message."""
    keep, *_ = duplicates
    response = admin_client.post(
        LIST_URL, {"action": "merge_selected", "_selected_action": [keep.pk]}, follow=True
    )
    assert "Select at least two sources to merge." in response.content.decode()


def test_change_page_lists_citing_articles(admin_client, duplicates):
    """A source's page lists each article citing it, with its note numbers and a link."""
    keep, copy, third, first, second = duplicates
    Citation.objects.create(article=first, source=keep, number=3, accessed_on=TODAY)
    html = admin_client.get(f"/admin/citations/source/{keep.pk}/change/").content.decode()
    assert f'href="/admin/articles/article/{first.pk}/change/">First article</a> ([1], [3])' in html
    assert "Second article" not in html


def test_broken_filter_lists_broken_sources_and_their_articles(admin_client, duplicates):
    """The list's link filter shows broken sources, each with the articles citing it."""
    keep, copy, third, first, second = duplicates
    Source.objects.filter(pk=third.pk).update(link_ok=False, link_status=404)
    Source.objects.filter(pk=keep.pk).update(link_ok=True, link_status=200)
    response = admin_client.get(LIST_URL, {"link": "broken"})
    rows = list(response.context["cl"].result_list)
    assert rows == [third]
    html = response.content.decode()
    assert "✗ 404" in html
    assert f'href="/admin/articles/article/{second.pk}/change/">Second article</a>' in html


def test_source_list_query_count_stays_flat(
    admin_client, make_article, cite, django_assert_max_num_queries
):
    """The “cited in” column is prefetched: more sources and citations add no queries."""
    article = make_article()
    for index in range(1, 4):
        source = Source.objects.create(
            kind="web", title=f"Page {index}", url=f"https://e.org/{index}"
        )
        cite(article, source, index, accessed_on=TODAY)
    admin_client.get(LIST_URL)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(LIST_URL)
    for index in range(4, 12):
        source = Source.objects.create(
            kind="web", title=f"Page {index}", url=f"https://e.org/{index}"
        )
        cite(article, source, index, accessed_on=TODAY)
    with django_assert_max_num_queries(len(few)):
        admin_client.get(LIST_URL)
