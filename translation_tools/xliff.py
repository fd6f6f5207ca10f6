"""XLIFF 1.2 by segment: one ``<trans-unit>`` per segment, inline markup as ``<g>``/``<x/>``.

One ``<file original="<kind>/<pk>">`` per article, person or term (``<kind>`` is the model's
name: ``article``, ``person``, ``topic``, ``region``, ``articletype``). Unit ids:
``<kind>/<pk>/<field>/<segment id>`` (``<field>`` is ``title``, ``body``, ``highlight-<pk>``,
``biography``, ``name`` …), so a CAT tool shows the text with protected tags, not escaped HTML, and
its translation memory works segment by segment. Inline elements are ``<g id="n">`` (the
``{n}…{/n}`` of the segment editor), empty ones ``<x id="n"/>``, footnote markers
``<x id="fn3" ctype="x-footnote" equiv-text="[3]"/>``. Notes carry the context: the field, the
segment's position, the article (person, term) and a character limit (``maxwidth``).

The import parses with ``defusedxml``, reads every unit, then saves all objects or none through
``translation_tools.saving.save_segments`` (every placeholder and marker checked per segment).
A file with whole-field units (``articles.translations.xliff``) is handed to that importer.
"""

import re
import xml.etree.ElementTree as ET  # noqa: S405 -- only used to build documents, never to parse

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from articles.models import Article
from articles.models.translation import TARGET_FIELDS, source_language
from articles.translations import status
from articles.translations import xliff as field_xliff
from thinktank.languages import language_codes
from translation_tools.saving import current_targets
from translation_tools.saving import save_segments as save
from translation_tools.units import object_fields

NS = field_xliff.NS
CTYPES = {
    "a": "link",
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "u": "underlined",
    "br": "lb",
    "img": "image",
}
_TOKEN = re.compile(r"\{(/?)(\d{1,3})(/?)\}|\[(\d{1,4})\]")
_UNIT_ID = re.compile(r"^([a-z]+)/(\d+)/([a-z_]+(?:-\d+)?)/([0-9a-f]{10}(?:-\d+)?)$")
# What a file can hold: ``{"person": "people.person", …}`` (the kind is the model's name).
KINDS = {label.partition(".")[2]: label for label in TARGET_FIELDS}


def kind_of(obj: models.Model) -> str:
    """``article``, ``person``, ``topic`` …: the first part of a file's ``original``."""
    return obj._meta.model_name


def saved_key(obj: models.Model):
    """The key of ``obj`` in an import report's ``saved``: an article's id (as for whole-field
    files), ``person/3`` for the others."""
    return obj.pk if isinstance(obj, Article) else f"{kind_of(obj)}/{obj.pk}"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def inline_12(kind: str, number: str, tag: str | None) -> tuple[str, dict]:
    """XLIFF 1.2's inline element for a placeholder: ``kind`` is "paired", "empty" or
    "footnote"; ``tag`` the HTML element it stands for."""
    if kind == "footnote":
        return _q("x"), {"id": f"fn{number}", "ctype": "x-footnote", "equiv-text": f"[{number}]"}
    ctype = CTYPES.get(tag, f"x-{tag}") if tag else "x-html"
    return _q("g" if kind == "paired" else "x"), {"id": number, "ctype": ctype}


def fill(element: ET.Element, text: str, placeholders: dict, inline=inline_12) -> None:
    """Write tagged ``text`` into ``element`` as XLIFF inline content (elements of ``inline``)."""
    stack = [element]
    last = None  # the last child written into stack[-1], whose tail takes the next text
    position = 0

    def put(chunk):
        if not chunk:
            return
        if last is None:
            stack[-1].text = (stack[-1].text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    for match in _TOKEN.finditer(text):
        put(text[position : match.start()])
        position = match.end()
        closing, number, empty, footnote = match.groups()
        if footnote:
            last = ET.SubElement(stack[-1], *inline("footnote", footnote, None))
            continue
        placeholder = placeholders.get(int(number))
        tag = placeholder.tag if placeholder else None
        if empty:
            last = ET.SubElement(stack[-1], *inline("empty", number, tag))
        elif closing:
            last = stack.pop()
        else:
            child = ET.SubElement(stack[-1], *inline("paired", number, tag))
            stack.append(child)
            last = None
    put(text[position:])


def fields_to_export(obj: models.Model, lang: str, *, everything: bool = False):
    """``(fields, stale field names, current targets)``: the fields of ``obj`` (an article, a
    person or a term) still to translate into ``lang`` (untranslated, incomplete or stale), or
    every one."""
    fields = object_fields(obj, lang)
    stale = set(status.translation_for(obj, lang).stale_fields)
    targets = current_targets(obj, lang, fields)
    chosen = [
        f
        for f in fields
        if everything
        or f.model_field in stale
        or len(targets[f.key]) < len(f.source.segments)
        or not f.target_value
    ]
    return chosen, stale, targets


def segment_note(f, segment, obj) -> str:
    return _("%(field)s, segment %(number)d of %(total)d, in “%(article)s”.") % {
        "field": f.label,
        "number": segment.position,
        "total": len(f.source.segments),
        "article": obj,
    }


def export(objects, lang: str, *, everything: bool = False) -> bytes:
    """The XLIFF 1.2 document for ``objects`` (articles, people, terms) into ``lang``: the
    fields still to translate (untranslated, incomplete or stale), or every field with
    ``everything``."""
    root = ET.Element(_q("xliff"), version="1.2")
    for obj in objects:
        source = source_language(obj)
        if lang == source:
            continue
        chosen, stale, targets = fields_to_export(obj, lang, everything=everything)
        if not chosen:
            continue
        prefix = f"{kind_of(obj)}/{obj.pk}"
        body = field_xliff.article_file(root, obj, source, lang, kind=kind_of(obj))
        for f in chosen:
            group = ET.SubElement(body, _q("group"), id=f"{prefix}/{f.key}")
            group.set("resname", f.key)
            ET.SubElement(group, _q("note")).text = f.label
            for segment in f.source.segments:
                unit = ET.SubElement(
                    group,
                    _q("trans-unit"),
                    id=f"{prefix}/{f.key}/{segment.id}",
                    resname=f.key,
                )
                if f.max_length:
                    unit.set("maxwidth", str(f.max_length))
                    unit.set("size-unit", "char")
                placeholders = {p.number: p for p in segment.placeholders}
                fill(ET.SubElement(unit, _q("source")), segment.text, placeholders)
                current = targets[f.key].get(segment.id)
                target = ET.SubElement(
                    unit,
                    _q("target"),
                    state="translated" if current and f.model_field not in stale else
                    ("needs-review-translation" if current else "needs-translation"),
                )  # fmt: skip
                if current:
                    fill(target, current[0], placeholders)
                ET.SubElement(unit, _q("note")).text = segment_note(f, segment, obj)
    indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


INLINE_CONTENT = {_q("source"), _q("target"), _q("note")}


def indent(element: ET.Element, inline=INLINE_CONTENT, level: int = 0) -> None:
    """Line breaks and indentation between structural elements only: whitespace inside a
    ``<source>`` or ``<target>`` (the ``inline`` element names) would be text to translate."""
    children = list(element)
    if not children or element.tag in inline:
        return
    element.text = "\n" + "  " * (level + 1)
    for child in children:
        indent(child, inline, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    children[-1].tail = "\n" + "  " * level


class UnsupportedMarkup(ValueError):
    pass


def tagged_text(element: ET.Element | None, paired: str = "g", standalone: str = "x") -> str | None:
    """The inline content of a ``<source>``/``<target>`` as tagged text (XLIFF 1.2's
    ``<g>``/``<x/>``, or 2.x's ``<pc>``/``<ph/>`` given as ``paired`` and ``standalone``)."""
    if element is None:
        return None
    out = [element.text or ""]
    for child in element:
        tag = child.tag.rpartition("}")[2]
        identifier = child.get("id", "")
        if tag == standalone and identifier.startswith("fn") and identifier[2:].isdigit():
            out.append(f"[{identifier[2:]}]")
        elif tag == standalone and identifier.isdigit():
            out.append(f"{{{identifier}/}}")
        elif tag == paired and identifier.isdigit():
            inner = tagged_text(child, paired, standalone)
            out.append(f"{{{identifier}}}{inner}{{/{identifier}}}")
        elif tag == "mrk":
            out.append(tagged_text(child, paired, standalone))
        else:
            raise UnsupportedMarkup(f"<{tag} id=“{identifier}”>")
        out.append(child.tail or "")
    return "".join(out)


def is_segmented(data: bytes | str) -> bool:
    """Whether ``data`` holds segment units (else whole-field ones)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return (
        re.search(r'<trans-unit[^>]*\bid="[a-z]+/\d+/[a-z_]+(?:-\d+)?/[0-9a-f]{10}', text)
        is not None
    )


def parse(data: bytes | str, report: field_xliff.ImportReport):
    """The document's root element, parsed safely; None (the reason in ``report``) if it is
    not well-formed XML."""
    try:
        return parse_xml(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        report.error("-", _("The file is not well-formed XML: %(error)s") % {"error": exc})
        return None


class _Refused(Exception):
    pass


def import_(data: bytes | str, *, by, lang: str | None = None) -> field_xliff.ImportReport:
    """Check every segment of ``data``, then save all of them or none."""
    if not is_segmented(data):
        return field_xliff.import_(data, by=by, lang=lang)
    report = field_xliff.ImportReport()
    root = parse(data, report)
    if root is None:
        return report
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        report.error("-", _("This is not an XLIFF 1.2 file."))
        return report
    pending = []  # (article, person or term, lang, {(field, segment): text})
    for file in root.iter(_q("file")):
        found = _read_file(file, lang, report)
        if found is not None:
            pending.append(found)
    if not report.ok:
        return report
    return save_all(pending, by=by, report=report)


def save_all(pending: list, *, by, report: field_xliff.ImportReport) -> field_xliff.ImportReport:
    """Save ``pending`` ([(article, person or term, language, {(field, segment): text})]) all
    or nothing."""
    if not any(targets for _a, _l, targets in pending):
        report.error("-", _("The file has no translated unit to import."))
        return report
    try:
        with transaction.atomic():
            for obj, target_lang, targets in pending:
                if not targets:
                    continue
                result = save(obj, target_lang, by=by, targets=targets)
                for key, message in result.errors:
                    unit = key if key == "-" else f"{kind_of(obj)}/{obj.pk}/{key}"
                    report.error(unit, message)
                report.saved[saved_key(obj)] = sorted(set(result.saved_fields))
            if not report.ok:
                raise _Refused
    except _Refused:
        report.saved = {}
    except PermissionDenied as exc:
        report.saved = {}
        report.error("-", str(exc))
    return report


def _read_file(file, lang, report):
    original = file.get("original", "")
    target_lang = file.get("target-language", "")
    obj = object_of_file(original, file.get("source-language"), target_lang, lang, report)
    if obj is None:
        return None
    owner = (kind_of(obj), str(obj.pk))
    targets = {}
    for unit in file.iter(_q("trans-unit")):
        unit_id = unit.get("id", "")
        match = _UNIT_ID.match(unit_id)
        if match is None or match.group(1, 2) != owner:
            report.error(unit_id or "-", _("The unit id does not belong to this article."))
            continue
        text = read_target(unit.find(_q("target")), unit_id, report)
        if text:
            targets[(match.group(3), match.group(4))] = text
    return obj, target_lang, targets


def read_target(element, unit_id, report, paired="g", standalone="x") -> str | None:
    """A unit's target as tagged text; None when empty (counted as skipped) or unreadable
    (the reason in ``report``)."""
    try:
        text = tagged_text(element, paired, standalone)
    except UnsupportedMarkup as exc:
        report.error(
            unit_id,
            _("The translation contains inline markup the site cannot map: %(markup)s")
            % {"markup": exc},
        )
        return None
    if text is None or not text.strip():
        report.skipped += 1
        return None
    return text


def object_of_file(original, source_lang, target_lang, lang, report) -> models.Model | None:
    """The article, person or term an XLIFF ``<file>`` names (``article/<pk>``,
    ``person/<pk>`` …), when its languages fit; else None, with the reason in ``report``."""
    kind, _sep, pk = original.partition("/")
    if kind not in KINDS or not pk.isdigit():
        report.error(original or "-", _("Unknown file “%(original)s”.") % {"original": original})
        return None
    model = apps.get_model(KINDS[kind])
    obj = model._default_manager.filter(pk=int(pk)).first()
    if obj is None:
        report.error(
            original,
            _("There is no article %(pk)s.") % {"pk": pk}
            if model is Article
            else _("There is no %(kind)s with id %(pk)s.")
            % {"kind": model._meta.verbose_name, "pk": pk},
        )
        return None
    if target_lang not in language_codes() or (lang and target_lang != lang):
        report.error(original, _("Unknown target language “%(lang)s”.") % {"lang": target_lang})
        return None
    if target_lang == source_language(obj) or source_lang != source_language(obj):
        report.error(
            original,
            _("The languages do not match the article (written in “%(source)s”).")
            % {"source": source_language(obj)},
        )
        return None
    return obj
