"""Rich text split into block-level segments, and put back together exactly.

A body (canonical HTML, see ``thinktank.richtext``) is read as a skeleton of block markup
(``<p>``, ``<li>``, ``<h2>`` …) with runs of inline content between the block tags. Every run
that holds text is a **segment**; everything else is kept verbatim in the skeleton, so
``reassemble(split(html), {same texts})`` gives back ``html`` character for character.

A segment is shown to translators as *tagged text*: plain text where inline markup is a
protected placeholder they can move but not break:

- ``{1}…{/1}`` an inline element (link, emphasis …), numbered in order of appearance;
- ``{2/}`` an empty one (a line break, an image);
- ``[3]`` footnote marker 3 (``<sup data-citation="3">[3]</sup>`` in the stored HTML).

Reading a translator's text back (``to_html``) checks that every placeholder and footnote marker
of the source is there exactly once, properly nested, and nothing else is: a broken one is
refused with a message naming the segment. Segment ids are stable: a hash of the source text
(``-2``, ``-3`` … for repeats), so editing one paragraph leaves the others' ids alone.
"""

import hashlib
import html as html_lib
import re
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from citations.footnotes import marker_html
from translation_tools.sentences import sentence_spans, splits_sentences

# Inline elements: they become placeholders inside a segment. Every other tag is a block.
INLINE_TAGS = {"a", "strong", "em", "b", "i", "u", "s", "sub", "sup", "img", "br"}
EMPTY_TAGS = {"img", "br"}
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_MARKER = re.compile(r'<sup data-citation="(\d{1,4})">\[(\d{1,4})\]</sup>')
# In tagged text: {1} {/1} {1/} placeholders and [3] footnote markers.
_TOKEN = re.compile(r"\{(/?)(\d{1,3})(/?)\}|\[(\d{1,4})\]")
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


class SegmentError(ValueError):
    """A translator's segment does not keep the source's placeholders or footnote markers."""


@dataclass(frozen=True)
class Placeholder:
    number: int
    tag: str  # "a", "em", "br" …
    start: str  # the element's start tag, verbatim
    end: str  # its end tag ("" for an empty element)

    @property
    def empty(self) -> bool:
        return not self.end


@dataclass(frozen=True)
class Segment:
    id: str
    position: int  # 1-based, in reading order
    text: str  # tagged text
    placeholders: tuple[Placeholder, ...]

    @property
    def markers(self) -> list[int]:
        return footnote_markers(self.text)

    @property
    def words(self) -> int:
        return word_count(self.text)


@dataclass(frozen=True)
class Segmented:
    """A text as its skeleton (literal strings) with segment slots (ints, index into segments)."""

    parts: tuple[str | int, ...]
    segments: tuple[Segment, ...]
    rich: bool = True
    language: str | None = None  # split into sentences by this language's rules

    def by_id(self) -> dict[str, Segment]:
        return {segment.id: segment for segment in self.segments}

    @property
    def words(self) -> int:
        return sum(segment.words for segment in self.segments)


def word_count(text: str) -> int:
    """Words of a tagged text, placeholders and footnote markers left out (what agencies count)."""
    return len(_WORD.findall(_TOKEN.sub(" ", text or "")))


def footnote_markers(text: str) -> list[int]:
    return [int(m.group(4)) for m in _TOKEN.finditer(text or "") if m.group(4)]


def segment_id(text: str, seen: Counter) -> str:
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:10]
    seen[digest] += 1
    return digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def _tokens(html: str):
    """("tag", verbatim, name, closing) and ("text", verbatim, "", False) tokens of ``html``."""
    position = 0
    for match in _TAG.finditer(html):
        if match.start() > position:
            yield ("text", html[position : match.start()], "", False)
        yield ("tag", match.group(0), match.group(2).lower(), bool(match.group(1)))
        position = match.end()
    if position < len(html):
        yield ("text", html[position:], "", False)


def split(html: str, language: str | None = None) -> Segmented:
    """The segments of rich text ``html`` and the skeleton around them: its blocks, and their
    sentences when ``language`` has sentence rules (``translation_tools.sentences``)."""
    parts: list[str | int] = []
    segments: list[Segment] = []
    seen: Counter = Counter()
    run: list[tuple] = []

    def flush():
        verbatim = "".join(token[1] for token in run)
        run.clear()
        if not _has_text(verbatim):
            if verbatim:
                parts.append(verbatim)
            return
        stripped = verbatim.strip()
        start = verbatim.find(stripped)
        if start:
            parts.append(verbatim[:start])
        text, placeholders = to_tagged(stripped)
        spans = sentence_spans(text, language)
        for index, (begin, end) in enumerate(spans):
            if index:
                parts.append(text[spans[index - 1][1] : begin])  # the spaces between sentences
            piece, own = _renumbered(text[begin:end], placeholders)
            parts.append(len(segments))
            segments.append(Segment(segment_id(piece, seen), len(segments) + 1, piece, own))
        rest = verbatim[start + len(stripped) :]
        if rest:
            parts.append(rest)

    for token in _tokens(html or ""):
        kind, _verbatim, name, _closing = token
        if kind == "tag" and name not in INLINE_TAGS:
            flush()
            parts.append(token[1])
        else:
            run.append(token)
    flush()
    sentences = splits_sentences(language)
    return Segmented(
        tuple(_merge_literals(parts)), tuple(segments), language=language if sentences else None
    )


def _renumbered(text: str, placeholders: list) -> tuple[str, tuple]:
    """A sentence of a segment with its own placeholders numbered from 1."""
    numbers = {}
    for match in _TOKEN.finditer(text):
        if match.group(2) and int(match.group(2)) not in numbers:
            numbers[int(match.group(2))] = len(numbers) + 1
    by_number = {p.number: p for p in placeholders}
    own = tuple(
        Placeholder(new, by_number[old].tag, by_number[old].start, by_number[old].end)
        for old, new in sorted(numbers.items(), key=lambda item: item[1])
    )
    renumbered = _TOKEN.sub(
        lambda m: (
            m.group(0) if m.group(4) else f"{{{m.group(1)}{numbers[int(m.group(2))]}{m.group(3)}}}"
        ),
        text,
    )
    return renumbered, own


def split_plain(text: str) -> Segmented:
    """A plain-text field (title, summary, caption …) as one segment (none when empty)."""
    if not (text or "").strip():
        return Segmented((text,) if text else (), (), rich=False)
    seen: Counter = Counter()
    return Segmented((0,), (Segment(segment_id(text, seen), 1, text, ()),), rich=False)


def _merge_literals(parts):
    merged: list[str | int] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _has_text(verbatim: str) -> bool:
    text = _MARKER.sub("", verbatim)
    text = _TAG.sub("", text)
    return bool(html_lib.unescape(text).strip())


def to_tagged(inner_html: str) -> tuple[str, list[Placeholder]]:
    """Inline HTML as tagged text and its placeholders (footnote markers become ``[n]``)."""
    out: list[str] = []
    placeholders: list[Placeholder] = []
    open_elements: list[tuple[int, str, str]] = []  # (number, tag, start tag)
    tokens = list(_tokens(_MARKER.sub(lambda m: f"\x00{m.group(1)}\x00", inner_html)))
    for kind, verbatim, name, closing in tokens:
        if kind == "text":
            text = html_lib.unescape(verbatim)
            out.append(re.sub("\x00(\\d+)\x00", r"[\1]", text))
        elif name in EMPTY_TAGS:
            number = len(placeholders) + len(open_elements) + 1
            placeholders.append(Placeholder(number, name, verbatim, ""))
            out.append(f"{{{number}/}}")
        elif not closing:
            number = len(placeholders) + len(open_elements) + 1
            open_elements.append((number, name, verbatim))
            out.append(f"{{{number}}}")
        else:
            number, tag, start = open_elements.pop()
            placeholders.append(Placeholder(number, tag, start, verbatim))
            out.append(f"{{/{number}}}")
    placeholders.sort(key=lambda placeholder: placeholder.number)
    return "".join(out), placeholders


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_html(text: str, source: Segment) -> str:
    """A translator's tagged ``text`` for ``source`` as HTML; ``SegmentError`` when it breaks
    a placeholder or a footnote marker of the source."""
    by_number = {p.number: p for p in source.placeholders}
    label = _("Segment %(number)d") % {"number": source.position}
    out: list[str] = []
    used: Counter = Counter()
    stack: list[int] = []
    position = 0
    for match in _TOKEN.finditer(text):
        out.append(_escape(text[position : match.start()]))
        position = match.end()
        closing, number, empty, footnote = match.groups()
        if footnote:
            out.append(marker_html(int(footnote)))
            continue
        placeholder = by_number.get(int(number))
        if placeholder is None or (closing and empty) or bool(empty) != placeholder.empty:
            raise SegmentError(
                _("%(segment)s: “%(token)s” is not a placeholder of the original.")
                % {"segment": label, "token": match.group(0)}
            )
        if closing:
            if not stack or stack[-1] != placeholder.number:
                raise SegmentError(
                    _("%(segment)s: “%(token)s” closes a placeholder that is not open here.")
                    % {"segment": label, "token": match.group(0)}
                )
            stack.pop()
            out.append(placeholder.end)
            continue
        used[placeholder.number] += 1
        if empty:
            out.append(placeholder.start)
        else:
            stack.append(placeholder.number)
            out.append(placeholder.start)
    out.append(_escape(text[position:]))
    if stack:
        raise SegmentError(
            _("%(segment)s: placeholder {%(number)d} is opened but never closed.")
            % {"segment": label, "number": stack[-1]}
        )
    missing = [p.number for p in source.placeholders if used[p.number] == 0]
    repeated = [number for number, count in used.items() if count > 1]
    if missing or repeated:
        raise SegmentError(
            _(
                "%(segment)s: every placeholder of the original must appear exactly once; check %(list)s."
            )
            % {"segment": label, "list": ", ".join(f"{{{n}}}" for n in sorted(missing + repeated))}
        )
    if Counter(footnote_markers(text)) != Counter(source.markers):
        raise SegmentError(
            _("%(segment)s: the footnote markers must be those of the original: %(markers)s.")
            % {
                "segment": label,
                "markers": " ".join(f"[{n}]" for n in source.markers) or "—",
            }
        )
    return "".join(out)


def reassemble(segmented: Segmented, targets: dict[str, str]) -> str:
    """The translated text: the skeleton with every segment replaced by its target.

    ``targets`` maps segment ids to tagged text; every segment needs one."""
    pieces = []
    for part in segmented.parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        segment = segmented.segments[part]
        target = targets.get(segment.id, "")
        if not target.strip():
            raise SegmentError(
                _("Segment %(number)d has no translation.") % {"number": segment.position}
            )
        pieces.append(to_html(target.strip(), segment) if segmented.rich else target.strip())
    return "".join(pieces)
