"""XLIFF 2.1 by segment, alongside 1.2: ``<unit>``/``<segment>``/``<source>``/``<target>``,
inline markup as ``<pc>`` (paired: links, emphasis) and ``<ph/>`` (line breaks, images, footnote
markers).

One ``<file id="<kind>-<pk>" original="<kind>/<pk>">`` per article, person or term (``<kind>``
as in ``translation_tools.xliff``: ``article``, ``person``, ``topic`` …), one ``<group>`` per field,
one ``<unit id="<field>.<segment id>">`` per segment (ids are NMTOKENs, so no "/"), with notes
giving the field, the position and the article, and a ``maxwidth``-like limit as a note. A
document holds one language pair (``srcLang``/``trgLang``): articles written in another
language than the first one are left out. The import reads every unit, then saves all objects
or none through ``translation_tools.xliff.save_all``.
"""

import re
import xml.etree.ElementTree as ET  # noqa: S405 -- only used to build documents, never to parse

from django.utils.translation import gettext as _

from articles.models.translation import source_language
from articles.translations import xliff as field_xliff
from translation_tools import xliff

NS = "urn:oasis:names:tc:xliff:document:2.0"
VERSION = "2.1"
# The HTML element a placeholder stands for, as XLIFF 2's type and subType.
TYPES = {
    "a": ("link", None),
    "strong": ("fmt", "xlf:b"),
    "b": ("fmt", "xlf:b"),
    "em": ("fmt", "xlf:i"),
    "i": ("fmt", "xlf:i"),
    "u": ("fmt", "xlf:u"),
    "br": ("fmt", "xlf:lb"),
    "img": ("image", None),
}
_UNIT_ID = re.compile(r"^([a-z_]+(?:-\d+)?)\.([0-9a-f]{10}(?:-\d+)?)$")


def _q(tag: str) -> str:
    """A parsed element's name."""
    return f"{{{NS}}}{tag}"


# Documents are built with plain names under an ``xmlns`` attribute: ElementTree's one
# default-namespace registry already holds XLIFF 1.2's.


def inline_21(kind: str, number: str, tag: str | None) -> tuple[str, dict]:
    """XLIFF 2's inline element for a placeholder (see ``xliff.inline_12``)."""
    if kind == "footnote":
        marker = f"[{number}]"
        return "ph", {
            "id": f"fn{number}", "type": "other", "equiv": marker, "disp": marker,
            "canDelete": "no",
        }  # fmt: skip
    kind_type, sub_type = TYPES.get(tag, ("other", None))
    attributes = {"id": number, "type": kind_type, "canDelete": "no"}
    if sub_type:
        attributes["subType"] = sub_type
    return ("pc" if kind == "paired" else "ph"), attributes


def export(objects, lang: str, *, everything: bool = False) -> bytes:
    """The XLIFF 2.1 document for ``objects`` (articles, people, terms) into ``lang`` (the
    fields still to translate, or every field with ``everything``)."""
    objects = [obj for obj in objects if source_language(obj) != lang]
    source = source_language(objects[0]) if objects else "en"
    root = ET.Element("xliff", xmlns=NS, version=VERSION, srcLang=source, trgLang=lang)
    for obj in objects:
        if source_language(obj) != source:
            continue
        chosen, stale, targets = xliff.fields_to_export(obj, lang, everything=everything)
        if not chosen:
            continue
        file = ET.SubElement(
            root,
            "file",
            id=f"{xliff.kind_of(obj)}-{obj.pk}",
            original=f"{xliff.kind_of(obj)}/{obj.pk}",
        )
        ET.SubElement(ET.SubElement(file, "notes"), "note").text = str(obj)
        for f in chosen:
            group = ET.SubElement(file, "group", id=f.key, name=f.key)
            for segment in f.source.segments:
                unit = ET.SubElement(group, "unit", id=f"{f.key}.{segment.id}", name=f.key)
                notes = ET.SubElement(unit, "notes")
                note = ET.SubElement(notes, "note", category="context")
                note.text = xliff.segment_note(f, segment, obj)
                if f.max_length:
                    ET.SubElement(notes, "note", category="maxwidth").text = _(
                        "At most %(limit)d characters."
                    ) % {"limit": f.max_length}
                current = targets[f.key].get(segment.id)
                state = "translated" if current and f.model_field not in stale else "initial"
                element = ET.SubElement(unit, "segment", id=segment.id, state=state)
                placeholders = {p.number: p for p in segment.placeholders}
                xliff.fill(ET.SubElement(element, "source"), segment.text, placeholders, inline_21)
                if current:
                    target = ET.SubElement(element, "target")
                    xliff.fill(target, current[0], placeholders, inline_21)
    xliff.indent(root, {"source", "target", "note"})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def is_xliff2(data: bytes | str) -> bool:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return NS in text[:2000] and "<xliff" in text[:2000]


def import_(data: bytes | str, *, by, lang: str | None = None) -> field_xliff.ImportReport:
    """Check every segment of the XLIFF 2 ``data``, then save all of them or none."""
    report = field_xliff.ImportReport()
    root = xliff.parse(data, report)
    if root is None:
        return report
    if root.tag != _q("xliff") or not root.get("version", "").startswith("2."):
        report.error("-", _("This is not an XLIFF 2 file."))
        return report
    pending = []
    for file in root.iter(_q("file")):
        obj = xliff.object_of_file(
            file.get("original", ""), root.get("srcLang"), root.get("trgLang", ""), lang, report
        )
        if obj is not None:
            pending.append((obj, root.get("trgLang"), _read_units(file, report)))
    if not report.ok:
        return report
    return xliff.save_all(pending, by=by, report=report)


def _read_units(file, report) -> dict:
    targets = {}
    for unit in file.iter(_q("unit")):
        unit_id = unit.get("id", "")
        match = _UNIT_ID.match(unit_id)
        segments = unit.findall(_q("segment"))
        if match is None or len(segments) != 1:
            report.error(unit_id or "-", _("The unit id does not belong to this article."))
            continue
        text = xliff.read_target(segments[0].find(_q("target")), unit_id, report, "pc", "ph")
        if text:
            targets[(match.group(1), match.group(2))] = text
    return targets
