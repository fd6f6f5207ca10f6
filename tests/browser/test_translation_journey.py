"""The translation journey in a real browser: a Turkish translator finds the article waiting for
Turkish, translates it beside the English text and marks it ready; an editor approves; readers
find the Turkish page, and the English page offers Türkçe."""

import pytest
from django.utils import timezone

from articles.editorial.transitions import publish
from articles.models import Article, ArticleType, Authorship, TranslationStatus
from articles.translations import status as tw
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

READY = "() => window.CKEDITOR && CKEDITOR.instances['{id}'] && CKEDITOR.instances['{id}'].status === 'ready'"


@pytest.fixture
def desk(make_user, make_translator, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    editor = make_user("edith", "Editor", password="password")
    make_translator("tuna", "tr", password="password")
    analysis = ArticleType.objects.create(
        name_en="Analysis", slug_en="analysis", name_tr="Analiz", slug_tr="analiz"
    )
    article = Article(
        article_type=analysis,
        title_en="Cables under the Caspian",
        summary_en="Why a subsea cable matters.",
        body_en="<p>A subsea cable would link two grids.</p>",
        created_by=editor,
    )
    article.full_clean()
    article.save()
    person = Person.objects.create(given_name="Ayla", family_name="Demir", slug="ayla-demir")
    Authorship.objects.create(article=article, person=person)
    publish(article, by=editor, at=timezone.now() - timezone.timedelta(hours=1))
    tw.request_translation(article, ["tr"], by=editor)
    return article


def log_in(page, base, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")


def test_translator_to_reader(browser, page, live_server, desk):
    """Find the waiting article, translate beside the source, mark ready, approve, read."""
    base = live_server.url
    article = desk
    assert article not in Article.objects.live("tr")

    # The Turkish translator finds the article waiting for Turkish.
    log_in(page, base, "tuna")
    waiting = page.locator("#work-waiting")
    assert "Cables under the Caspian" in waiting.inner_text()
    waiting.get_by_role("link", name="Cables under the Caspian").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/translate/tr/")

    # The English source is shown beside each Turkish field; only Turkish fields are editable.
    assert page.locator("#source-title_tr").inner_text() == "Cables under the Caspian"
    assert "link two grids" in page.locator("#source-body_tr").inner_text()
    assert page.locator("#id_title_en").count() == 0
    page.fill("#id_title_tr", "Hazar’ın altındaki kablolar")
    page.fill("#id_summary_tr", "Deniz altı kablosu neden önemli.")
    page.wait_for_function(READY.format(id="id_body_tr"))
    page.frame_locator("#cke_id_body_tr iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("Deniz altı kablosu iki şebekeyi birleştirecek.")
    page.click("input[name=_ready]")
    page.wait_for_url("**/admin/articles/translation/")
    article.refresh_from_db()
    assert "iki şebekeyi birleştirecek" in article.body_tr
    assert article.title_en == "Cables under the Caspian"
    assert tw.translation_for(article, "tr").status == TranslationStatus.READY
    assert article not in Article.objects.live("tr")

    # The editor sees it waiting for review and approves it.
    editor_context = browser.new_context(base_url=base, locale="en-US")
    editor = editor_context.new_page()
    editor.set_default_timeout(15_000)
    log_in(editor, base, "edith")
    editor.goto("/admin/articles/translation/?status=ready")
    assert "Cables under the Caspian" in editor.locator("#waiting-for-review").inner_text()
    editor.locator("#translation-matrix").get_by_role(
        "link", name="Cables under the Caspian"
    ).click()
    editor.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    assert "Ready for review" in editor.locator("#translation-tr").inner_text()
    editor.locator("#translation-tr .translation-approve button").click()
    editor.wait_for_load_state()
    assert "Approved" in editor.locator("#translation-tr").inner_text()
    editor_context.close()
    assert tw.translation_for(article, "tr").status == TranslationStatus.APPROVED

    # Readers find the Turkish page, in Turkish, and the English page offers Türkçe.
    article.refresh_from_db()
    reader_context = browser.new_context(base_url=base, locale="en-US")
    reader = reader_context.new_page()
    response = reader.goto(f"/tr/articles/{article.slug_tr}/")
    assert response.status == 200
    assert reader.locator("html").get_attribute("lang") == "tr"
    assert reader.locator("h1").inner_text() == "Hazar’ın altındaki kablolar"
    main = reader.locator("main").inner_text()
    assert "iki şebekeyi birleştirecek" in main
    assert "Paylaş" in main and "Yayımlandı" in main  # Turkish interface strings
    assert "Share" not in main
    reader.goto(article.get_absolute_url("en"))
    also = reader.locator(".also-available")
    assert "Türkçe" in also.inner_text()
    assert also.get_by_role("link", name="Türkçe").get_attribute("href") == (
        f"/tr/articles/{article.slug_tr}/"
    )
    reader_context.close()
