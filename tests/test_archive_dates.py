"""Archive editing: an editor (never a contributor) publishes an article with its original, past
publication date, typed as the editor's language writes dates; the audit log says so."""

import datetime

import pytest
from django import forms
from django.forms import modelform_factory
from django.utils import timezone, translation

from articles.models import LiveVersion, Status
from audit.models import LogEntry
from citations.admin import CitationForm
from citations.models import Citation
from importers.models import ImportRecord


def url(article):
    return f"/admin/importers/importrecord/archive/{article.pk}/"


@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
def test_dates_typed_as_the_reference_writes_them_are_read_in_every_language(lang):
    """01.07.2024 and ISO 2024-07-01 are the same day in every language's date fields (the
    citation form's access date among them)."""
    with translation.override(lang):
        field = forms.DateField()
        assert field.clean("01.07.2024") == datetime.date(2024, 7, 1)
        assert field.clean("2024-07-01") == datetime.date(2024, 7, 1)


def test_editor_publishes_an_archived_article_with_its_original_date(
    client, make_article, role_editor
):
    article = make_article(published=False)
    ImportRecord.objects.create(
        origin="https://institute.example.org",
        kind="article",
        key="post:10",
        article=article,
        original_published_at=datetime.datetime(2024, 7, 1, 9, tzinfo=datetime.UTC),
    )
    client.force_login(role_editor)
    page = client.get(url(article))
    assert page.status_code == 200
    assert 'value="2024-07-01"' in page.content.decode()  # the date it had on WordPress
    response = client.post(url(article), {"published_on": "01.07.2024"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    version = LiveVersion.objects.visible("en").get(article=article)
    assert timezone.localdate(version.publish_at) == datetime.date(2024, 7, 1)
    line = LogEntry.objects.for_object(article).get(action="backdate")
    assert line.user == role_editor
    assert line.data["original_date"] == "2024-07-01"
    public = client.get(version.get_absolute_url())
    assert public.status_code == 200
    assert 'datetime="2024-07-01' in public.content.decode()


def test_turkish_editor_types_the_date_the_turkish_way(client, make_article, role_editor):
    article = make_article(published=False)
    client.force_login(role_editor)
    response = client.post(url(article), {"published_on": "15.03.2023"}, HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 302
    version = LiveVersion.objects.visible("en").get(article=article)
    assert timezone.localdate(version.publish_at) == datetime.date(2023, 3, 15)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("July the first", "Enter the date as dd.mm.yyyy or yyyy-mm-dd, such as 01.07.2024."),
        ("01.01.2999", "The original publication date cannot be in the future"),
    ],
)
def test_a_wrong_date_names_the_expected_form_and_publishes_nothing(
    client, make_article, role_editor, typed, message
):
    article = make_article(published=False)
    client.force_login(role_editor)
    response = client.post(url(article), {"published_on": typed})
    assert response.status_code == 400
    assert message in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not LiveVersion.objects.filter(article=article).exists()


def test_contributors_may_not_backdate_even_their_own_draft(client, make_article, contributor):
    article = make_article(published=False, created_by=contributor)
    client.force_login(contributor)
    assert client.get(url(article)).status_code == 403
    assert client.post(url(article), {"published_on": "01.07.2024"}).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_translations_of_an_archived_article_go_live_with_it(client, make_article, role_editor):
    """A written translation (as imported) is offered for approval and goes live at the same
    original date."""
    article = make_article(
        published=False,
        approve=False,
        title_tr="Hazar’ın altındaki kablolar",
        body_tr="<p>Metin.</p>",
    )
    client.force_login(role_editor)
    page = client.get(url(article)).content.decode()
    assert 'name="languages" value="tr"' in page
    response = client.post(url(article), {"published_on": "2024-07-01", "languages": ["tr"]})
    assert response.status_code == 302
    turkish = LiveVersion.objects.visible("tr").get(article=article)
    assert timezone.localdate(turkish.publish_at) == datetime.date(2024, 7, 1)


@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
def test_the_citation_form_takes_01_07_2024_and_names_only_the_real_fault(
    make_article, source, lang
):
    """The access date typed as the reference writes it is read; a date that is no date gets
    one message, not a second one claiming none was given."""
    article = make_article(published=False)
    Form = modelform_factory(
        Citation, form=CitationForm, fields=["number", "source", "accessed_on", "locator"]
    )
    with translation.override(lang):
        good = Form({"number": 1, "source": source.pk, "accessed_on": "01.07.2024"},
                    instance=Citation(article=article))  # fmt: skip
        assert good.is_valid(), good.errors
        assert good.cleaned_data["accessed_on"] == datetime.date(2024, 7, 1)
        bad = Form({"number": 1, "source": source.pk, "accessed_on": "45.13.2024"},
                   instance=Citation(article=article))  # fmt: skip
        assert not bad.is_valid()
        assert len(bad.errors["accessed_on"]) == 1
