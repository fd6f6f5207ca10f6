"""The segment editor in a real browser, the translator's admin in Turkish: a Turkish
translator opens a demo article from their start page, sees aligned segments beside the English
source, accepts a memory match for a repeated sentence, is warned by the glossary, breaks a
footnote marker and is told (in Turkish) which segment, fixes it and marks the text ready; the
editor approves; the Turkish page shows its footnotes linked. Then a person's biography, in the
same editor from the person's page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from articles.demo.loader import load_demo
from articles.models import Article, TranslationStatus
from articles.models.translation import field_label
from articles.translations import status as tw
from people.models import Person
from translation_tools.models import GlossaryTerm, MemoryEntry
from translation_tools.units import object_fields

pytestmark = pytest.mark.django_db(transaction=True)

# A demo article written in English only, with four footnote markers in its body.
DEMO_SLUG = "risk-reduction-after-the-treaties"
REPEATED = "The first priority is communication."
REPEATED_TR = "İlk öncelik iletişimdir."
TERM, TERM_TR = "observation flights", "gözlem uçuşları"


@pytest.fixture
def desk(make_user, make_translator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(admin_password="password")
    editor = make_user("edith", "Editor", password="password")
    make_translator("tuna", "tr", password="password")
    article = Article.objects.get(slug_en=DEMO_SLUG)
    tw.request_translation(article, ["tr"], by=editor)
    # Remembered from an earlier approved text; a fixed term of the institute.
    MemoryEntry.objects.create(
        source_language="en", target_language="tr", source_text=REPEATED, target_text=REPEATED_TR
    )
    GlossaryTerm.objects.create(
        source_language="en", target_language="tr", term=TERM, translation=TERM_TR
    )
    return article, editor


def log_in(page, base, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")


def turkish(message, **values):
    """``message`` as the Turkish admin shows it."""
    with translation.override("tr"):
        return gettext(message) % values


def first_draft(text):
    """The translator's text of a segment: Turkish words around the source's placeholders and
    footnote markers, kept where they were."""
    return "Türkçe: " + text


def test_translator_uses_memory_glossary_and_markers(browser, live_server, desk):
    """In Turkish: aligned segments, a memory match accepted, a glossary warning, a broken
    marker named with its segment; marked ready, approved, footnotes linked on the page."""
    article, editor = desk
    base = live_server.url
    page = browser.new_context(base_url=base, locale="tr-TR").new_page()
    page.set_default_timeout(15_000)
    log_in(page, base, "tuna")
    assert page.locator("html").get_attribute("lang") == "tr"
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.locator("#work-waiting").get_by_role("link", name=article.title_en).click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/translate/tr/")
    link = page.locator("#segment-editor-link")
    assert link.inner_text() == "Segment segment çevir"
    link.click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/segments/tr/")

    fields = object_fields(article, "tr")
    segments = [(f, s) for f in fields for s in f.source.segments]
    rows = page.locator("tr.segment-row")
    assert rows.count() == len(segments) == 19
    result = Axe().run(page, context="#content-main")
    assert result.violations_count == 0, result.generate_report()
    progress = page.locator("#segment-progress")
    assert progress.inner_text() == f"{len(segments)} segmentten 1 tanesi çevrildi"
    headings = page.locator("tr.segment-field-heading th").all_inner_texts()
    assert headings[:2] == ["Başlık", "Özet"]
    # Source and target of a segment sit side by side, on one line of the table.
    for number in (1, 8):
        source_box = page.locator(f"#source-{number}").bounding_box()
        target_box = rows.nth(number - 1).locator("textarea").bounding_box()
        assert abs(source_box["y"] - target_box["y"]) < 40
        assert target_box["x"] > source_box["x"]

    def row(field, segment):
        return page.locator(f"tr[data-segment='{field.key}/{segment.id}']")

    by_text = {s.text: (f, s) for f, s in segments}
    repeated = row(*by_text[REPEATED])
    assert "Bellek eşleşmesi: kontrol edin" in repeated.inner_text()
    with_term = next((f, s) for f, s in segments if TERM in s.text)
    assert row(*with_term).locator("mark.term").inner_text() == TERM
    marked = next((f, s) for f, s in segments if "[1]" in s.text)
    assert row(*marked).locator(".ph.fn").inner_text() == "[1]"

    # The repeated sentence: the memory's translation, accepted in one click.
    textarea = repeated.locator("textarea")
    assert textarea.input_value() == REPEATED_TR
    textarea.fill("")
    assert progress.inner_text() == f"{len(segments)} segmentten 0 tanesi çevrildi"
    repeated.get_by_role("button", name="Kullan").click()
    assert textarea.input_value() == REPEATED_TR

    # Every other segment translated; the glossary's term not used, a footnote marker lost.
    for field, segment in segments:
        if segment.text == REPEATED:
            continue
        text = first_draft(segment.text)
        if (field, segment) == marked:
            text = text.replace("[1]", "")
        row(field, segment).locator("textarea").fill(text)
    assert progress.inner_text() == f"{len(segments)} segmentten {len(segments)} tanesi çevrildi"
    page.click("input[name=_ready]")
    page.wait_for_load_state()
    assert "Hiçbir şey kaydedilmedi" in page.locator(".messagelist").inner_text()
    with translation.override("tr"):
        body = capfirst(field_label(Article, "body"))
        where = f"{body}: " + gettext("Segment %(number)d") % {"number": marked[1].position}
    error = row(*marked).locator(".segment-error").inner_text()
    assert error == turkish(
        "%(segment)s: the footnote markers must be those of the original: %(markers)s.",
        segment=where,
        markers="[1]",
    )
    assert "dipnot işaretleri" in error
    assert (
        turkish(
            "Glossary: “%(term)s” should be translated as “%(translation)s”.",
            term=TERM,
            translation=TERM_TR,
        )
        in row(*with_term).inner_text()
    )
    assert not Article.objects.get(pk=article.pk).title_tr  # nothing saved

    # Fixed: the marker back and the glossary's term used.
    row(*marked).locator("textarea").fill(first_draft(marked[1].text))
    row(*with_term).locator("textarea").fill(first_draft(with_term[1].text).replace(TERM, TERM_TR))
    page.click("input[name=_ready]")
    page.wait_for_load_state()
    assert "incelemeye hazır olarak işaretlendi" in page.locator(".messagelist").inner_text()
    assert "Terimce" not in page.locator("#segment-form").inner_text()
    assert tw.translation_for(article, "tr").status == TranslationStatus.READY
    assert errors == []
    page.context.close()

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
    markers = reader.locator("main sup.fn a")
    assert markers.all_inner_texts() == ["[1]", "[2]", "[3]", "[4]"]
    for marker in markers.all():
        note_id = marker.get_attribute("href").lstrip("#")
        assert reader.locator(f"[id='{note_id}']").count() == 1
    assert TERM_TR in reader.locator("main").inner_text()
    # Approved segments are remembered for the next text.
    assert MemoryEntry.objects.filter(target_text__contains=TERM_TR).exists()
    reader.context.close()


BIOGRAPHY_EN = (
    "<p>Deniz Kaya follows energy diplomacy in the Black Sea. She leads the "
    '<a href="https://example.org/desk" rel="noopener noreferrer">Black Sea desk</a>.</p>'
)
BIOGRAPHY_TR = [
    "Deniz Kaya Karadeniz’deki enerji diplomasisini izliyor.",
    "{1}Karadeniz masasını{/1} yönetiyor.",
]


@pytest.fixture
def biography(make_user, make_translator, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    editor = make_user("edith", "Editor", password="password")
    make_translator("tuna", "tr", password="password")
    person = Person.objects.create(
        given_name="Deniz",
        family_name="Kaya",
        slug="deniz-kaya",
        position_en="Research Fellow",
        biography_en=BIOGRAPHY_EN,
    )
    tw.request_translation(person, ["tr"], by=editor)
    return person, editor


def test_translator_translates_a_biography_segment_by_segment(browser, live_server, biography):
    """From the person's page to the segment editor, in Turkish: the biography sentence by
    sentence beside the source, a lost link named with its segment, fixed, marked ready;
    approved, the Turkish page shows the biography with its link."""
    person, editor = biography
    base = live_server.url
    page = browser.new_context(base_url=base, locale="tr-TR").new_page()
    page.set_default_timeout(15_000)
    log_in(page, base, "tuna")
    page.goto(f"/admin/people/person/{person.pk}/change/")
    page.locator("#translation-tr .segments-link").click()
    page.wait_for_url(f"**/admin/people/person/{person.pk}/segments/tr/")
    rows = page.locator("tr.segment-row")
    assert rows.count() == 3  # position, two sentences of the biography
    assert page.locator("#segment-progress").inner_text() == "3 segmentten 0 tanesi çevrildi"
    headings = page.locator("tr.segment-field-heading th").all_inner_texts()
    assert headings == ["Görev", "Biyografi"]
    assert page.locator("#source-3 .ph").first.inner_text() == "{1}"
    result = Axe().run(page, context="#content-main")
    assert result.violations_count == 0, result.generate_report()

    rows.nth(0).locator("textarea").fill("Araştırmacı")
    rows.nth(1).locator("textarea").fill(BIOGRAPHY_TR[0])
    rows.nth(2).locator("textarea").fill("Karadeniz masasını yönetiyor.")  # the link lost
    page.click("input[name=_ready]")
    page.wait_for_load_state()
    error = rows.nth(2).locator(".segment-error").inner_text()
    assert error.startswith("Biyografi: Segment 2: ")
    assert re.search(r"yer tutucu", error), error
    assert not Person.objects.get(pk=person.pk).biography_tr

    rows.nth(2).locator("textarea").fill(BIOGRAPHY_TR[1])
    page.click("input[name=_ready]")
    page.wait_for_load_state()
    assert "incelemeye hazır olarak işaretlendi" in page.locator(".messagelist").inner_text()
    page.context.close()
    assert tw.translation_for(person, "tr").status == TranslationStatus.READY

    desk_page = browser.new_context(base_url=base, locale="en-US").new_page()
    desk_page.set_default_timeout(15_000)
    log_in(desk_page, base, editor.username)
    desk_page.goto(f"/admin/people/person/{person.pk}/change/")
    desk_page.locator("#translation-tr .translation-approve button").click()
    desk_page.wait_for_load_state()
    assert "Approved" in desk_page.locator("#translation-tr").inner_text()
    desk_page.context.close()
    reader = browser.new_context(base_url=base, locale="tr-TR").new_page()
    assert reader.goto(f"/tr/people/{person.slug}/").status == 200
    text = reader.locator(".biography").inner_text()
    assert BIOGRAPHY_TR[0] in text and "Karadeniz masasını yönetiyor." in text
    link = reader.locator(".biography a")
    assert (link.inner_text(), link.get_attribute("href")) == (
        "Karadeniz masasını",
        "https://example.org/desk",
    )
    assert MemoryEntry.objects.filter(target_text=BIOGRAPHY_TR[0]).exists()
    reader.context.close()
