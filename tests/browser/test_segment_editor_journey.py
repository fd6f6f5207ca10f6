"""The segment editor in a real browser: a Turkish translator sees aligned segments beside the
English source, accepts a memory match for a repeated paragraph, is warned by the glossary,
breaks a footnote marker and is told which segment, fixes it and marks the text ready; the
editor approves; the Turkish page shows its footnote linked."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from articles.editorial.transitions import publish
from articles.models import Article, ArticleType, Authorship, TranslationStatus
from articles.translations import status as tw
from citations.models import Citation, Source
from people.models import Person
from translation_tools.models import GlossaryTerm, MemoryEntry

pytestmark = pytest.mark.django_db(transaction=True)

REPEATED = "The Meridian Institute will publish its data every year."


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
        body_en=(
            '<p>A subsea cable would link two grids.<sup data-citation="1">[1]</sup></p>'
            f"<p>{REPEATED}</p>"
        ),
        created_by=editor,
    )
    article.full_clean()
    article.save()
    person = Person.objects.create(given_name="Ayla", family_name="Demir", slug="ayla-demir")
    Authorship.objects.create(article=article, person=person)
    source = Source.objects.create(
        kind="news", title="Ministers agree", outlet="Example Times",
        url="https://news.example.org/cable",
    )  # fmt: skip
    Citation.objects.create(article=article, source=source, number=1)
    publish(article, by=editor, at=timezone.now() - timezone.timedelta(hours=1))
    tw.request_translation(article, ["tr"], by=editor)
    # Remembered from an earlier approved article; a fixed term of the institute.
    MemoryEntry.objects.create(
        source_language="en", target_language="tr", source_text=REPEATED,
        target_text="Meridyen Enstitüsü verilerini her yıl yayımlayacak.",
    )  # fmt: skip
    GlossaryTerm.objects.create(
        source_language="en", target_language="tr", term="subsea cable",
        translation="denizaltı kablosu",
    )  # fmt: skip
    return article, editor


def log_in(page, base, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")


def test_translator_uses_memory_glossary_and_markers(browser, page, live_server, desk):
    """Aligned segments, a memory match accepted, a glossary warning, a broken marker named."""
    article, editor = desk
    base = live_server.url
    log_in(page, base, "tuna")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"/admin/articles/article/{article.pk}/translate/tr/")
    page.click("#segment-editor-link")
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/segments/tr/")

    rows = page.locator("tr.segment-row")
    assert rows.count() == 3  # title, two paragraphs
    result = Axe().run(page, context="#content-main")
    assert result.violations_count == 0, result.generate_report()
    assert page.locator("#segment-progress").inner_text() == "1 of 3 segments translated"
    # Source and target of a segment sit side by side, on one line of the table.
    source_box = page.locator("#source-2").bounding_box()
    target_box = rows.nth(1).locator("textarea").bounding_box()
    assert abs(source_box["y"] - target_box["y"]) < 40 and target_box["x"] > source_box["x"]
    assert page.locator("#source-2 .ph.fn").inner_text() == "[1]"
    assert page.locator("#source-2 mark.term").inner_text() == "subsea cable"

    # The repeated paragraph: the memory's translation, accepted in one click.
    third = rows.nth(2).locator("textarea")
    assert third.input_value() == "Meridyen Enstitüsü verilerini her yıl yayımlayacak."
    third.fill("")
    assert page.locator("#segment-progress").inner_text() == "0 of 3 segments translated"
    rows.nth(2).get_by_role("button", name="Use").click()
    assert third.input_value() == "Meridyen Enstitüsü verilerini her yıl yayımlayacak."

    # Title, then (Alt+↑ back to it works) the paragraph without its marker and the fixed term.
    title = rows.nth(0).locator("textarea")
    title.fill("Hazar’ın altındaki kablolar")
    title.press("Alt+ArrowDown")
    page.keyboard.type("Bir deniz kablosu iki şebekeyi bağlayacak.")
    assert page.locator("#segment-progress").inner_text() == "3 of 3 segments translated"
    page.click("input[name=_ready]")
    page.wait_for_load_state()
    error = rows.nth(1).locator(".segment-error")
    assert "Body: Segment 1: the footnote markers must be those of the original: [1]." in (
        error.inner_text()
    )
    assert "should be translated as “denizaltı kablosu”" in rows.nth(1).inner_text()
    assert not Article.objects.get(pk=article.pk).title_tr  # nothing saved

    # Fixed: the marker back and the glossary's term used.
    rows.nth(1).locator("textarea").fill("Bir denizaltı kablosu iki şebekeyi bağlayacak.[1]")
    page.click("input[name=_ready]")
    page.wait_for_load_state()
    assert "marked ready for review" in page.locator(".messagelist").inner_text()
    assert "should be translated" not in page.locator("#segment-form").inner_text()
    assert tw.translation_for(article, "tr").status == TranslationStatus.READY
    assert errors == []

    # The editor approves in the article's translation panel; the Turkish page shows the
    # footnote linked to its note.
    desk_page = browser.new_context(base_url=base, locale="en-US").new_page()
    desk_page.set_default_timeout(15_000)
    log_in(desk_page, base, editor.username)
    desk_page.goto(f"/admin/articles/article/{article.pk}/change/")
    line = desk_page.locator("#translation-tr")
    assert "Ready for review" in line.inner_text()
    line.locator(".translation-approve button").click()
    desk_page.wait_for_load_state()
    assert "Approved" in desk_page.locator("#translation-tr").inner_text()
    desk_page.context.close()
    article.refresh_from_db()
    assert tw.translation_for(article, "tr").status == TranslationStatus.APPROVED
    reader = browser.new_context(base_url=base, locale="tr-TR").new_page()
    assert reader.goto(f"/tr/articles/{article.slug_tr}/").status == 200
    marker = reader.locator("main sup.fn a").first
    assert marker.inner_text() == "[1]"
    note_id = marker.get_attribute("href").lstrip("#")
    assert reader.locator(f"[id='{note_id}']").count() == 1
    assert "denizaltı kablosu" in reader.locator("main").inner_text()
    # Approved segments are remembered for the next text.
    assert MemoryEntry.objects.filter(target_text__contains="denizaltı kablosu").exists()
    reader.context.close()
