"""Paragraphs split into sentences where the language has rules (English, Turkish, Russian),
placeholders and footnote markers whole, the text put back unchanged; used by the segment
editor and the XLIFF files, and an existing translation that joined sentences stays in place."""

import pytest
from django.test import Client
from lxml import etree

from articles.models import Article
from tests.test_segments import DEMO_BODIES, MIXED, same_texts
from translation_tools import xliff, xliff2
from translation_tools.saving import current_targets, save_segments
from translation_tools.segments import SegmentError, reassemble, split, to_html
from translation_tools.units import article_fields

BODY_EN = (
    "<p>Dr. Demir met the ministers, e.g. those of energy, in Baku. Growth was 3.5 per cent."
    '<sup data-citation="1">[1]</sup> The <a href="https://example.org/c">cable</a> opens in '
    "2027. <em>Nobody knows. Really.</em> Why now?</p><h2>Cost</h2>"
)


def texts(html, language):
    return [segment.text for segment in split(html, language).segments]


def test_sentences_keep_abbreviations_numbers_markers_and_inline_elements_whole():
    assert texts(BODY_EN, "en") == [
        "Dr. Demir met the ministers, e.g. those of energy, in Baku.",
        "Growth was 3.5 per cent.[1]",
        "The {1}cable{/1} opens in 2027.",
        "{1}Nobody knows. Really.{/1}",  # never split inside emphasis
        "Why now?",
        "Cost",
    ]


@pytest.mark.parametrize(
    ("language", "html", "expected"),
    [
        (
            "tr",
            "<p>Prof. Dr. Ayla Demir Bakü’ye gitti, örn. bakanlarla görüştü. Büyüme %3,5 oldu. "
            "Ertesi gün döndü.</p>",
            [
                "Prof. Dr. Ayla Demir Bakü’ye gitti, örn. bakanlarla görüştü.",
                "Büyüme %3,5 oldu.",
                "Ertesi gün döndü.",
            ],
        ),
        (
            "ru",
            "<p>Проф. Иванов приехал в Баку, т.е. в столицу. Рост составил 3.5 процента. "
            "«Кабель нужен», — сказал он.</p>",
            [
                "Проф. Иванов приехал в Баку, т.е. в столицу.",
                "Рост составил 3.5 процента.",
                "«Кабель нужен», — сказал он.",
            ],
        ),
        ("xx", "<p>One. Two.</p>", ["One. Two."]),  # no rules: the paragraph stays whole
        (None, "<p>One. Two.</p>", ["One. Two."]),
    ],
)
def test_each_language_by_its_own_rules(language, html, expected):
    assert texts(html, language) == expected


@pytest.mark.parametrize("language", ["en", "tr", "ru"])
@pytest.mark.parametrize("html", [*DEMO_BODIES, MIXED, BODY_EN, "", "<p>A. B. Cee.</p>"])
def test_reassembling_sentences_gives_the_same_html(html, language):
    segmented = split(html, language)
    assert reassemble(segmented, same_texts(segmented)) == html


def test_demo_paragraphs_do_split_into_sentences():
    blocks = sum(len(split(body).segments) for body in DEMO_BODIES)
    sentences = sum(len(split(body, "en").segments) for body in DEMO_BODIES)
    assert sentences > blocks


def test_each_sentence_numbers_its_own_placeholders_and_a_broken_one_is_named():
    segments = split(BODY_EN, "en").segments
    assert [p.tag for p in segments[2].placeholders] == ["a"]
    assert to_html("{1}Kablo{/1} 2027’de açılıyor.", segments[2]) == (
        '<a href="https://example.org/c">Kablo</a> 2027’de açılıyor.'
    )
    with pytest.raises(SegmentError, match=r"Segment 2: the footnote markers must be those"):
        to_html("Büyüme yüzde 3,5 oldu.", segments[1])


@pytest.fixture
def article(make_article):
    return make_article(title_en="A cable", body_en=BODY_EN)


SENTENCES_TR = [
    "Dr. Demir, örneğin enerji bakanlarıyla Bakü’de görüştü.",
    "Büyüme yüzde 3,5 oldu.[1]",
    "{1}Kablo{/1} 2027’de açılıyor.",
    "{1}Kimse bilmiyor. Gerçekten.{/1}",
    "Neden şimdi?",
    "Maliyet",
]


def test_editor_and_xliff_offer_one_segment_per_sentence(article, turkish):
    client = Client()
    client.force_login(turkish)
    html = client.get(
        f"/admin/articles/article/{article.pk}/segments/tr/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert html.count('class="segment-row') == 1 + 6  # the title and six sentences
    root = etree.fromstring(xliff.export([article], "tr"))
    units = root.findall(".//{urn:oasis:names:tc:xliff:document:1.2}trans-unit")
    assert [u.get("resname") for u in units] == ["title"] + ["body"] * 6
    units = etree.fromstring(xliff2.export([article], "tr")).iter(
        "{urn:oasis:names:tc:xliff:document:2.0}unit"
    )
    assert [u.get("name") for u in units] == ["title"] + ["body"] * 6


def test_sentences_saved_make_the_paragraph_and_stay_aligned(article, turkish):
    body = [f for f in article_fields(article, "tr") if f.key == "body"][0]
    targets = {("body", s.id): t for s, t in zip(body.source.segments, SENTENCES_TR, strict=True)}
    targets[("title", article_fields(article, "tr")[0].source.segments[0].id)] = "Bir kablo"
    report = save_segments(article, "tr", by=turkish, targets=targets)
    assert report.ok, report.errors
    saved = Article.objects.get(pk=article.pk)
    assert saved.body_tr.startswith("<p>Dr. Demir, örneğin enerji bakanlarıyla Bakü’de görüştü. ")
    assert '3,5 oldu.<sup data-citation="1">[1]</sup> <a href="https://example.org/c"' in (
        saved.body_tr
    )
    assert "2027’de açılıyor. <em>Kimse bilmiyor. Gerçekten.</em> Neden şimdi?</p>" in saved.body_tr
    # Read back: each sentence shows its translation.
    again = [f for f in article_fields(saved, "tr") if f.key == "body"][0]
    assert again.source.language == "en"
    current = current_targets(saved, "tr", [again])["body"]
    assert [current[s.id][0] for s in again.source.segments] == SENTENCES_TR


def test_a_translation_that_joined_sentences_stays_in_the_editor_by_paragraph(article, turkish):
    """A saved translation whose paragraph has fewer sentences than the original is shown
    paragraph by paragraph, not lost."""
    joined = (
        "<p>Dr. Demir Bakü’de bakanlarla görüştü ve büyüme yüzde 3,5 oldu."
        '<sup data-citation="1">[1]</sup> <a href="https://example.org/c">Kablo</a> 2027’de, '
        "<em>kimse bilmiyor</em>, neden şimdi?</p><h2>Maliyet</h2>"
    )
    Article.objects.filter(pk=article.pk).update(body_tr=joined)
    body = [f for f in article_fields(Article.objects.get(pk=article.pk), "tr") if f.key == "body"][
        0
    ]
    assert body.source.language is None and len(body.source.segments) == 2
    client = Client()
    client.force_login(turkish)
    html = client.get(
        f"/admin/articles/article/{article.pk}/segments/tr/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "ve büyüme yüzde 3,5 oldu." in html
