"""The translation dashboard: the articles × languages matrix, counts per language, filters, what
waits for each translator, and links straight to the translation form."""

import pytest
from django.test import Client

from articles.models import TranslationStatus
from articles.translations import dashboard as translation_dashboard
from articles.translations import status as tw
from people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

TS = TranslationStatus
URL = "/admin/articles/translation/"
TURKISH = {"title_tr": "Başlık", "body_tr": "<p>Metin.</p>"}


@pytest.fixture
def desk(make_article, make_translator, editor):
    """Four articles: Turkish approved, Turkish ready, Turkish stale, Turkish requested."""
    turkish = make_translator("tuna", "tr")
    approved = make_article(title_en="Approved one", **TURKISH)
    ready = make_article(title_en="Ready one", approve=False)
    tw.save_translation(
        ready, "tr", by=turkish, values={"title_tr": "Hazır", "body_tr": "<p>x</p>"}
    )
    tw.mark_ready(ready, "tr", by=turkish)
    stale = make_article(title_en="Stale one", title_tr="Eski", body_tr="<p>Eski.</p>")
    stale.body_en = "<p>Changed.</p>"
    stale.save()
    tw.source_edited(stale, by=editor)
    requested = make_article(title_en="Requested one")
    tw.request_translation(requested, ["tr"], by=editor)
    return {
        "turkish": turkish,
        "approved": approved,
        "ready": ready,
        "stale": stale,
        "requested": requested,
    }


def rows(data):
    return {
        str(article): {cell.language: cell.status for cell in cells}
        for article, cells in data["matrix"]
    }


def test_matrix_and_counts_per_language(desk, editor):
    """Each article shows its status per language; counts add up per language."""
    data = translation_dashboard.dashboard(editor)
    matrix = rows(data)
    assert matrix["Approved one"] == {"en": "original", "tr": TS.APPROVED, "ru": TS.NOT_STARTED}
    assert matrix["Ready one"]["tr"] == TS.READY
    assert matrix["Stale one"]["tr"] == TS.NEEDS_UPDATE
    assert matrix["Requested one"]["tr"] == TS.NOT_STARTED
    assert data["counts"]["tr"] == {
        TS.NOT_STARTED: 1,
        TS.IN_PROGRESS: 0,
        TS.READY: 1,
        TS.APPROVED: 1,
        TS.NEEDS_UPDATE: 1,
    }
    assert data["counts"]["ru"][TS.NOT_STARTED] == 4
    assert data["counts"]["en"] == dict.fromkeys(TS.values, 0)  # every article is English


def test_filter_needs_update(desk, editor):
    """“Needs update” keeps the stale article only."""
    assert list(rows(translation_dashboard.dashboard(editor, status=TS.NEEDS_UPDATE))) == [
        "Stale one"
    ]


def test_filter_waiting_for_review(desk, editor):
    """“Waiting for review” keeps the article whose translation is ready."""
    assert list(rows(translation_dashboard.dashboard(editor, status=TS.READY))) == ["Ready one"]


def test_filter_my_languages(desk):
    """“My languages”: the translator's columns only, and the articles where they have work."""
    data = translation_dashboard.dashboard(desk["turkish"], mine=True)
    assert data["languages"] == ["tr"]
    assert set(rows(data)) == {"Stale one", "Requested one"}


def test_waiting_for_the_translator(desk, make_translator):
    """The translator's list holds requested and stale Turkish work, not Russian or finished."""
    waiting = {str(t.target) for t in translation_dashboard.waiting_for(desk["turkish"])}
    assert waiting == {"Stale one", "Requested one"}
    assert translation_dashboard.waiting_for(make_translator("rita", "ru")) == []


def test_dashboard_page_shows_status_by_colour_and_word_with_links(desk, editor):
    """The page marks each cell with a status class and its word, linking to the form."""
    client = Client()
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="status status-needs_update"' in html and "Needs update" in html
    assert 'class="status status-approved"' in html and "Approved" in html
    assert f'href="/admin/articles/article/{desk["ready"].pk}/translate/tr/"' in html
    assert 'id="waiting-for-review"' in html  # an editor sees what to approve
    assert client.get(URL + "?status=needs_update").content.decode().count('<tr id="article-') == 1


def test_translator_sees_what_waits_on_the_dashboard_and_admin_index(desk):
    """A translator's dashboard and start page list their waiting work with a link to the form."""
    client = Client()
    client.force_login(desk["turkish"])
    link = f"/admin/articles/article/{desk['requested'].pk}/translate/tr/"
    dashboard = client.get(URL + "?mine=1").content.decode()
    assert 'id="waiting-for-me"' in dashboard and link in dashboard
    assert 'id="waiting-for-review"' not in dashboard
    index = client.get("/admin/").content.decode()
    assert 'id="translator-dashboard"' in index and link in index


def test_people_waiting_for_translation_are_listed(person, desk, editor):
    """A person whose Turkish profile is requested waits for the Turkish translator."""
    tw.request_translation(Person.objects.get(pk=person.pk), ["tr"], by=editor)
    client = Client()
    client.force_login(desk["turkish"])
    html = client.get(URL + "?mine=1").content.decode()
    assert f"/admin/people/person/{person.pk}/translate/tr/" in html


def test_contributor_cannot_open_the_dashboard(contributor):
    """Without a translation permission the dashboard is closed."""
    client = Client()
    client.force_login(contributor)
    assert client.get(URL).status_code == 403


def test_translation_admin_pages_open_for_an_editor(desk, person, editor):
    """Dashboard, import page, translators' languages, and the panels on each change form."""
    client = Client()
    client.force_login(editor)
    topic = desk["approved"].article_type
    for url in [
        URL,
        "/admin/articles/article/import-xliff/",
        "/admin/articles/translatorlanguage/",
        "/admin/articles/translatorlanguage/add/",
        f"/admin/people/person/{person.pk}/change/",
        f"/admin/articles/articletype/{topic.pk}/change/",
        f"/admin/articles/article/{desk['ready'].pk}/translate/ru/",
        f"/admin/people/person/{person.pk}/translate/ru/",
    ]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/admin/articles/article/{desk['ready'].pk}/change/").content.decode()
    assert 'id="translation-tr"' in page and "translation-approve" in page
    assert 'name="minor_edit"' in page
    person_page = client.get(f"/admin/people/person/{person.pk}/change/").content.decode()
    assert 'id="translation-tr"' in person_page and 'name="minor_edit"' in person_page


def test_publishing_can_approve_ready_translations_in_the_same_step(desk, editor):
    """The publish form offers the ready Turkish translation; ticking it makes both live."""
    from articles.editorial import transitions as workflow
    from articles.models import Article

    article = desk["ready"]
    workflow.unpublish(article, by=editor)
    client = Client()
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'name="approve" value="tr" checked' in page
    response = client.post(
        f"/admin/articles/article/{article.pk}/transition/publish/", {"approve": ["tr"]}
    )
    assert response.status_code == 302
    assert article in Article.objects.live("en") and article in Article.objects.live("tr")
