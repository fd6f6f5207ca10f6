"""The segment editor page: aligned source and target segments, progress, memory and glossary,
a broken marker named and nothing saved, and no inline script or style (a CSP is coming)."""

import re
import subprocess

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Highlight, TranslationStatus
from articles.translations import status as tw
from tests.browser.public_pages import vnu_command
from translation_tools.models import GlossaryTerm, MemoryEntry
from translation_tools.units import object_fields

pytestmark = [pytest.mark.django_db]

BODY_EN = (
    '<h2>The cable</h2><p>Ministers met in Baku.<sup data-citation="1">[1]</sup></p>'
    "<p>The Meridian Institute expects delays.</p>"
)


@pytest.fixture
def turkish(make_translator):
    return make_translator("tuna", "tr")


@pytest.fixture
def article(make_article):
    return make_article(title_en="A cable under the Caspian", body_en=BODY_EN)


def url(obj, lang="tr"):
    """The segment editor of an article, a person or a term."""
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/segments/{lang}/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(obj, texts, lang="tr"):
    fields = {f.key: f for f in object_fields(obj, lang)}
    return {
        f"t-{key}-{segment.id}": text
        for key, values in texts.items()
        for segment, text in zip(fields[key].source.segments, values, strict=True)
    }


def test_the_editor_shows_aligned_segments_progress_and_words(article, turkish):
    """One row per segment in reading order; “0 of 4 segments”; the source words counted."""
    response = client_for(turkish).get(url(article), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="segment-row') == 4
    assert "0 of 4 segments translated" in html
    assert "16 source words" in html
    assert '<span class="ph fn">[1]</span>' in html
    assert "<script>" not in html.replace("<script src=", "") and "style=" not in html
    assert not re.search(r"<style[\s>]", html)


def test_saving_segments_saves_the_translation_in_progress(article, turkish):
    """All segments of title and body: saved, the language in progress, readers see nothing yet."""
    data = form_data(
        article,
        {
            "title": ["Hazar’ın altından bir kablo"],
            "body": [
                "Kablo",
                "Bakanlar Bakü’de buluştu.[1]",
                "Meridyen Enstitüsü gecikme bekliyor.",
            ],
        },
    )
    response = client_for(turkish).post(url(article), {**data, "_save": "1"})
    assert response.status_code == 302
    article = Article.objects.get(pk=article.pk)
    assert article.body_tr.startswith("<h2>Kablo</h2><p>Bakanlar Bakü’de buluştu.<sup")
    assert tw.translation_for(article, "tr").status == TranslationStatus.IN_PROGRESS
    page = client_for(turkish).get(url(article)).content.decode()
    assert "4 of 4 segments translated" in page


def test_a_broken_marker_is_named_and_nothing_is_saved(article, turkish):
    """The footnote marker left out: the page says which segment, keeps the text, saves nothing."""
    data = form_data(
        article,
        {"title": ["Başlık"], "body": ["Kablo", "Bakanlar Bakü’de buluştu.", "Gecikme."]},
    )
    response = client_for(turkish).post(url(article), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Body: Segment 2: the footnote markers must be those of the original: [1]." in html
    assert "Bakanlar Bakü’de buluştu.</textarea>" in html
    assert not Article.objects.get(pk=article.pk).title_tr


def test_memory_prefills_an_exact_match_and_glossary_warns(article, turkish):
    """A remembered paragraph is pre-filled; a glossary term missing in the target is flagged."""
    MemoryEntry.objects.create(
        source_language="en", target_language="tr",
        source_text="The Meridian Institute expects delays.",
        target_text="Enstitü gecikme bekliyor.",
    )  # fmt: skip
    GlossaryTerm.objects.create(
        source_language="en", target_language="tr",
        term="Meridian Institute", translation="Meridyen Enstitüsü",
    )  # fmt: skip
    html = client_for(turkish).get(url(article), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enstitü gecikme bekliyor.</textarea>" in html
    assert "Memory match: check it" in html
    assert (
        '<mark class="term" title="Glossary: Meridyen Enstitüsü">Meridian Institute</mark>' in html
    )
    assert "Glossary: “Meridian Institute” should be translated as “Meridyen Enstitüsü”." in html


def test_the_editor_speaks_the_translators_language(article, turkish):
    """In the Turkish admin the page's own words are Turkish (when the catalogue has them)."""
    html = client_for(turkish).get(url(article), HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert 'lang="tr"' in html


def test_other_languages_are_refused(article, turkish):
    """A Turkish translator may not open the Russian editor."""
    assert client_for(turkish).get(url(article, "ru")).status_code == 403


def test_editors_keep_the_glossary_and_translators_read_it(make_user, turkish):
    """An Editor adds a term in the admin; a Translator may look but not add."""
    editor = make_user("edie", "Editor")
    response = client_for(editor).post(
        "/admin/translation_tools/glossaryterm/add/",
        {
            "source_language": "en",
            "target_language": "tr",
            "term": "Meridian Institute",
            "translation": "Meridyen Enstitüsü",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.get().translation == "Meridyen Enstitüsü"
    translator = client_for(turkish)
    assert translator.get("/admin/translation_tools/glossaryterm/").status_code == 200
    assert translator.get("/admin/translation_tools/glossaryterm/add/").status_code == 403


def test_a_changed_original_paragraph_is_flagged_and_the_others_stay_translated(
    make_article, turkish, editor
):
    """After the English body changes under an approved translation, only the changed
    paragraph says “Original changed: update”."""
    article = make_article(
        title_en="Cables", title_tr="Kablolar",
        body_en="<p>First paragraph.</p><p>Second paragraph.</p>",
        body_tr="<p>Birinci paragraf.</p><p>İkinci paragraf.</p>",
    )  # fmt: skip
    article.body_en = "<p>First paragraph.</p><p>Second paragraph, rewritten.</p>"
    article.save()
    tw.source_edited(article, by=editor)
    html = client_for(turkish).get(url(article), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = html.split('class="segment-row')[1:]
    states = [re.search(r'<td class="segment-state">([^<]*)<', row)[1] for row in rows]
    assert states == ["Translated", "Translated", "Original changed: update"]
    assert "İkinci paragraf.</textarea>" in rows[2]


def test_the_editor_page_makes_the_same_queries_however_long_the_text(make_article, turkish):
    """Segments, highlights and memory lookups cost no query per segment."""
    counts = []
    for paragraphs, highlights in ((2, 1), (12, 4)):
        article = make_article(
            title_en=f"Article {paragraphs}",
            body_en="".join(f"<p>Paragraph {n} of the text.</p>" for n in range(paragraphs)),
        )
        for n in range(highlights):
            Highlight.objects.create(article=article, text_en=f"Highlight {n}", sort_order=n)
        client = client_for(turkish)
        client.get(url(article))  # sessions and caches warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(article)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_editor_page_is_valid_html(article, turkish, tmp_path):
    """With errors, memory matches and glossary warnings shown: no Nu HTML Checker errors."""
    command = vnu_command()
    MemoryEntry.objects.create(
        source_language="en", target_language="tr",
        source_text="The Meridian Institute expects delays.", target_text="Gecikme var.",
    )  # fmt: skip
    GlossaryTerm.objects.create(
        source_language="en", target_language="tr",
        term="Meridian Institute", translation="Meridyen Enstitüsü",
    )  # fmt: skip
    data = form_data(article, {"title": ["Başlık"], "body": ["Kablo", "Bakanlar.", "Gecikme."]})
    response = client_for(turkish).post(url(article), data)
    page = tmp_path / "editor.html"
    page.write_bytes(response.content)
    result = subprocess.run(
        [*command, "--errors-only", "--format", "gnu", page.as_posix()],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
