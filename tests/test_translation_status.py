"""Per-language translation status: the flow, visibility after approval, stale translations and
the minor-edit exception, for articles, people and taxonomy terms."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from articles.editorial import transitions as workflow
from articles.models import Article, Topic, TranslationStatus
from articles.translations import status as tw
from audit.models import LogEntry
from tests.test_workflow import change_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

TS = TranslationStatus
TURKISH = {"title_tr": "Hazar’da şebeke bağlantıları", "body_tr": "<p>Türkçe metin.</p>"}


@pytest.fixture
def turkish(make_translator):
    return make_translator("tuna", "tr")


@pytest.fixture
def article(make_article):
    """Published in English only; Turkish and Russian not started."""
    return make_article(slug_en="grid-links")


def status_of(obj, lang):
    return tw.translation_for(obj, lang).status


def test_status_flow_from_not_started_to_approved(article, turkish, editor):
    """Requested → in progress on the first save → ready → approved, each step in the audit trail."""
    tw.request_translation(article, ["tr"], by=editor)
    assert status_of(article, "tr") == TS.NOT_STARTED
    tw.save_translation(article, "tr", by=turkish, values=TURKISH)
    assert status_of(article, "tr") == TS.IN_PROGRESS
    tw.mark_ready(article, "tr", by=turkish)
    assert status_of(article, "tr") == TS.READY
    tw.approve(article, ["tr"], by=editor)
    assert status_of(article, "tr") == TS.APPROVED
    actions = list(
        LogEntry.objects.for_object(article)
        .filter(language="tr")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["translation_request", "translation_ready", "translation_approve"]


def test_translation_is_live_only_after_approval(make_article, editor):
    """Turkish text on a published article stays off the Turkish site until an editor approves."""
    article = make_article(approve=False, **TURKISH)
    assert article in Article.objects.live("en")
    assert article not in Article.objects.live("tr")
    flags = Article.objects.with_live_languages().get(pk=article.pk)
    assert flags.live_in_en and not flags.live_in_tr
    tw.approve(article, ["tr"], by=editor)
    assert article in Article.objects.live("tr")
    assert Article.objects.with_live_languages().get(pk=article.pk).live_in_tr


def test_approved_translation_waits_for_the_article_to_be_published(make_article, editor):
    """Approval alone publishes nothing: the article's own state still decides."""
    article = make_article(published=False, approve=False, **TURKISH)
    tw.approve(article, ["tr"], by=editor)
    assert article not in Article.objects.live("tr")
    workflow.publish(article, by=editor)
    assert article in Article.objects.live("tr")


def test_approving_several_languages_together_with_publication(make_article, editor):
    """Publishing can approve the Turkish and Russian translations in the same step."""
    article = make_article(
        published=False,
        approve=False,
        **TURKISH,
        title_ru="Связи энергосетей",
        body_ru="<p>Русский текст.</p>",
    )
    tw.publish_with_translations(article, by=editor, languages=["tr", "ru"])
    assert {code for code in ("en", "tr", "ru") if article in Article.objects.live(code)} == {
        "en",
        "tr",
        "ru",
    }


def test_original_first_and_translations_later(make_article, editor):
    """The original is live at publication; Russian follows when approved later."""
    article = make_article(
        approve=False, title_ru="Связи энергосетей", body_ru="<p>Русский текст.</p>"
    )
    assert article in Article.objects.live("en") and article not in Article.objects.live("ru")
    tw.approve(article, ["ru"], by=editor)
    assert article in Article.objects.live("ru")


def test_an_article_written_in_turkish_is_live_in_turkish_without_approval(make_article):
    """The original language needs no approval, whatever it is."""
    article = make_article(
        original_language="tr", title_en="", body_en="", approve=False, **TURKISH
    )
    assert article in Article.objects.live("tr")
    assert article not in Article.objects.live("en")


def test_translator_cannot_approve_and_editor_can_withdraw(article, turkish, editor):
    """Only an editor approves; withdrawing takes the language off the site again."""
    tw.save_translation(article, "tr", by=turkish, values=TURKISH)
    tw.mark_ready(article, "tr", by=turkish)
    with pytest.raises(PermissionDenied):
        tw.approve(article, ["tr"], by=turkish)
    assert status_of(article, "tr") == TS.READY
    tw.approve(article, ["tr"], by=editor)
    tw.withdraw(article, "tr", by=editor)
    assert article not in Article.objects.live("tr")
    assert status_of(article, "tr") == TS.IN_PROGRESS


def test_return_needs_a_comment_and_goes_back_to_in_progress(article, turkish, editor):
    """An editor returns a ready translation with a comment saying what to change."""
    tw.save_translation(article, "tr", by=turkish, values=TURKISH)
    tw.mark_ready(article, "tr", by=turkish)
    with pytest.raises(Exception, match="comment is required"):
        tw.return_translation(article, "tr", by=editor, comment=" ")
    tw.return_translation(article, "tr", by=editor, comment="Use “şebeke” throughout.")
    assert status_of(article, "tr") == TS.IN_PROGRESS


def test_incomplete_translation_cannot_be_marked_ready(article, turkish):
    """A language without a title and a body cannot be handed over for review."""
    tw.save_translation(article, "tr", by=turkish, values={"title_tr": "Sadece başlık"})
    with pytest.raises(tw.TranslationError, match="not complete"):
        tw.mark_ready(article, "tr", by=turkish)
    assert status_of(article, "tr") == TS.IN_PROGRESS


def test_wrong_state_is_refused(article, turkish, editor):
    """Returning a translation that is not ready is refused, and nothing changes."""
    tw.save_translation(article, "tr", by=turkish, values=TURKISH)
    with pytest.raises(tw.TranslationError, match="not possible"):
        tw.return_translation(article, "tr", by=editor, comment="Again.")
    assert status_of(article, "tr") == TS.IN_PROGRESS


def test_request_emails_the_translators_of_that_language(article, make_translator, editor):
    """Asking for Turkish e-mails the Turkish translators only."""
    make_translator("tuna", "tr")
    make_translator("rita", "ru")
    tw.request_translation(article, ["tr"], by=editor)
    assert [message.to for message in mail.outbox] == [["tuna@example.org"]]
    assert "Grid links across the Caspian" in mail.outbox[0].subject
    assert f"/admin/articles/article/{article.pk}/translate/tr/" in mail.outbox[0].body


# Stale translations -----------------------------------------------------------------------------


def test_source_edit_makes_an_approved_translation_stale(make_article, editor):
    """Changing the English body marks Turkish "needs update" with the body listed; still live."""
    article = make_article(**TURKISH)
    article.body_en = "<p>Body text, now with a new paragraph.</p>"
    article.save()
    stale = tw.source_edited(article, by=editor)
    translation = tw.translation_for(article, "tr")
    assert stale == [translation]
    assert translation.status == TS.NEEDS_UPDATE
    assert translation.stale_fields == ["body"]
    assert translation.source_changed_at is not None
    assert article in Article.objects.live("tr")
    assert LogEntry.objects.filter(action="translation_stale", language="tr").exists()


def test_minor_edit_does_not_make_translations_stale(make_article, editor):
    """A typo fix marked minor keeps Turkish approved and moves its fingerprint on."""
    article = make_article(**TURKISH)
    article.body_en = "<p>Body text!</p>"
    article.save()
    assert tw.source_edited(article, by=editor, minor=True) == []
    translation = tw.translation_for(article, "tr")
    assert translation.status == TS.APPROVED
    assert tw.changed_since(translation, article) == []


def test_translation_edit_is_not_a_source_edit(make_article, editor):
    """Changing the Turkish text itself makes nothing stale."""
    article = make_article(**TURKISH)
    article.body_tr = "<p>Düzeltilmiş metin.</p>"
    article.save()
    assert tw.source_edited(article, by=editor) == []
    assert status_of(article, "tr") == TS.APPROVED


def test_approving_again_clears_the_stale_fields(make_article, editor):
    """After the update is approved the language is current again."""
    article = make_article(**TURKISH)
    article.title_en = "Grid links across the Caspian Sea"
    article.save()
    tw.source_edited(article, by=editor)
    assert tw.translation_for(article, "tr").stale_fields == ["title"]
    tw.approve(article, ["tr"], by=editor)
    translation = tw.translation_for(article, "tr")
    assert translation.status == TS.APPROVED and translation.stale_fields == []


def admin_post(client, article, **overrides):
    data = change_data(article, title_tr=article.title_tr, body_tr=article.body_tr, **overrides)
    return client.post(f"/admin/articles/article/{article.pk}/change/", data)


def test_admin_save_marks_stale_unless_minor_is_ticked(make_article, editor):
    """Through the article form: a source change is stale, the same with “minor edit” is not."""
    article = make_article(**TURKISH)
    client = Client()
    client.force_login(editor)
    response = admin_post(client, article, body_en="<p>Body text. Typo fixed.</p>", minor_edit="on")
    assert response.status_code == 302
    assert status_of(article, "tr") == TS.APPROVED
    article.refresh_from_db()
    response = admin_post(client, article, body_en="<p>A rewritten body.</p>")
    assert response.status_code == 302
    assert status_of(article, "tr") == TS.NEEDS_UPDATE
    assert tw.translation_for(article, "tr").stale_fields == ["body"]


def test_public_page_in_a_stale_language_says_the_original_was_updated(make_article, editor):
    """The Turkish page notes the date the original changed; the English page does not."""
    article = make_article(**TURKISH)
    article.body_en = "<p>New English body.</p>"
    article.save()
    tw.source_edited(article, by=editor)
    turkish_page = Client().get(article.get_absolute_url("tr")).content.decode()
    english_page = Client().get(article.get_absolute_url("en")).content.decode()
    assert 'class="translation-note"' in turkish_page
    assert 'class="translation-note"' not in english_page


# People and taxonomy terms ----------------------------------------------------------------------


def test_person_translation_flow_and_stale_biography(person, editor, make_translator):
    """A person's Turkish position is translated, approved, and goes stale when English changes."""
    turkish = make_translator("tuna", "tr")
    tw.save_translation(person, "tr", by=turkish, values={"position_tr": "Enerji Analisti"})
    assert status_of(person, "tr") == TS.IN_PROGRESS
    tw.mark_ready(person, "tr", by=turkish)
    tw.approve(person, ["tr"], by=editor)
    assert status_of(person, "tr") == TS.APPROVED
    person.position_en = "Senior Energy Analyst"
    person.save()
    tw.source_edited(person, by=editor)
    translation = tw.translation_for(person, "tr")
    assert translation.status == TS.NEEDS_UPDATE and translation.stale_fields == ["position"]


def test_topic_translation_flow_and_minor_edit(editor, make_translator):
    """A topic's Russian name is approved; a minor English fix keeps it current."""
    topic = Topic.objects.create(name_en="Energy", slug_en="energy")
    russian = make_translator("rita", "ru")
    tw.save_translation(topic, "ru", by=russian, values={"name_ru": "Энергетика"})
    topic.refresh_from_db()
    assert topic.slug_ru == "energetika"
    tw.mark_ready(topic, "ru", by=russian)
    tw.approve(topic, ["ru"], by=editor)
    topic.name_en = "Energy."
    topic.save()
    assert tw.source_edited(topic, by=editor, minor=True) == []
    assert status_of(topic, "ru") == TS.APPROVED
    topic.name_en = "Energy and climate"
    topic.save()
    assert [t.language for t in tw.source_edited(topic, by=editor)] == ["ru"]


def test_source_language_is_not_a_translation(article, editor):
    """English, the original, has no translation status to change."""
    with pytest.raises(tw.TranslationError, match="original language"):
        tw.approve(article, ["en"], by=editor)
