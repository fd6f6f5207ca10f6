"""The Sources admin names only the citing articles the user may see: a contributor reads the
titles of their own articles, never those of other people's drafts or of unpublished articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.editorial import transitions as workflow
from citations.models import Source

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
LIST_URL = reverse("admin:citations_source_changelist")

MINE = "My own cable analysis"
THEIR_DRAFT = "Secret draft on the dam"
WITHDRAWN = "Withdrawn port study"


@pytest.fixture
def cited(make_article, cite, contributor, editor, source):
    """``source`` cited by the contributor's draft, another writer's draft and an unpublished
    article; a second source cited only by the other writer's draft."""
    mine = make_article(published=False, title_en=MINE, slug_en="mine")
    mine.created_by = contributor
    mine.save()
    theirs = make_article(published=False, title_en=THEIR_DRAFT, slug_en="theirs")
    withdrawn = make_article(title_en=WITHDRAWN, slug_en="withdrawn")
    workflow.unpublish(withdrawn, by=editor)
    for article in (mine, theirs, withdrawn):
        cite(article, source, 1, accessed_on=TODAY)
    only_theirs = Source.objects.create(kind="web", title="Dam tender", url="https://e.org/dam")
    cite(theirs, only_theirs, 2, accessed_on=TODAY)
    return {"mine": mine, "theirs": theirs, "withdrawn": withdrawn, "only_theirs": only_theirs}


def change_url(source):
    return reverse("admin:citations_source_change", args=[source.pk])


def test_contributor_list_names_only_own_articles(cited, contributor, translator, client):
    """The “cited in” column shows a contributor their own article, not the others' titles; a
    translator, who works on everyone's articles, sees them all."""
    client.force_login(contributor)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert MINE in page
    assert reverse("admin:articles_article_change", args=[cited["mine"].pk]) in page
    assert THEIR_DRAFT not in page and WITHDRAWN not in page
    client.force_login(translator)
    page = client.get(LIST_URL).content.decode()
    assert MINE in page and THEIR_DRAFT in page and WITHDRAWN in page


def test_contributor_source_page_names_only_own_articles(
    cited, contributor, role_editor, client, source
):
    """The source's page lists a contributor's article and says there are others; an editor
    sees every citing article, drafts and unpublished ones included."""
    client.force_login(contributor)
    response = client.get(change_url(source))
    assert response.status_code == 200
    page = response.content.decode()
    assert MINE in page
    assert THEIR_DRAFT not in page and WITHDRAWN not in page
    assert "Also cited in articles you cannot open." in page
    client.force_login(role_editor)
    page = client.get(change_url(source)).content.decode()
    assert MINE in page and THEIR_DRAFT in page and WITHDRAWN in page
    assert "you cannot open" not in page


def test_source_cited_only_by_others_says_so(cited, contributor, client):
    """A source cited only in others' drafts names none of them and does not claim it is unused."""
    client.force_login(contributor)
    page = client.get(change_url(cited["only_theirs"])).content.decode()
    assert THEIR_DRAFT not in page
    assert "Cited only in articles you cannot open." in page
    assert "No article cites this source yet." not in page


def test_contributor_list_query_count_stays_flat(
    cited, make_article, cite, contributor, client, django_assert_max_num_queries
):
    """Filtering by what the contributor may see adds no query per source or citation."""
    client.force_login(contributor)
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for index in range(3, 12):
        extra = Source.objects.create(
            kind="web", title=f"Page {index}", url=f"https://e.org/{index}"
        )
        cite(cited["theirs"], extra, index, accessed_on=TODAY)
        cite(cited["mine"], extra, index, accessed_on=TODAY)
    with django_assert_max_num_queries(len(few)):
        page = client.get(LIST_URL).content.decode()
    assert THEIR_DRAFT not in page
