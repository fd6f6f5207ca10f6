"""A WordPress post's content → article body HTML and its references.

Three shapes of footnotes are read: a reference list typed at the end of the post (paragraphs of
``[1] …`` lines, as in the reference article), a list (``<ol>``) under a "References"/"Kaynakça"/
"Источники" heading as footnote plugins render it, and WordPress's own footnotes (block editor,
6.3+: the ``footnotes`` meta, with ``<sup data-fn>`` markers in the text). Markers end in their
one stored form; the body is sanitized when the article is saved (``RichTextField``), and here.
"""

import html as html_lib
import json
import re

from citations.footnotes import marker_html
from importers.footnotes import Reference, parse_reference
from thinktank.richtext import sanitize_html

_BLOCK_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HAS_BLOCKS = re.compile(r"<(p|h[1-6]|ul|ol|blockquote|table|figure|div)\b", re.I)  # starts a block
_LAST_BLOCK = re.compile(r"<(p|ol|ul|div|h[1-6])\b[^>]*>((?:(?!<\1\b).)*?)</\1>\s*$", re.S | re.I)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S | re.I)
_NUMBERED_LINE = re.compile(r"^\s*\[(\d{1,4})\]")
_WP_MARKER = re.compile(r"<sup\b[^>]*\bdata-fn=[\"']([^\"']+)[\"'][^>]*>.*?</sup>", re.S | re.I)
REFERENCE_HEADINGS = {
    "references", "footnotes", "notes", "sources", "endnotes", "bibliography",
    "kaynakça", "kaynaklar", "dipnotlar", "notlar",
    "источники", "примечания", "сноски", "литература", "список литературы",
}  # fmt: skip


def _text(fragment: str) -> str:
    """Plain text of an HTML fragment, line breaks kept."""
    return html_lib.unescape(_TAGS.sub("", _LINE_BREAK.sub("\n", fragment)))


def _paragraphs(text: str) -> str:
    """Classic-editor content keeps paragraphs as blank lines (WordPress adds ``<p>`` when it
    shows them): make them paragraphs, single line breaks ``<br>``."""
    if re.search(r"</p>", text, re.I):
        return text  # the block editor's HTML, already in paragraphs
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(
        block if _HAS_BLOCKS.match(block) else "<p>" + block.replace("\n", "<br>") + "</p>"
        for block in blocks
    )


def _wordpress_footnotes(body: str, meta: str) -> tuple[str, list[Reference]]:
    try:
        notes = json.loads(meta) if meta.strip() else []
    except ValueError:
        return body, []
    if not isinstance(notes, list):
        return body, []
    texts = {
        str(note.get("id")): _text(str(note.get("content", "")))
        for note in notes
        if isinstance(note, dict)
    }
    numbers: dict[str, int] = {}

    def marker(match: re.Match) -> str:
        number = numbers.setdefault(match[1], len(numbers) + 1)
        return marker_html(number)

    body = _WP_MARKER.sub(marker, body)
    references = [parse_reference(texts.get(key, ""), number) for key, number in numbers.items()]
    return body, references


def _trailing_list(body: str) -> tuple[str, list[Reference]]:
    """Take the reference list off the end of ``body``."""
    collected: list[str] = []  # lines "[n] …", last block first
    listed: list[str] = []  # items of an <ol> under a references heading
    while match := _LAST_BLOCK.search(body):
        tag, inner = match[1].lower(), match[2]
        text = _text(inner)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if tag in ("p", "div") and lines and all(_NUMBERED_LINE.match(line) for line in lines):
            collected[:0] = lines
        elif tag in ("ol", "ul") and not collected and not listed:
            listed = [_text(item) for item in _ITEM.findall(inner)]
            before = _LAST_BLOCK.search(body[: match.start()])
            heading = _text(before[2]).strip(" :").lower() if before else ""
            if heading not in REFERENCE_HEADINGS:
                listed = []
                break
        elif text.strip(" :").lower() in REFERENCE_HEADINGS and (collected or listed):
            body = body[: match.start()]
            break
        else:
            break
        body = body[: match.start()]
    references = [parse_reference(line) for line in collected]
    references += [parse_reference(text, number) for number, text in enumerate(listed, 1)]
    return body.rstrip(), references


def post_body(content: str, footnotes_meta: str = "") -> tuple[str, list[Reference]]:
    """(sanitized body HTML, references) of a post's ``content:encoded``."""
    body = _paragraphs(_BLOCK_COMMENT.sub("", content or "").strip())
    body, references = _wordpress_footnotes(body, footnotes_meta)
    if not references:
        body, references = _trailing_list(body)
    return sanitize_html(body), references
