"""The back office: every model has a working admin, and its forms reject bad input clearly."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from citations.models import Citation, Source
from people.models import Person

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = ("authorships", "highlights", "citations")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def article_form(analysis, person, source, **overrides):
    """POST data for the article add form with one author and one citation."""
    data = {
        "article_type": analysis.pk,
        "original_language": "en",
        "title_en": "Ports and power",
        "slug_en": "",
        "summary_en": "A short summary.",
        "body_en": "<p>Body<sup>[1]</sup></p>",
        "is_featured": "",
        "publish_at_0": "",
        "publish_at_1": "",
    }
    for prefix in INLINE_PREFIXES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    data.update({"authorships-TOTAL_FORMS": "1", "authorships-0-person": person.pk,
                 "authorships-0-role": "author", "authorships-0-sort_order": "0"})  # fmt: skip
    data.update(citation_rows([(1, source.pk, timezone.localdate().isoformat())]))
    data.update(overrides)
    return data


def citation_rows(rows):
    data = {"citations-TOTAL_FORMS": str(len(rows))}
    for index, (number, source_pk, accessed) in enumerate(rows):
        data.update({f"citations-{index}-number": str(number), f"citations-{index}-source": source_pk,
                     f"citations-{index}-accessed_on": accessed, f"citations-{index}-locator": ""})  # fmt: skip
    return data


def highlight_rows(count):
    data = {"highlights-TOTAL_FORMS": str(count)}
    for index in range(count):
        data.update(
            {
                f"highlights-{index}-text_en": f"Key point {index}",
                f"highlights-{index}-sort_order": str(index),
            }
        )
    return data


ADD_URL = "/admin/articles/article/add/"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        ADD_URL,
        "/admin/articles/articletype/add/",
        "/admin/articles/topic/add/",
        "/admin/articles/region/add/",
        "/admin/people/person/",
        "/admin/people/person/add/",
        "/admin/citations/source/",
        "/admin/citations/source/add/",
    ],
)
def test_admin_pages_open(admin_client, url):
    """Each back-office list and form opens for an editor."""
    assert admin_client.get(url).status_code == 200


def test_article_form_has_language_tabs_and_rich_text_editor(admin_client):
    """The add form shows each translated field once per language, with the CKEditor widget on bodies."""
    page = admin_client.get(ADD_URL).content.decode()
    for name in ["title_en", "title_tr", "title_ru", "body_en", "body_tr", "body_ru"]:
        assert f'name="{name}"' in page
    assert "ckeditor" in page.lower() and 'name="status"' not in page
    assert "tabbed_translation_fields.js" in page and "vendor/jquery-ui/jquery-ui.min.js" in page


def test_editor_creates_article_with_author_and_citation(admin_client, analysis, person, source):
    """A valid form saves the article, its authorship and citation, with sanitized body and a made slug."""
    data = article_form(
        analysis, person, source, body_en='<p onmouseover="x()">Body<script>x()</script></p>'
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    article = Article.objects.get()
    assert article.slug_en == "ports-and-power"
    assert article.body_en == "<p>Body</p>"
    assert article.status == Status.DRAFT
    assert article.authorships.get().person == person
    assert article.citations.get().source == source


def test_status_cannot_be_set_through_the_form(admin_client, analysis, person, source):
    """Posting a status field is ignored: a new article is always a draft."""
    admin_client.post(ADD_URL, article_form(analysis, person, source, status="published"))
    assert Article.objects.get().status == Status.DRAFT


def form_errors(response):
    """All error messages the admin shows for a refused form, inlines included."""
    assert response.status_code == 200, "the form was accepted"
    messages = [str(error) for error in response.context["errors"]]
    for formset in response.context["inline_admin_formsets"]:
        messages += [str(error) for error in formset.formset.non_form_errors()]
    return " ".join(messages)


def test_duplicate_citation_number_is_refused(admin_client, analysis, person, source):
    """Two notes numbered 1 in one article: the form says so and nothing is saved."""
    other = Source.objects.create(
        kind="web", title="Other page", url="https://www.example.com/other"
    )
    today = timezone.localdate().isoformat()
    data = article_form(
        analysis, person, source, **citation_rows([(1, source.pk, today), (1, other.pk, today)])
    )
    errors = form_errors(admin_client.post(ADD_URL, data))
    assert "number" in errors.lower()
    assert not Article.objects.exists() and not Citation.objects.exists()


def test_future_access_date_is_refused(admin_client, analysis, person, source):
    """An access date after today is shown as a field error; nothing is saved."""
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    data = article_form(analysis, person, source, **citation_rows([(1, source.pk, tomorrow)]))
    errors = form_errors(admin_client.post(ADD_URL, data))
    assert "future" in errors
    assert not Article.objects.exists()


def test_duplicate_slug_is_refused(admin_client, analysis, person, source, make_article):
    """A slug already used in that language is refused on its field."""
    make_article(slug_en="ports-and-power")
    errors = form_errors(
        admin_client.post(
            ADD_URL, article_form(analysis, person, source, slug_en="ports-and-power")
        )
    )
    assert "already used" in errors
    assert Article.objects.count() == 1


def test_invalid_slug_is_refused(admin_client, analysis, person, source):
    """A slug with spaces is refused."""
    errors = form_errors(
        admin_client.post(
            ADD_URL, article_form(analysis, person, source, slug_en="ports and power")
        )
    )
    assert "slug" in errors.lower()
    assert not Article.objects.exists()


def test_unknown_language_is_refused(admin_client, analysis, person, source):
    """An original language outside en/tr/ru is refused."""
    errors = form_errors(
        admin_client.post(ADD_URL, article_form(analysis, person, source, original_language="xx"))
    )
    assert "xx" in errors
    assert not Article.objects.exists()


def test_more_than_five_highlights_are_refused(admin_client, analysis, person, source):
    """Six highlights are one too many; five are fine."""
    errors = form_errors(
        admin_client.post(ADD_URL, article_form(analysis, person, source, **highlight_rows(6)))
    )
    assert "at most 5" in errors
    response = admin_client.post(
        ADD_URL, article_form(analysis, person, source, **highlight_rows(5))
    )
    assert response.status_code == 302
    assert Article.objects.get().highlights.count() == 5


def test_source_autocomplete_finds_sources(admin_client, source):
    """The citation inline's source picker searches sources by title."""
    url = (
        reverse("admin:autocomplete")
        + "?app_label=citations&model_name=citation&field_name=source&term=subsea"
    )
    results = admin_client.get(url).json()["results"]
    assert [row["id"] for row in results] == [str(source.pk)]


def test_person_email_is_not_on_public_page(client, person):
    """A person's e-mail stays in the back office."""
    person.email = "private@example.org"
    person.save()
    assert "private@example.org" not in client.get(person.get_absolute_url()).content.decode()


def test_the_person_form_has_no_upload_of_its_own(admin_client):
    """Pictures of people come from the image library (its checks, its re-encoding): the person
    form offers no file field, and a file sent with it anyway is not stored."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = admin_client.get("/admin/people/person/add/").content.decode()
    assert 'type="file"' not in form and 'name="portrait"' in form
    upload = SimpleUploadedFile("portrait.png", b"not an image at all", content_type="image/png")
    data = {"given_name": "Ali", "family_name": "Kaya", "slug": "ali-kaya", "is_active": "on", "photo": upload,
            "links-TOTAL_FORMS": "0", "links-INITIAL_FORMS": "0", "links-MIN_NUM_FORMS": "0", "links-MAX_NUM_FORMS": "1000"}  # fmt: skip
    response = admin_client.post("/admin/people/person/add/", data)
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.portrait is None and not hasattr(person, "photo")


def test_unreferenced_citation_saves_with_a_warning(admin_client, analysis, person, source):
    """A note the body never marks is saved, and the editor is warned about it."""
    data = article_form(analysis, person, source, body_en="<p>No marker here.</p>")
    response = admin_client.post(ADD_URL, data, follow=True)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert Article.objects.exists()
    assert any("1" in warning for warning in warnings), warnings


def test_typed_footnote_markers_are_stored_in_one_form(admin_client, analysis, person, source):
    """An editor typing “[1]” in the body gets the same stored marker as one inserted as markup."""
    admin_client.post(ADD_URL, article_form(analysis, person, source, body_en="<p>Claim.[1]</p>"))
    assert Article.objects.get().body_en == '<p>Claim.<sup data-citation="1">[1]</sup></p>'
