"""Rich text split into segments with protected placeholders, and reassembled exactly."""

import random
import re

import pytest

from articles.demo import content
from articles.demo.loader import render_body
from thinktank.richtext import canonical_html
from translation_tools.segments import SegmentError, reassemble, split, split_plain

DEMO_BODIES = [
    canonical_html(render_body(paragraphs))
    for item in content.ARTICLES
    for paragraphs in item["body"].values()
]
MIXED = (
    '<h2>Why <em>now</em></h2><p>Ministers met in <a href="https://example.org/a?b=1&amp;c=2">'
    'Baku &amp; Ganja</a>.<sup data-citation="1">[1]</sup><br>Then &lt;nothing&gt;.</p>'
    "<ul><li>One</li><li>Two <strong>bold</strong> and <em>more <b>nested</b></em></li></ul>"
    '<blockquote><p>A quote.<sup data-citation="2">[2]</sup></p></blockquote>'
    "<table><tbody><tr><th>Year</th><td>2024</td></tr></tbody></table>"
    '<figure><img src="/media/a.png" alt="x"><figcaption>A caption</figcaption></figure>'
)


def same_texts(segmented):
    return {segment.id: segment.text for segment in segmented.segments}


def test_demo_has_bodies_with_footnote_markers():
    """The property tests below run over real article bodies, footnote markers included."""
    assert len(DEMO_BODIES) >= 6
    assert sum("data-citation" in body for body in DEMO_BODIES) >= 3


@pytest.mark.parametrize("html", [*DEMO_BODIES, MIXED, "", "<p>Only</p>", "Loose text"])
def test_reassembling_the_source_gives_the_same_html(html):
    """Split, then put the untouched segments back: the very same characters."""
    assert reassemble(split(html), same_texts(split(html))) == html


@pytest.mark.parametrize("html", DEMO_BODIES)
def test_every_paragraph_and_heading_is_a_segment_and_markers_are_kept(html):
    """One segment per block; footnote markers show as [n] and nothing of the markup is lost."""
    segmented = split(html)
    assert len(segmented.segments) == html.count("<p>") + html.count("<h2>")
    markers = [n for segment in segmented.segments for n in segment.markers]
    assert markers == [int(n) for n in re.findall(r'data-citation="(\d+)"', html)]
    assert all("<" not in segment.text for segment in segmented.segments)


def test_inline_markup_becomes_numbered_placeholders():
    """Links and emphasis are {n}…{/n}, a line break {n/}; the text is unescaped for reading."""
    texts = [segment.text for segment in split(MIXED).segments]
    assert texts == [
        "Why {1}now{/1}",
        "Ministers met in {1}Baku & Ganja{/1}.[1]{2/}Then <nothing>.",
        "One",
        "Two {1}bold{/1} and {2}more {3}nested{/3}{/2}",
        "A quote.[2]",
        "Year",
        "2024",
        "A caption",
    ]


def test_segment_ids_are_stable_when_another_paragraph_changes():
    """Editing one paragraph changes its id only; a repeated paragraph gets a distinct id."""
    before = split("<p>Alpha.</p><p>Beta.</p><p>Alpha.</p>")
    after = split("<p>Alpha.</p><p>Beta, changed.</p><p>Alpha.</p>")
    ids_before = [s.id for s in before.segments]
    ids_after = [s.id for s in after.segments]
    assert ids_before[0] == ids_after[0] and ids_before[2] == ids_after[2]
    assert ids_before[1] != ids_after[1]
    assert len(set(ids_before)) == 3


@pytest.mark.parametrize("seed", range(20))
def test_moved_placeholders_reassemble_into_valid_markup(seed):
    """A translator may reorder words and placeholders: the result keeps every element once."""
    rng = random.Random(seed)
    html = rng.choice([b for b in DEMO_BODIES if "data-citation" in b])
    segmented = split(html)
    targets = {}
    for segment in segmented.segments:
        words = re.sub(r"\[\d+\]", " ", segment.text).split(" ")
        if "{" not in segment.text:
            rng.shuffle(words)  # word order changes; paired placeholders must keep their order
        for number in segment.markers:  # each marker moves to a random word boundary
            words.insert(rng.randrange(len(words) + 1), f"[{number}]")
        targets[segment.id] = " ".join(words)
    result = reassemble(segmented, targets)
    assert sorted(result.count(f'data-citation="{n}"') for n in range(1, 30)) == sorted(
        html.count(f'data-citation="{n}"') for n in range(1, 30)
    )
    assert result.count("<p>") == html.count("<p>")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("Bakanlar {1}Bakü{/1} buluştu.{2/}", "Segment 2: the footnote markers must be"),
        ("Bakanlar Bakü buluştu.[1]{2/}", "Segment 2: every placeholder"),
        ("Bakanlar {1}Bakü buluştu.[1]{2/}", "Segment 2: placeholder {1} is opened"),
        ("Bakanlar {1}Bakü{/1}{/1}.[1]{2/}", "Segment 2: “{/1}” closes"),
        ("Bakanlar {7}Bakü{/7}.[1]{2/}", "Segment 2: “{7}” is not a placeholder"),
        ("Bakanlar {1}Bakü{/1}.[1][3]{2/}", "Segment 2: the footnote markers"),
        ("{1/}Bakanlar Bakü.[1]{2/}", "Segment 2: “{1/}” is not a placeholder"),
    ],
)
def test_a_broken_placeholder_or_marker_is_refused_naming_the_segment(target, message):
    """Reassembly refuses a lost, repeated, unknown or badly nested placeholder or marker."""
    segmented = split(MIXED)
    targets = same_texts(segmented)
    targets[segmented.segments[1].id] = target
    with pytest.raises(SegmentError, match=message.replace("{", r"\{").replace("}", r"\}")):
        reassemble(segmented, targets)


def test_an_untranslated_segment_is_refused():
    """Reassembly needs every segment."""
    segmented = split("<p>One.</p><p>Two.</p>")
    with pytest.raises(SegmentError, match="Segment 2 has no translation"):
        reassemble(segmented, {segmented.segments[0].id: "Bir."})


def test_translated_text_is_escaped_and_placeholders_restored():
    """Text a translator types is text (escaped); placeholders give back the source's tags."""
    segmented = split(MIXED)
    targets = same_texts(segmented)
    targets[segmented.segments[1].id] = "Bakanlar {1}Bakü & Gence{/1}’de <buluştu>.[1]{2/}Sonra."
    result = reassemble(segmented, targets)
    assert (
        '<p>Bakanlar <a href="https://example.org/a?b=1&amp;c=2">Bakü &amp; Gence</a>’de '
        '&lt;buluştu&gt;.<sup data-citation="1">[1]</sup><br>Sonra.</p>'
    ) in result


def test_plain_fields_are_one_segment_and_not_escaped():
    """A title is one segment, taken as typed."""
    segmented = split_plain("Oil & gas")
    assert [s.text for s in segmented.segments] == ["Oil & gas"]
    assert reassemble(segmented, {segmented.segments[0].id: "Petrol & gaz"}) == "Petrol & gaz"
    assert split_plain("").segments == ()


def test_word_counts_leave_out_placeholders_and_markers():
    """Source words, the number agencies price by, count words only."""
    segmented = split(MIXED)
    assert segmented.segments[1].words == 7  # Ministers met in Baku Ganja Then nothing
    assert split("<p>It’s a well-known fact.[1]</p>").words == 4
