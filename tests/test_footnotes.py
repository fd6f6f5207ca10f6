"""Footnote markers: one stored form, public rendering, numbering by first appearance, template tags."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from articles.models import LiveVersion
from citations.footnotes import marker_html, markers_in, normalize_markers, render_footnotes
from citations.models import Citation, Source
from thinktank.richtext import sanitize_html

ACCESSED = datetime.date(2024, 7, 1)


def citations(*numbers):
    """Unsaved citations of news sources, one per number."""
    return [
        Citation(
            number=number,
            source=Source(
                kind="news",
                title=f"Headline {number}",
                outlet="Example Wire",
                url=f"https://news.example.org/{number}",
            ),
            accessed_on=ACCESSED,
        )
        for number in numbers
    ]


# Stored form ---------------------------------------------------------------------------


def test_typed_marker_becomes_stored_form():
    """An editor typing [3] gets the one stored marker form."""
    assert normalize_markers("<p>Claim.[3]</p>") == f"<p>Claim.{marker_html(3)}</p>"
    assert marker_html(3) == '<sup data-citation="3">[3]</sup>'


def test_superscript_and_pasted_word_markers_become_stored_form():
    """<sup>[2]</sup>, a bare data-citation sup and a Word-style #_ftn link all normalize alike."""
    html = (
        '<p>a<sup>[2]</sup> b<sup data-citation="4">4</sup> '
        'c<a href="#_ftn1"><sup>[1]</sup></a></p>'
    )
    assert normalize_markers(html) == (
        f"<p>a{marker_html(2)} b{marker_html(4)} c{marker_html(1)}</p>"
    )


def test_normalization_is_idempotent_and_survives_the_sanitizer():
    """Normalizing twice changes nothing, and the sanitizer keeps the stored form as it is."""
    once = normalize_markers("<p>One [1], two [2] and [1] again.</p>")
    assert normalize_markers(once) == once
    assert sanitize_html(once) == once


def test_other_brackets_and_superscripts_are_left_alone():
    """m<sup>2</sup>, [a], [12345] and [4] inside a link's text are not markers."""
    html = '<p>5 m<sup>2</sup> [a] [12345] <a href="https://example.org/">see [4]</a></p>'
    assert normalize_markers(html) == html
    assert markers_in(html) == []


def test_markers_in_reading_order_with_repeats():
    """markers_in lists stored numbers in reading order, repeats included."""
    assert markers_in("<p>[2] x <sup>[1]</sup> y [2]</p>") == [2, 1, 2]
    assert markers_in(None) == [] and normalize_markers(None) is None


def test_attribute_values_with_brackets_are_not_touched():
    """A [1] inside an attribute value is not a marker."""
    html = '<p><a href="https://example.org/?q=[1]" title="x > [2]">link</a></p>'
    assert normalize_markers(html) == html


# Rendering -----------------------------------------------------------------------------


def test_markers_link_to_notes_and_notes_link_back():
    """Each marker is an accessible link to its note, with the ids the notes link back to."""
    result = render_footnotes(f"<p>Claim{marker_html(1)}</p>", citations(1))
    assert result.body == (
        '<p>Claim<sup class="fn"><a id="fnref-1" href="#fn-1" role="doc-noteref" '
        'aria-describedby="footnotes-title">[1]</a></sup></p>'
    )
    (note,) = result.notes
    assert note.id == "fn-1"
    assert [href for href, _label, _suffix in note.backlinks] == ["#fnref-1"]


def test_numbering_follows_first_appearance():
    """Stored numbers are keys; readers see 1, 2, 3 in the order markers first appear."""
    result = render_footnotes("<p>a [3] b [1] c [2]</p>", citations(1, 2, 3))
    assert re.findall(r">\[(\d)\]</a>", result.body) == ["1", "2", "3"]
    assert [(note.label, note.number) for note in result.notes] == [(1, 3), (2, 1), (3, 2)]
    assert [note.citation.source.title for note in result.notes] == [
        "Headline 3",
        "Headline 1",
        "Headline 2",
    ]


def test_repeated_marker_gets_unique_ids_and_two_backlinks():
    """A note cited twice: fnref-1 and fnref-1-2, both pointing at fn-1, both linked back."""
    result = render_footnotes("<p>a [7] b [7]</p>", citations(7))
    assert re.findall(r'id="(fnref-[\d-]+)" href="#fn-1"', result.body) == [
        "fnref-1",
        "fnref-1-2",
    ]
    assert [href for href, _label, _suffix in result.notes[0].backlinks] == [
        "#fnref-1",
        "#fnref-1-2",
    ]


def test_unmarked_citations_follow_and_unknown_markers_vanish():
    """A citation the body never marks comes last; a marker with no citation is not rendered."""
    result = render_footnotes("<p>a [2] b [9]</p>", citations(1, 2))
    assert "[9]" not in result.body and "fn-2" not in result.body
    assert [(note.label, note.number, note.ref_ids) for note in result.notes] == [
        (1, 2, ["fnref-1"]),
        (2, 1, []),
    ]


# Template tags --------------------------------------------------------------------------


@pytest.fixture
def cited_article(make_article, cite):
    def compose(article):
        for number, title in ((1, "Kablo anlaşması"), (2, "Ministers agree")):
            source = Source.objects.create(
                kind="news",
                title=title,
                outlet="Example Wire",
                url=f"https://news.example.org/{number}",
                published_on=datetime.date(2024, 6, 28),
            )
            cite(article, source, number, accessed_on=ACCESSED, note_en=f"Comment {number}.")

    return make_article(
        body_en="<p>First [2], then [1], again [2].</p>",
        title_tr="Hazar'da şebeke bağlantıları",
        body_tr="<p>Önce [1], sonra [2].</p>",
        compose=compose,
    )


def live(article, lang):
    """What readers see of ``article`` in ``lang``: its live version."""
    return LiveVersion.objects.visible(lang).get(article=article)


def render(source, **context):
    request = RequestFactory().get("/en/articles/x/")
    return Template("{% load citations %}" + source).render(
        Context({"request": request, **context})
    )


@pytest.mark.django_db
def test_body_and_notes_tags_share_numbering(cited_article):
    """The body tag and the notes include number the same notes the same way, per language."""
    with translation.override("en"):
        html = render(
            "{% footnoted_body version %}{% footnote_notes version %}",
            version=live(cited_article, "en"),
        )
    assert html.index('id="fnref-1" href="#fn-1"') < html.index('id="fnref-2" href="#fn-2"')
    assert 'id="fnref-1-2" href="#fn-1"' in html
    notes = html[html.index('<section class="footnotes"') :]
    assert notes.index("Ministers agree") < notes.index("Kablo anlaşması")
    assert '<li id="fn-1" value="1">' in notes
    assert 'href="#fnref-1-2"' in notes and "Comment 2." in notes
    assert "(Date of Access: 01.07.2024)" in notes
    assert 'aria-labelledby="footnotes-title"' in notes and 'id="footnotes-title"' in notes
    turkish = render("{% footnote_notes version %}", version=live(cited_article, "tr"))
    assert turkish.index("Kablo anlaşması") < turkish.index("Ministers agree")
    assert "28 Haziran 2024" in turkish


@pytest.mark.django_db
def test_notes_offer_an_archived_copy_only_where_one_is_recorded(cited_article):
    """A source with no known snapshot gets no archive link; once an editor records one, the note
    links it and the source link carries data-versionurl/-versiondate."""
    html = render("{% footnote_notes version %}", version=live(cited_article, "en"))
    assert "archived-copy" not in html and "web.archive.org" not in html
    archived = "https://web.archive.org/web/20240701/https://news.example.org/1"
    Source.objects.filter(url="https://news.example.org/1").update(archived_url=archived)
    html = render("{% footnote_notes version %}", version=live(cited_article, "en"))
    assert (
        f'<a href="https://news.example.org/1" data-versionurl="{archived}" '
        'data-versiondate="2024-07-01">' in html
    )
    assert f'<a class="archived-copy" href="{archived}">Archived copy</a>' in html


@pytest.mark.django_db
def test_tags_fetch_the_sources_once(cited_article, django_assert_num_queries):
    """Rendering body and notes of a live version runs one query (its sources), whatever the
    number of notes."""
    version = live(cited_article, "en")
    with django_assert_num_queries(1):
        render("{% footnoted_body version %}{% footnote_notes version %}", version=version)


@pytest.mark.django_db
def test_article_without_citations_has_no_notes_section(make_article):
    """No citations: the body renders unchanged and the notes include prints nothing."""
    article = make_article(body_en="<p>Plain [1] text.</p>")
    html = render(
        "{% footnoted_body version %}|{% footnote_notes version %}", version=live(article, "en")
    )
    assert html.strip() == "<p>Plain  text.</p>|"


@pytest.mark.django_db
def test_cite_this_shows_selectable_citations_and_downloads(cited_article, person):
    """Chicago and APA as text, copy buttons hidden until JavaScript shows them, export links."""
    with translation.override("en"):
        html = render("{% cite_this version %}", version=live(cited_article, "en"))
    year = timezone.localdate(cited_article.publish_at).year
    assert (
        '<p id="cite-chicago" class="citation-text">Demir, Ayla. “Grid links across the Caspian.”'
        in html
    )
    assert f"Demir, A. ({year}, " in html
    assert "http://testserver/en/articles/grid-links-across-the-caspian/" in html
    assert html.count("<button") == html.count(" hidden>") == 2
    assert 'src="/static/js/cite.js"' in html
    for what in ("citation", "references"):
        for fmt in ("bib", "ris", "json"):
            assert f'href="/en/articles/grid-links-across-the-caspian/{what}.{fmt}"' in html
