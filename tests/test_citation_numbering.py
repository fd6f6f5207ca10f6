"""Citation numbers follow the footnote markers: a row left without a number takes the first
marker of the original text that no other row answers, so rows added in order number themselves."""

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.editorial.forms import ArticleAdminForm
from articles.models import Article
from citations.footnotes import markers_in, numbers_for_unnumbered
from citations.models import Citation, Source

ADD_URL = "/admin/articles/article/add/"
TODAY = timezone.localdate().isoformat()


# The rule ----------------------------------------------------------------------------------


def test_rows_take_the_unanswered_markers_in_reading_order():
    """Rows without a number take, in turn, the markers no citation answers, first met first."""
    markers = markers_in("<p>a [3] b [1] c [2] d [3]</p>")
    assert numbers_for_unnumbered(markers, taken={1}, count=2) == [
        number for number in dict.fromkeys(markers) if number != 1
    ]


def test_rows_beyond_the_markers_follow_the_highest_number():
    """Once every marker is answered, further rows get the numbers after the highest in use."""
    taken = {1, 2, 5}
    assert numbers_for_unnumbered([1, 2], taken=taken, count=2) == [
        max(taken) + 1,
        max(taken) + 2,
    ]


# In the admin ------------------------------------------------------------------------------


@pytest.fixture
def sources(db):
    return [
        Source.objects.create(kind="web", title=f"Source {n}", url=f"https://example.org/{n}")
        for n in range(1, 5)
    ]


def inline(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def citation_row(source, number=""):
    return {"number": str(number), "source": source.pk, "accessed_on": TODAY, "locator": ""}


def add_form(analysis, person, rows, **fields):
    data = {
        "article_type": analysis.pk,
        "original_language": "en",
        "title_en": "Ports and power",
        "body_en": "<p>Claim.[1]</p>",
        **fields,
    }
    data.update(inline("authorships", [{"person": person.pk, "role": "author", "sort_order": 0}]))
    data.update(inline("highlights", []))
    data.update(inline("citations", rows))
    return data


def numbers_by_source(article):
    return {c.source_id: c.number for c in Citation.objects.filter(article=article)}


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_rows_added_in_order_number_themselves(admin_client, analysis, person, sources):
    """Three rows with no number, for a text marking [1], [2], [3]: they become 1, 2 and 3."""
    body = "<p>One.[1] Two.[2] Three.[3]</p>"
    rows = [citation_row(source) for source in sources[:3]]
    response = admin_client.post(ADD_URL, add_form(analysis, person, rows, body_en=body))
    assert response.status_code == 302
    numbered = numbers_by_source(Article.objects.get())
    assert [numbered[source.pk] for source in sources[:3]] == markers_in(body)


@pytest.mark.django_db
def test_numbers_follow_the_reading_order_of_the_markers(admin_client, analysis, person, sources):
    """The text marks [2] before [1]: the first row without a number takes 2."""
    body = "<p>Later source first.[2] Then the other.[1]</p>"
    rows = [citation_row(source) for source in sources[:2]]
    admin_client.post(ADD_URL, add_form(analysis, person, rows, body_en=body))
    numbered = numbers_by_source(Article.objects.get())
    assert [numbered[source.pk] for source in sources[:2]] == markers_in(body)


@pytest.mark.django_db
def test_typed_numbers_keep_working_beside_empty_ones(admin_client, analysis, person, sources):
    """A row typed as 1 keeps it, even listed second; the empty row takes the other marker."""
    body = "<p>One.[1] Two.[2]</p>"
    rows = [citation_row(sources[0]), citation_row(sources[1], number=1)]
    admin_client.post(ADD_URL, add_form(analysis, person, rows, body_en=body))
    numbered = numbers_by_source(Article.objects.get())
    assert numbered[sources[1].pk] == 1
    assert numbered[sources[0].pk] == 2


@pytest.mark.django_db
def test_the_original_language_decides_the_order(admin_client, analysis, person, sources):
    """For an article written in Turkish, the Turkish text's marker order numbers the rows."""
    fields = {
        "original_language": "tr",
        "title_tr": "Limanlar ve enerji",
        "body_tr": "<p>Bir.[1] İki.[2]</p>",
        "body_en": "<p>Two first.[2] Then one.[1]</p>",
    }
    rows = [citation_row(source) for source in sources[:2]]
    response = admin_client.post(ADD_URL, add_form(analysis, person, rows, **fields))
    assert response.status_code == 302
    numbered = numbers_by_source(Article.objects.get())
    assert [numbered[source.pk] for source in sources[:2]] == markers_in(fields["body_tr"])


@pytest.mark.django_db
def test_a_marker_no_row_answers_is_still_refused(admin_client, analysis, person, sources):
    """Text marking [1] and [2] with one row: the row takes 1, [2] is refused, nothing saved."""
    body = "<p>One.[1] Two.[2]</p>"
    response = admin_client.post(
        ADD_URL, add_form(analysis, person, [citation_row(sources[0])], body_en=body)
    )
    assert response.status_code == 200
    errors = " ".join(str(error) for error in response.context["errors"])
    assert "The English text has footnote markers with no citation: [2]." in errors
    assert not Article.objects.exists() and not Citation.objects.exists()


@pytest.mark.django_db
def test_a_row_added_to_a_saved_article_takes_the_new_marker(
    admin_client, make_article, sources, cite
):
    """An editor adds marker [2] and an empty row to an article with citation 1: it becomes 2."""
    article = make_article(published=False, body_en="<p>Old claim.[1]</p>")
    first = cite(article, sources[0], 1, accessed_on=timezone.localdate())
    authorship = article.authorships.get()
    body = "<p>Old claim.[1] New claim.[2]</p>"
    data = {
        "article_type": article.article_type_id,
        "original_language": "en",
        "title_en": article.title_en,
        "slug_en": article.slug_en,
        "body_en": body,
        "version_token": ArticleAdminForm.token_for(article),
    }
    data.update(
        inline(
            "authorships",
            [
                {
                    "id": authorship.pk,
                    "article": article.pk,
                    "person": authorship.person_id,
                    "role": authorship.role,
                    "sort_order": authorship.sort_order,
                }
            ],
            initial=1,
        )
    )
    data.update(inline("highlights", []))
    data.update(
        inline(
            "citations",
            [
                {**citation_row(sources[0], number=1), "id": first.pk, "article": article.pk},
                citation_row(sources[1]),
            ],
            initial=1,
        )
    )
    response = admin_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert numbers_by_source(article) == {
        sources[0].pk: 1,
        sources[1].pk: max(markers_in(body)),
    }


@pytest.mark.django_db
def test_a_row_with_no_marker_left_comes_last_with_a_warning(
    admin_client, analysis, person, sources
):
    """More rows than markers: the extra row is numbered after the others and the editor is
    told the text never refers to it."""
    body = "<p>Only one note.[1]</p>"
    rows = [citation_row(source) for source in sources[:2]]
    response = admin_client.post(ADD_URL, add_form(analysis, person, rows, body_en=body))
    assert response.status_code == 302
    numbered = numbers_by_source(Article.objects.get())
    extra = numbered[sources[1].pk]
    assert numbered[sources[0].pk] == 1 and extra == max(markers_in(body)) + 1
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert f"The English text never refers to citations [{extra}]." in shown
