"""Footnote markers in an article body: one stored form, and the public rendering of it.

Stored form (what the sanitizer lets through, see ``thinktank/richtext.py``)::

    <sup data-citation="3">[3]</sup>

where 3 is ``Citation.number``, the note's key in the back office. ``normalize_markers`` turns
what editors type or paste (``[3]``, ``<sup>[3]</sup>``, a Word-style ``<a href="#_ftn3">[3]</a>``)
into that form; it is idempotent and leaves every other piece of HTML untouched.

Numbering on the public page follows first appearance in the body of that language: the stored
numbers are keys, and ``render_footnotes`` renumbers markers and notes together (1, 2, 3 … in
reading order), so a translation that moves a sentence still reads in order. Citations that no
marker refers to come after, in their stored order. A marker whose citation does not exist (the
admin refuses to save one) is left out of the public page rather than left pointing nowhere.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from thinktank.languages import translated_value

NOTES_HEADING_ID = "footnotes-title"

# A start or end tag of sanitized HTML; quoted attribute values may contain ">".
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_TYPED_MARKER = re.compile(r"\[(\d{1,4})\]")
_ONLY_MARKER = re.compile(r"^\s*\[(\d{1,4})\]\s*$")
_DATA_CITATION = re.compile(r"""\bdata-citation\s*=\s*["']?(\d{1,4})["']?""")
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']*)["']""")
_STORED_MARKER = re.compile(r'<sup data-citation="(\d{1,4})">\[\d{1,4}\]</sup>')


def marker_html(number):
    """The one stored form of a footnote marker."""
    return f'<sup data-citation="{int(number)}">[{int(number)}]</sup>'


def _tokens(html):
    """Split HTML into ("tag", text, name, closing) and ("text", text) tokens."""
    position = 0
    for match in _TAG.finditer(html):
        if match.start() > position:
            yield ("text", html[position : match.start()], "", False)
        yield ("tag", match.group(0), match.group(2).lower(), bool(match.group(1)))
        position = match.end()
    if position < len(html):
        yield ("text", html[position:], "", False)


def _element_marker(start_tag, inner):
    """The number a ``<sup>``/``<a>`` element stands for as a marker, else None."""
    attribute = _DATA_CITATION.search(start_tag)
    if attribute:
        return int(attribute.group(1))
    text = re.sub(r"<[^>]*>", "", inner)
    only = _ONLY_MARKER.match(text)
    return int(only.group(1)) if only else None


def normalize_markers(html):
    """Give every footnote marker in ``html`` its stored form; pure and idempotent.

    Recognised: a typed ``[3]`` in text, ``<sup>[3]</sup>``, any ``<sup data-citation="3">``, and
    an in-page link (``href="#…"``) whose only text is ``[3]`` (what word processors paste).
    ``[3]`` inside another link's text is left alone, so links never nest.
    """
    if not html:
        return html  # None and "" stay as they are (untranslated bodies are None)
    tokens = list(_tokens(str(html)))
    out = []
    index = 0
    link_depth = 0
    while index < len(tokens):
        kind, text, name, closing = tokens[index]
        if kind == "tag" and name in ("sup", "a") and not closing:
            end = _matching_end(tokens, index, name)
            if end is not None:
                inner = "".join(token[1] for token in tokens[index + 1 : end])
                number = _element_marker(text, inner) if name == "sup" else None
                if name == "a" and _is_in_page_link(text):
                    number = _element_marker("", inner)
                if number is not None:
                    out.append(marker_html(number))
                    index = end + 1
                    continue
        if kind == "tag" and name == "a":
            link_depth += -1 if closing else 1
        if kind == "text" and link_depth <= 0:
            text = _TYPED_MARKER.sub(lambda match: marker_html(match.group(1)), text)
        out.append(text)
        index += 1
    return "".join(out)


def _is_in_page_link(start_tag):
    href = _HREF.search(start_tag)
    return bool(href and href.group(1).startswith("#"))


def _matching_end(tokens, start, name):
    depth = 0
    for index in range(start, len(tokens)):
        kind, _text, tag, closing = tokens[index]
        if kind == "tag" and tag == name:
            depth += -1 if closing else 1
            if depth == 0:
                return index
    return None


def markers_in(html):
    """Stored citation numbers of the markers in ``html``, in reading order (repeats kept)."""
    return [int(number) for number in _STORED_MARKER.findall(normalize_markers(html or ""))]


def numbers_for_unnumbered(markers: list[int], taken: set[int], count: int) -> list[int]:
    """Numbers for ``count`` citations given without one, in the order of their rows.

    Each takes the first marker of ``markers`` (reading order) that no citation answers yet —
    ``taken`` are the numbers the other citations have — so rows added in the order of the
    markers number themselves. Once the markers run out, the numbers after the highest marker
    or citation follow.
    """
    numbers = [number for number in dict.fromkeys(markers) if number >= 1 and number not in taken]
    numbers = numbers[:count]
    following = max([*markers, *taken, *numbers], default=0)
    while len(numbers) < count:
        following += 1
        numbers.append(following)
    return numbers


@dataclass
class Note:
    """One entry of the public notes list."""

    label: int  # the number readers see
    number: int  # Citation.number, the key
    citation: object
    ref_ids: list = field(default_factory=list)  # ids of the markers pointing here

    @property
    def id(self):
        return f"fn-{self.label}"

    @property
    def backlinks(self):
        """(href, accessible label, visible suffix) per marker that points at this note."""
        links = []
        for position, ref_id in enumerate(self.ref_ids, start=1):
            if len(self.ref_ids) == 1:
                label = gettext("Back to the text of note %(label)s") % {"label": self.label}
            else:
                label = gettext("Back to reference %(position)s of note %(label)s") % {
                    "position": position,
                    "label": self.label,
                }
            links.append((f"#{ref_id}", label, "" if position == 1 else str(position)))
        return links


@dataclass
class Footnotes:
    """A body with its markers linked, and the notes in the order readers meet them."""

    body: str
    notes: list


def render_footnotes(html, citations):
    """Link every marker of ``html`` to its note and number both by first appearance.

    ``citations`` are objects with a ``number`` (model instances or anything alike). The first
    marker for a citation gets ``id="fnref-N"``, a repeat ``fnref-N-2``, ``fnref-N-3`` …; the
    note is ``id="fn-N"`` and links back to each of them.
    """
    by_number = {citation.number: citation for citation in citations}
    notes = {}
    ordered = []

    def link(match):
        number = int(match.group(1))
        citation = by_number.get(number)
        if citation is None:
            return ""
        note = notes.get(number)
        if note is None:
            note = notes[number] = Note(label=len(ordered) + 1, number=number, citation=citation)
            ordered.append(note)
        ref_id = f"fnref-{note.label}"
        if note.ref_ids:
            ref_id = f"{ref_id}-{len(note.ref_ids) + 1}"
        note.ref_ids.append(ref_id)
        return (
            f'<sup class="fn"><a id="{ref_id}" href="#{note.id}" role="doc-noteref" '
            f'aria-describedby="{NOTES_HEADING_ID}">[{note.label}]</a></sup>'
        )

    body = _STORED_MARKER.sub(link, normalize_markers(html or ""))
    for number in sorted(by_number):
        if number not in notes:
            note = Note(label=len(ordered) + 1, number=number, citation=by_number[number])
            notes[number] = note
            ordered.append(note)
    return Footnotes(body=body, notes=ordered)


def article_citations(article):
    """The article's citations with their sources, from the prefetch cache when there is one."""
    if "citations" in getattr(article, "_prefetched_objects_cache", {}):
        return list(article.citations.all())
    return list(article.citations.select_related("source"))


def footnotes_for(article, lang):
    """The rendered body and notes of ``article`` in ``lang``, cached on the instance."""
    cache = article.__dict__.setdefault("_footnotes_cache", {})
    if lang not in cache:
        cache[lang] = render_footnotes(
            translated_value(article, "body", lang), article_citations(article)
        )
    return cache[lang]
