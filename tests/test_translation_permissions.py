"""Field-level permissions of translators: a Turkish translator changes Turkish fields only, in the
service layer and through every admin form; anything else answers 403 and changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from articles.editorial import transitions as workflow
from articles.models import Article, Status, Topic, TranslationStatus
from articles.permissions import translation_policy
from articles.translations import status as tw
from articles.translations.admin import translation_form
from people.models import Person
from tests.test_workflow import change_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def turkish(make_translator):
    return make_translator("tuna", "tr")


@pytest.fixture
def article(make_article):
    return make_article(slug_en="grid-links")


@pytest.fixture
def as_turkish(turkish):
    client = Client()
    client.force_login(turkish)
    return client


def snapshot(obj):
    obj = type(obj).objects.get(pk=obj.pk)
    return {f.attname: f.value_from_object(obj) for f in obj._meta.concrete_fields} | {
        "updated_at": None
    }


TRANSLATE = "/admin/articles/article/{}/translate/{}/"


def opened(obj, lang, data):
    """``data`` as the translation form opened now posts it: with its version token."""
    return {"version_token": translation_form(type(obj), lang).token_for(obj), **data}


# Service layer ----------------------------------------------------------------------------------


def test_check_allows_only_fields_of_the_translators_languages(article, turkish, editor):
    """Turkish fields pass; English, Russian, status and other fields are refused."""
    translation_policy.check_may_change(turkish, article, ["title_tr", "body_tr", "slug_tr"])
    for fields in (
        ["title_en"],
        ["body_ru"],
        ["status"],
        ["publish_at"],
        ["title_tr", "is_featured"],
    ):
        with pytest.raises(PermissionDenied):
            translation_policy.check_may_change(turkish, article, fields)
    translation_policy.check_may_change(editor, article, ["title_en", "body_ru"])


@pytest.mark.parametrize(
    "values",
    [
        {"title_en": "A new English title"},
        {"body_ru": "<p>Русский.</p>"},
        {"title_tr": "Başlık", "title_en": "Smuggled"},
    ],
)
def test_save_translation_refuses_other_languages_and_saves_nothing(article, turkish, values):
    """English or Russian values, alone or beside Turkish ones: refused, the row unchanged."""
    before = snapshot(article)
    with pytest.raises(PermissionDenied):
        tw.save_translation(article, "tr", by=turkish, values=values)
    assert snapshot(article) == before


def test_translator_cannot_translate_into_an_unassigned_language(article, turkish):
    """Russian belongs to no language of the Turkish translator."""
    with pytest.raises(PermissionDenied):
        tw.save_translation(article, "ru", by=turkish, values={"title_ru": "Заголовок"})
    with pytest.raises(PermissionDenied):
        tw.mark_ready(article, "ru", by=turkish)


def test_translator_cannot_publish_or_approve(make_article, turkish):
    """Neither the article workflow nor approval is open to a translator."""
    draft = make_article(published=False)
    with pytest.raises(PermissionDenied):
        workflow.publish(draft, by=turkish)
    with pytest.raises(PermissionDenied):
        tw.approve(draft, ["tr"], by=turkish)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_translator_cannot_translate_a_source_language(make_article, turkish):
    """An article written in Turkish: its Turkish fields are the original, not a translation."""
    article = make_article(
        original_language="tr", title_en="", body_en="", title_tr="Başlık", body_tr="<p>Metin</p>"
    )
    with pytest.raises(PermissionDenied):
        tw.save_translation(article, "tr", by=turkish, values={"title_tr": "Yeni başlık"})


# Through the admin ------------------------------------------------------------------------------


def test_translation_form_shows_the_source_beside_each_field(article, as_turkish):
    """The Turkish form has the Turkish fields only, each next to the English text."""
    response = as_turkish.get(TRANSLATE.format(article.pk, "tr"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="title_tr"' in html and 'name="body_tr"' in html
    assert 'name="title_en"' not in html and 'name="body_ru"' not in html
    assert 'id="source-title_tr"' in html and "Grid links across the Caspian" in html


def test_translation_form_saves_turkish(article, as_turkish):
    """A Turkish POST is saved and the language is in progress."""
    response = as_turkish.post(
        TRANSLATE.format(article.pk, "tr"),
        opened(
            article,
            "tr",
            {"title_tr": "Hazar’da bağlantılar", "body_tr": "<p>Metin.</p>", "_save": "1"},
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_tr == "Hazar’da bağlantılar" and article.slug_tr == "hazarda-baglantilar"
    assert tw.translation_for(article, "tr").status == TranslationStatus.IN_PROGRESS


@pytest.mark.parametrize(
    "crafted",
    [
        {"title_en": "Smuggled English title"},
        {"body_ru": "<p>Контрабанда</p>"},
        {"status": "unpublished"},
        {"is_featured": "on"},
    ],
)
def test_crafted_post_to_the_translation_form_is_403(article, as_turkish, crafted):
    """Extra fields in a Turkish POST (English, Russian, the status): 403, nothing saved."""
    before = snapshot(article)
    response = as_turkish.post(
        TRANSLATE.format(article.pk, "tr"), {"title_tr": "Başlık", "body_tr": "", **crafted}
    )
    assert response.status_code == 403
    assert snapshot(article) == before


def test_russian_form_is_403_for_a_turkish_translator(article, as_turkish):
    """The form of another language is closed, for reading and for writing."""
    assert as_turkish.get(TRANSLATE.format(article.pk, "ru")).status_code == 403
    before = snapshot(article)
    response = as_turkish.post(TRANSLATE.format(article.pk, "ru"), {"title_ru": "Заголовок"})
    assert response.status_code == 403
    assert snapshot(article) == before


@pytest.mark.parametrize(
    "overrides",
    [
        {"title_en": "Smuggled English title"},
        {"title_ru": "Заголовок"},
        {"status": "draft"},
        {"title_tr": "Başlık", "body_en": "<p>Smuggled.</p>"},
    ],
)
def test_crafted_post_to_the_article_form_is_403(article, as_turkish, overrides):
    """The full article form changes nothing for a translator: other fields give 403."""
    before = snapshot(article)
    response = as_turkish.post(
        f"/admin/articles/article/{article.pk}/change/", change_data(article, **overrides)
    )
    assert response.status_code == 403
    assert snapshot(article) == before


def test_article_form_sends_the_translator_to_the_translation_form(article, as_turkish):
    """Opening an article as a translator leads to the form of their language."""
    response = as_turkish.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 302
    assert response["Location"] == TRANSLATE.format(article.pk, "tr")


@pytest.mark.parametrize("action", ["publish", "unpublish", "submit"])
def test_workflow_transitions_are_403_for_a_translator(article, as_turkish, action):
    """Publishing or unpublishing through the admin: 403, the status unchanged."""
    response = as_turkish.post(f"/admin/articles/article/{article.pk}/transition/{action}/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


@pytest.mark.parametrize("action", ["approve", "withdraw", "request"])
def test_translation_approval_is_403_for_a_translator(make_article, as_turkish, action):
    """A translator cannot approve, withdraw or request their own language."""
    article = make_article(title_tr="Başlık", body_tr="<p>Metin.</p>", approve=False)
    response = as_turkish.post(f"/admin/articles/article/{article.pk}/translation/tr/{action}/")
    assert response.status_code == 403
    assert article not in Article.objects.live("tr")


def test_person_translation_form_allows_turkish_fields_only(person, as_turkish):
    """A person's Turkish position saves; the English one, or the name, gives 403."""
    url = f"/admin/people/person/{person.pk}/translate/tr/"
    assert as_turkish.get(url).status_code == 200
    before = snapshot(person)
    for crafted in ({"position_en": "Smuggled"}, {"family_name": "Smuggled"}):
        response = as_turkish.post(url, {"position_tr": "Analist", **crafted})
        assert response.status_code == 403
        assert snapshot(person) == before
    assert (
        as_turkish.post(url, opened(person, "tr", {"position_tr": "Enerji Analisti"})).status_code
        == 302
    )
    person.refresh_from_db()
    assert person.position_tr == "Enerji Analisti" and person.position_en == "Energy Analyst"


def test_person_change_form_is_read_only_for_a_translator(person, as_turkish):
    """The person form itself is not the translator's: a POST is 403 and changes nothing."""
    before = snapshot(person)
    response = as_turkish.post(
        f"/admin/people/person/{person.pk}/change/",
        {"given_name": "X", "family_name": "Y", "slug": "x-y", "position_en": "Smuggled"},
    )
    assert response.status_code == 403
    assert snapshot(person) == before


def test_topic_translation_form_allows_turkish_name_only(as_turkish):
    """A topic's Turkish name saves; a crafted English name gives 403."""
    topic = Topic.objects.create(name_en="Energy", slug_en="energy")
    url = f"/admin/articles/topic/{topic.pk}/translate/tr/"
    before = snapshot(topic)
    assert as_turkish.post(url, {"name_tr": "Enerji", "name_en": "Power"}).status_code == 403
    assert snapshot(topic) == before
    assert as_turkish.post(url, opened(topic, "tr", {"name_tr": "Enerji"})).status_code == 302
    topic.refresh_from_db()
    assert (topic.name_tr, topic.slug_tr, topic.name_en) == ("Enerji", "enerji", "Energy")


def test_a_translator_without_languages_may_translate_nothing(article, make_user):
    """The Translator role alone, with no language assigned, changes nothing."""
    nobody = make_user("nil", "Translator")
    with pytest.raises(PermissionDenied):
        translation_policy.check_may_change(nobody, article, ["title_tr"])
    client = Client()
    client.force_login(nobody)
    assert client.get(TRANSLATE.format(article.pk, "tr")).status_code == 403


def test_editor_is_not_restricted(article, editor):
    """Editors keep the whole form and may translate any language."""
    person = Person.objects.get()
    assert translation_policy.allowed_fields(editor, article) is None
    assert translation_policy.allowed_fields(editor, person) is None


def test_highlights_are_translated_in_the_same_form(article, as_turkish):
    """Each highlight's English text is shown; the Turkish text is saved, the English kept."""
    from articles.models import Highlight

    highlight = Highlight.objects.create(article=article, text_en="Two grids, one cable.")
    url = TRANSLATE.format(article.pk, "tr")
    assert "Two grids, one cable." in as_turkish.get(url).content.decode()
    response = as_turkish.post(
        url,
        opened(
            article,
            "tr",
            {"title_tr": "Başlık", f"highlights-{highlight.pk}": "İki şebeke, bir kablo."},
        ),
    )
    assert response.status_code == 302
    highlight.refresh_from_db()
    assert (highlight.text_tr, highlight.text_en) == (
        "İki şebeke, bir kablo.",
        "Two grids, one cable.",
    )


def test_highlights_of_another_article_cannot_be_changed(article, make_article, turkish):
    """The service refuses highlight ids that are not the article's."""
    from articles.models import Highlight

    other = Highlight.objects.create(article=make_article(title_en="Other"), text_en="Other.")
    with pytest.raises(PermissionDenied):
        tw.save_highlight_translations(article, "tr", by=turkish, texts={other.pk: "Başka."})
    other.refresh_from_db()
    assert not other.text_tr
