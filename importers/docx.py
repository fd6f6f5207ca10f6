"""A Word document (.docx) read into a title, sanitized body HTML and its footnotes.

Only the parts an article needs are read, from the package's XML with ``defusedxml`` (entity
expansion and external references refused): paragraphs with the Title and Heading styles,
bold, italic, underline, links, lists, line breaks and Word's real footnotes (``footnotes.xml``),
whose references become the stored footnote markers, numbered in reading order.
"""

import io
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.html import escape
from django.utils.translation import gettext as _

from citations.footnotes import marker_html
from importers.footnotes import Reference, parse_reference
from importers.problems import ImportProblem
from thinktank.richtext import sanitize_html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
MAX_UNPACKED = 50 * 1024 * 1024  # a zip bomb stops here
HEADING_TAGS = {"heading1": "h2", "heading2": "h3", "heading3": "h4", "heading4": "h4"}


@dataclass
class WordDocument:
    title: str
    body: str
    references: list[Reference] = field(default_factory=list)


def _read_part(package: zipfile.ZipFile, name: str) -> Element | None:
    try:
        data = package.read(name)
    except KeyError:
        return None
    try:
        return fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise ImportProblem(
            _("The part %(part)s of the document is not well-formed XML: %(error)s")
            % {"part": name, "error": exc}
        ) from exc


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportProblem(_("This is not a Word document (.docx).")) from exc
    if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED:
        raise ImportProblem(_("The document unpacks to more than 50 MB; it was not read."))
    if "word/document.xml" not in package.namelist():
        raise ImportProblem(_("This is not a Word document (.docx)."))
    return package


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Link targets by relationship id, for ``word/document.xml`` or ``word/footnotes.xml``."""
    root = _read_part(package, f"word/_rels/{part}.rels")
    if root is None:
        return {}
    return {
        rel.get("Id", ""): rel.get("Target", "")
        for rel in root.iter(f"{REL}Relationship")
        if rel.get("TargetMode") == "External"
    }


def _style(paragraph: Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return (style.get(f"{W}val", "") if style is not None else "").lower().replace(" ", "")


def _is_list_item(paragraph: Element) -> bool:
    return paragraph.find(f"{W}pPr/{W}numPr") is not None or _style(paragraph).startswith(
        "listparagraph"
    )


def _on(run_properties: Element | None, name: str) -> bool:
    if run_properties is None:
        return False
    element = run_properties.find(f"{W}{name}")
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false", "none")


class _Reader:
    """Turns runs into HTML; footnote references into markers numbered in reading order."""

    def __init__(self, links: dict[str, str]):
        self.links = links
        self.footnote_numbers: dict[str, int] = {}

    def run(self, run: Element) -> str:
        properties = run.find(f"{W}rPr")
        parts = []
        for child in run:
            if child.tag == f"{W}t":
                parts.append(escape(child.text or ""))
            elif child.tag == f"{W}tab":
                parts.append(" ")
            elif child.tag in (f"{W}br", f"{W}cr"):
                parts.append("<br>")
            elif child.tag == f"{W}footnoteReference":
                key = child.get(f"{W}id", "")
                number = self.footnote_numbers.setdefault(key, len(self.footnote_numbers) + 1)
                parts.append(marker_html(number))
        html = "".join(parts)
        if not html:
            return ""
        for name, tag in (("b", "strong"), ("i", "em"), ("u", "u"), ("strike", "s")):
            if _on(properties, name):
                html = f"<{tag}>{html}</{tag}>"
        if properties is not None and properties.find(f"{W}vertAlign") is not None:
            align = properties.find(f"{W}vertAlign").get(f"{W}val", "")
            if align in ("superscript", "subscript") and "data-citation" not in html:
                tag = "sup" if align == "superscript" else "sub"
                html = f"<{tag}>{html}</{tag}>"
        return html

    def inline(self, element: Element) -> str:
        parts = []
        for child in element:
            if child.tag == f"{W}r":
                parts.append(self.run(child))
            elif child.tag == f"{W}hyperlink":
                inner = self.inline(child)
                href = self.links.get(child.get(f"{R}id", ""), "")
                parts.append(f'<a href="{escape(href)}">{inner}</a>' if href else inner)
            elif child.tag in (f"{W}ins", f"{W}smartTag", f"{W}sdt", f"{W}sdtContent"):
                parts.append(self.inline(child))
        return "".join(parts)

    def text(self, element: Element) -> str:
        """Plain text with link targets written out when the text does not show them."""
        parts = []
        for child in element.iter():
            if child.tag == f"{W}t":
                parts.append(child.text or "")
            elif child.tag == f"{W}tab":
                parts.append(" ")
            elif child.tag == f"{W}hyperlink":
                href = self.links.get(child.get(f"{R}id", ""), "")
                shown = "".join(t.text or "" for t in child.iter(f"{W}t"))
                if href and href not in shown:
                    parts.append(f" {href} ")
        return " ".join("".join(parts).split())


def _body(root: Element, reader: _Reader) -> tuple[str, str]:
    """(title, body HTML) of ``word/document.xml``."""
    body = root.find(f"{W}body")
    if body is None:
        raise ImportProblem(_("The document has no body."))
    title = ""
    blocks: list[str] = []
    list_items: list[str] = []

    def close_list():
        if list_items:
            blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in list_items) + "</ul>")
            list_items.clear()

    for paragraph in body.iter(f"{W}p"):
        html = reader.inline(paragraph).strip()
        if not html:
            continue
        style = _style(paragraph)
        if style == "title" and not title:
            title = reader.text(paragraph)
            continue
        if _is_list_item(paragraph):
            list_items.append(html)
            continue
        close_list()
        if style in HEADING_TAGS:
            blocks.append(f"<{HEADING_TAGS[style]}>{html}</{HEADING_TAGS[style]}>")
        else:
            blocks.append(f"<p>{html}</p>")
    close_list()
    return title, "\n".join(blocks)


def _footnotes(package: zipfile.ZipFile, numbers: dict[str, int]) -> list[Reference]:
    root = _read_part(package, "word/footnotes.xml")
    if root is None:
        return []
    reader = _Reader(_relationships(package, "footnotes.xml"))
    texts = {
        note.get(f"{W}id", ""): reader.text(note)
        for note in root.iter(f"{W}footnote")
        if note.get(f"{W}type") not in ("separator", "continuationSeparator", "continuationNotice")
    }
    return [
        parse_reference(texts.get(key, ""), number)
        for key, number in sorted(numbers.items(), key=lambda item: item[1])
    ]


def _core_title(package: zipfile.ZipFile) -> str:
    root = _read_part(package, "docProps/core.xml")
    element = root.find(f"{DC}title") if root is not None else None
    return " ".join((element.text or "").split()) if element is not None else ""


def read_docx(data: bytes) -> WordDocument:
    """Read a .docx file; ``ImportProblem`` with a message for the editor when it cannot be."""
    package = _open(data)
    root = _read_part(package, "word/document.xml")
    reader = _Reader(_relationships(package, "document.xml"))
    title, body = _body(root, reader)
    title = title or _core_title(package)
    references = _footnotes(package, reader.footnote_numbers)
    return WordDocument(title=title[:300], body=sanitize_html(body), references=references)
