"""Saving segments, translation memory and glossary: all-or-nothing saves through the
translation workflow, approved segments remembered per language pair, glossary warnings."""

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article, Highlight, TranslationStatus
from articles.translations import status as tw
from translation_tools import glossary, memory
from translation_tools.models import GlossaryTerm, MemoryEntry, SegmentDraft
from translation_tools.saving import current_targets, save_segments
from translation_tools.units import align, article_fields

pytestmark = [pytest.mark.django_db]

BODY_EN = (
    '<h2>The cable</h2><p>Ministers met in <a href="https://example.org/baku">Baku</a>.'
    '<sup data-citation="1">[1]</sup></p><p>The Meridian Institute expects delays.</p>'
)


@pytest.fixture
def turkish(make_translator):
    return make_translator("tuna", "tr")


@pytest.fixture
def article(make_article):
    article = make_article(
        title_en="A cable under the Caspian", summary_en="Why it matters.", body_en=BODY_EN
    )
    Highlight.objects.create(article=article, text_en="Cables last decades.", sort_order=1)
    return article


def keyed(article, lang, texts):
    """{(field key, segment id): text} from {field key: [text per segment]}."""
    fields = {f.key: f for f in article_fields(article, lang)}
    return {
        (key, segment.id): text
        for key, values in texts.items()
        for segment, text in zip(fields[key].source.segments, values, strict=True)
    }


FULL_TR = {
    "title": ["Hazar’ın altından bir kablo"],
    "summary": ["Neden önemli."],
    "body": [
        "Kablo",
        "Bakanlar {1}Bakü{/1}’de buluştu.[1]",
        "Meridyen Enstitüsü gecikmeler bekliyor.",
    ],
}


def test_fields_come_in_reading_order_with_highlights_before_the_body(article):
    """Title, summary, highlights, body: the order a reader meets them."""
    keys = [f.key for f in article_fields(article, "tr")]
    assert keys[:2] == ["title", "summary"]
    assert keys[2].startswith("highlight-") and keys[3] == "body"


def test_complete_segments_save_the_field_and_start_the_translation(article, turkish):
    """All segments of a field translated: the field is saved whole, the language in progress."""
    report = save_segments(article, "tr", by=turkish, targets=keyed(article, "tr", FULL_TR))
    assert report.ok, report.errors
    article = Article.objects.get(pk=article.pk)
    assert article.body_tr == (
        '<h2>Kablo</h2><p>Bakanlar <a href="https://example.org/baku" rel="noopener noreferrer">'
        'Bakü</a>’de buluştu.<sup data-citation="1">[1]</sup></p><p>Meridyen Enstitüsü gecikmeler bekliyor.</p>'
    )
    assert article.title_tr == "Hazar’ın altından bir kablo"
    assert tw.translation_for(article, "tr").status == TranslationStatus.IN_PROGRESS
    assert not SegmentDraft.objects.filter(article=article, unit="body").exists()


def test_an_incomplete_field_is_kept_as_drafts_and_the_field_left_alone(article, turkish):
    """Two of three body segments: kept as drafts, shown again; the body stays empty."""
    targets = keyed(article, "tr", {"body": ["Kablo", "Bakanlar {1}Bakü{/1}’de.[1]", ""]})
    report = save_segments(article, "tr", by=turkish, targets=targets)
    assert report.ok
    assert not Article.objects.get(pk=article.pk).body_tr
    shown = current_targets(article, "tr", article_fields(article, "tr"))["body"]
    assert [text for text, _origin in shown.values()] == ["Kablo", "Bakanlar {1}Bakü{/1}’de.[1]"]


def test_a_broken_marker_saves_nothing_and_names_the_segment(article, turkish):
    """One bad segment: no field, no draft, no state changes; the message names it."""
    bad = dict(FULL_TR, body=["Kablo", "Bakanlar {1}Bakü{/1}’de buluştu.", "Meridyen."])
    report = save_segments(article, "tr", by=turkish, targets=keyed(article, "tr", bad))
    assert not report.ok
    assert report.errors[0][1].startswith("Body: Segment 2: the footnote markers must be")
    article = Article.objects.get(pk=article.pk)
    assert not article.title_tr and not article.body_tr
    assert not SegmentDraft.objects.exists()
    assert tw.translation_for(article, "tr").status == TranslationStatus.NOT_STARTED


def test_another_language_is_refused(article, turkish):
    """A Turkish translator cannot save Russian segments."""
    with pytest.raises(PermissionDenied):
        save_segments(article, "ru", by=turkish, targets=keyed(article, "ru", FULL_TR))
    assert not Article.objects.get(pk=article.pk).title_ru


def test_approval_remembers_segments_and_an_identical_segment_is_matched(
    article, turkish, editor, make_article
):
    """Approved segments are in the memory of en→tr; the same paragraph elsewhere matches 100%."""
    save_segments(article, "tr", by=turkish, targets=keyed(article, "tr", FULL_TR))
    tw.mark_ready(article, "tr", by=turkish)
    assert not MemoryEntry.objects.exists()  # not approved yet
    tw.approve(article, ["tr"], by=editor)
    assert MemoryEntry.objects.filter(source_language="en", target_language="tr").count() == 5
    other = make_article(
        title_en="Another",
        body_en="<p>The Meridian Institute expects delays.</p><p>The Meridian Institute expects long delays.</p>",
        approve=False,
    )
    texts = [s.text for s in article_fields(other, "tr")[-1].source.segments]
    found = memory.matches("en", "tr", texts)
    assert found[texts[0]][0].score == 100
    assert found[texts[0]][0].target_text == "Meridyen Enstitüsü gecikmeler bekliyor."
    assert 75 <= found[texts[1]][0].score < 100
    assert memory.matches("en", "ru", texts) == {texts[0]: [], texts[1]: []}


def test_an_existing_translation_is_aligned_even_with_moved_placeholders(article):
    """A saved translation reads back into segments, placeholders renumbered as in the source."""
    body = article_fields(article, "tr")[-1]
    target = (
        '<h2>Kablo</h2><p><sup data-citation="1">[1]</sup> <a href="https://example.org/baku">'
        "Bakü</a> toplantısı.</p><p>Gecikmeler.</p>"
    )
    assert list(align(body.source, target).values()) == [
        "Kablo",
        "[1] {1}Bakü{/1} toplantısı.",
        "Gecikmeler.",
    ]
    assert align(body.source, "<p>Only one paragraph</p>") == {}


def test_glossary_warns_when_the_required_translation_is_missing():
    """A term in the source needs its translation in the target (any ending)."""
    GlossaryTerm.objects.create(
        source_language="en",
        target_language="tr",
        term="Meridian Institute",
        translation="Meridyen Enstitüsü",
    )
    terms = glossary.terms("en", "tr")
    source = "The Meridian Institute expects delays."
    assert [hit.translation for hit in glossary.hits(source, terms)] == ["Meridyen Enstitüsü"]
    assert glossary.missing(source, "Meridyen Enstitüsü'nün beklentisi", terms) == []
    assert [h.term for h in glossary.missing(source, "Enstitü gecikme bekliyor", terms)] == [
        "Meridian Institute"
    ]
    assert glossary.missing(source, "", terms) == []


def test_citation_notes_are_units_after_the_body_and_saved_with_the_translation(
    article, turkish, source, cite, editor
):
    """A note's comment is translated in the same flow; an approved language goes in progress."""
    citation = cite(article, source, 1, note_en="Figures for 2023.")
    keys = [f.key for f in article_fields(article, "tr")]
    assert keys.index(f"note-{citation.pk}") == keys.index("body") + 1
    save_segments(article, "tr", by=turkish, targets=keyed(article, "tr", FULL_TR))
    tw.mark_ready(article, "tr", by=turkish)
    tw.approve(article, ["tr"], by=editor)
    report = save_segments(
        article, "tr", by=turkish,
        targets=keyed(article, "tr", {f"note-{citation.pk}": ["2023 rakamları."]}),
    )  # fmt: skip
    assert report.ok and report.saved_fields == ["notes"]
    citation.refresh_from_db()
    assert citation.note_tr == "2023 rakamları."
    assert tw.translation_for(article, "tr").status == TranslationStatus.IN_PROGRESS
