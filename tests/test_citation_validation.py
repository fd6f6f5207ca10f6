"""Markers and citations must agree: errors stop the admin's save, warnings are listed."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from citations.models import Citation, Source
from citations.validation import (
    article_citation_warnings,
    citation_errors,
    citation_warnings,
)

ADD_URL = "/admin/articles/article/add/"
TODAY = timezone.localdate()


def row(number, accessed_on=TODAY, published_on=None):
    return Citation(
        number=number,
        accessed_on=accessed_on,
        source=Source(kind="news", title=f"Story {number}", published_on=published_on),
    )


# Pure functions ------------------------------------------------------------------------


def test_marker_without_citation_is_an_error_per_language():
    """A body marking [3] with only citations 1 and 2 is refused, naming the language and number."""
    errors = citation_errors(
        {"en": "<p>a [1] b [3]</p>", "tr": "<p>a [1] [4] [3]</p>", "ru": ""},
        [row(1), row(2)],
    )
    assert errors == [
        "The English text has footnote markers with no citation: [3].",
        "The Turkish text has footnote markers with no citation: [3], [4].",
    ]


def test_matching_markers_and_citations_have_no_errors():
    """Every marker answered: no error, whatever the order of markers."""
    assert citation_errors({"en": "<p>[2] [1] [2]</p>"}, [row(1), row(2)]) == []


def test_citation_never_referenced_is_a_warning():
    """A citation the English text never marks is a warning; an empty language is not checked."""
    warnings = citation_warnings({"en": "<p>a [1]</p>", "tr": "", "ru": None}, [row(1), row(2)])
    assert warnings == ["The English text never refers to citations [2]."]


def test_access_before_publication_is_a_warning():
    """Reading a source before it was published is suspicious, not impossible (embargoes)."""
    warnings = citation_warnings(
        {"en": "<p>[1]</p>"},
        [row(1, accessed_on=datetime.date(2024, 7, 1), published_on=datetime.date(2024, 7, 10))],
    )
    assert warnings == [
        "Citation [1]: the access date 2024-07-01 is before the source’s publication date "
        "2024-07-10."
    ]
    same_day = row(
        1, accessed_on=datetime.date(2024, 7, 10), published_on=datetime.date(2024, 7, 10)
    )
    assert citation_warnings({"en": "<p>[1]</p>"}, [same_day]) == []


@pytest.mark.django_db
def test_article_citation_warnings_reads_saved_rows(make_article, source, cite):
    """The article admin's helper checks the saved article and citations."""
    article = make_article(body_en="<p>Only one note.[1]</p>")
    cite(article, source, 1, accessed_on=TODAY)
    cite(article, source, 2, accessed_on=TODAY)
    assert article_citation_warnings(article) == ["The English text never refers to citations [2]."]


# In the admin --------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def article_post(analysis, person, rows, body="<p>Claim.[1]</p>", **extra):
    data = {
        "article_type": analysis.pk,
        "original_language": "en",
        "title_en": "Ports and power",
        "slug_en": "",
        "summary_en": "",
        "body_en": body,
        "publish_at_0": "",
        "publish_at_1": "",
    }
    for prefix in ("authorships", "highlights", "citations"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "authorships-TOTAL_FORMS": "1",
            "authorships-0-person": person.pk,
            "authorships-0-role": "author",
            "authorships-0-sort_order": "0",
            "citations-TOTAL_FORMS": str(len(rows)),
        }
    )
    for index, (number, source_pk, accessed) in enumerate(rows):
        data.update(
            {
                f"citations-{index}-number": str(number),
                f"citations-{index}-source": source_pk,
                f"citations-{index}-accessed_on": accessed,
                f"citations-{index}-locator": "",
            }
        )
    data.update(extra)
    return data


def citation_form_errors(response):
    assert response.status_code == 200, "the form was accepted"
    errors = [str(error) for error in response.context["errors"]]
    return " ".join(errors)


@pytest.mark.django_db
def test_admin_refuses_marker_without_citation(admin_client, analysis, person, source):
    """The Turkish body marks [2] but only citation 1 exists: the admin says so, nothing is saved."""
    data = article_post(
        analysis,
        person,
        [(1, source.pk, TODAY.isoformat())],
        title_tr="Limanlar",
        body_tr="<p>İddia.[1] Başka bir iddia.[2]</p>",
    )
    errors = citation_form_errors(admin_client.post(ADD_URL, data))
    assert "The Turkish text has footnote markers with no citation: [2]." in errors
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_accepts_matching_markers(admin_client, analysis, person, source):
    """Markers typed as [1] or <sup>[1]</sup> with a citation 1 save fine."""
    data = article_post(
        analysis, person, [(1, source.pk, TODAY.isoformat())], body="<p>A<sup>[1]</sup> b [1]</p>"
    )
    assert admin_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().citations.count() == 1


@pytest.mark.django_db
def test_admin_refuses_duplicate_numbers(admin_client, analysis, person, source):
    """Two rows numbered 1: the duplicate is refused with a message about the number."""
    other = Source.objects.create(kind="web", title="Other", url="https://example.com/other")
    rows = [(1, source.pk, TODAY.isoformat()), (1, other.pk, TODAY.isoformat())]
    errors = citation_form_errors(admin_client.post(ADD_URL, article_post(analysis, person, rows)))
    assert "Please correct the duplicate data for number" in errors
    assert not Citation.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_future_access_date(admin_client, analysis, person, source):
    """An access date tomorrow is a field error on the citation row."""
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = admin_client.post(
        ADD_URL, article_post(analysis, person, [(1, source.pk, tomorrow)])
    )
    assert "The access date cannot be in the future." in citation_form_errors(response)


@pytest.mark.django_db
def test_deleted_row_does_not_answer_a_marker(admin_client, make_article, source, cite):
    """Deleting citation 1 while the body still marks [1] is refused."""
    article = make_article(body_en="<p>Claim.[1]</p>")
    citation = cite(article, source, 1, accessed_on=TODAY)
    data = article_post(
        article.article_type,
        article.authors.get(),
        [(1, source.pk, TODAY.isoformat())],
        **{
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": citation.pk,
            "citations-0-article": article.pk,
            "citations-0-DELETE": "on",
            "authorships-INITIAL_FORMS": "1",
            "authorships-0-id": article.authorships.get().pk,
            "authorships-0-article": article.pk,
            "slug_en": article.slug_en,
        },
    )
    response = admin_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert "The English text has footnote markers with no citation: [1]." in citation_form_errors(
        response
    )
    assert Citation.objects.filter(pk=citation.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "not a url", "Enter a valid URL."),
        ("url", "https://exa mple.org/", "Enter a valid URL."),
        ("doi", "11.1/abc", "Enter a DOI like 10.1234/abcd.5678"),
        ("doi", "10.12/abc", "Enter a DOI like 10.1234/abcd.5678"),
    ],
)
def test_source_admin_refuses_malformed_url_or_doi(admin_client, field, value, message):
    """The Source form shows the URL or DOI error on its field and saves nothing."""
    data = {"kind": "journal", "title": "Paper", "url": "", "doi": "", field: value}
    response = admin_client.post("/admin/citations/source/add/", data)
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert not Source.objects.exists()
