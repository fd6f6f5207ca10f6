"""The article list in the admin shows each article's authors and filters by author."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Authorship
from people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def people(db):
    return [
        Person.objects.create(given_name="Ayla", family_name="Demir", slug="ayla-demir"),
        Person.objects.create(given_name="Boris", family_name="Orlov", slug="boris-orlov"),
        Person.objects.create(given_name="Chen", family_name="Wei", slug="chen-wei"),
    ]


@pytest.fixture
def write(analysis):
    """An article by ``authors`` (in byline order), created by ``owner``."""

    def make(title, authors, owner=None):
        article = Article.objects.create(
            article_type=analysis,
            title_en=title,
            slug_en=f"article-{Article.objects.count()}",
            body_en="<p>Text.</p>",
            created_by=owner,
        )
        for order, person in enumerate(authors):
            Authorship.objects.create(article=article, person=person, sort_order=order)
        return article

    return make


def rows(response):
    return {article.pk: article for article in response.context["cl"].result_list}


def author_cells(response):
    """The text of the "authors" cells of the list, top to bottom."""
    return re.findall(r'<td class="field-author_names">([^<]*)</td>', response.content.decode())


def test_the_list_shows_authors_in_byline_order(client, editor, people, write):
    """Each row names the article's authors, in the order of the byline."""
    write("Grids", [people[1], people[0]])
    client.force_login(editor)
    response = client.get(CHANGELIST)
    assert author_cells(response) == [
        ", ".join(person.display_name for person in (people[1], people[0]))
    ]


def list_with_queries(client):
    """The list page, and how many queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return response, len(queries)


def test_authors_cost_the_same_queries_for_2_or_20_articles(client, editor, people, write):
    """Showing authors costs one query for the page, however many articles it lists."""
    client.force_login(editor)
    for index in range(2):
        write(f"Article {index}", people[:2])
    response, few = list_with_queries(client)
    assert len(author_cells(response)) == 2
    for index in range(2, 20):
        write(f"Article {index}", people)
    response, many = list_with_queries(client)
    assert len(author_cells(response)) == Article.objects.count() == 20
    assert many == few


def test_filter_by_author_lists_only_their_articles(client, editor, people, write):
    """Choosing an author in the filter leaves that person's articles only; a hand-typed
    malformed choice changes nothing."""
    by_ayla = write("Ayla's piece", [people[0]])
    joint = write("Joint piece", [people[1], people[0]])
    write("Boris alone", [people[1]])
    client.force_login(editor)
    response = client.get(CHANGELIST, {"author": people[0].pk})
    assert set(rows(response)) == {by_ayla.pk, joint.pk}
    malformed = client.get(CHANGELIST, {"author": "abc"})  # the admin's usual notice, no error
    assert malformed.status_code == 302 and malformed.url.endswith("?e=1")


def test_filter_offers_only_people_with_articles_the_user_sees(
    client, contributor, make_user, people, write
):
    """A contributor's filter names the authors of their own articles, not every person."""
    write("Mine", [people[0]], owner=contributor)
    write("Someone else's", [people[1]], owner=make_user("olga", "Contributor"))
    client.force_login(contributor)
    response = client.get(CHANGELIST)
    spec = next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", "") == "author"
    )
    assert spec.lookup_choices == [(str(people[0].pk), people[0].display_name)]
