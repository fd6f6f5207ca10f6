"""Exchange with translators' tools: XLIFF 1.2 export and a validate-everything-first import.

One ``<file>`` per article (``original="article/<pk>"``), one ``<trans-unit>`` per field
(``id="article/<pk>/<field>"``). Rich text travels as escaped HTML (``datatype="html"``), which
CAT tools segment themselves. Only untranslated fields (empty in the target language) and stale
ones (changed in the original since approval) are exported.

The import parses with ``defusedxml`` (no entities, no DTDs, no external references), checks
every unit (unknown ids, wrong language, a source text changed since the export, markup the
sanitizer would change, fields the user may not change, model validation) and saves nothing
unless every unit is fine; the saves then run in one transaction through ``save_translation``.
"""

import xml.etree.ElementTree as ET  # noqa: S405 -- only used to build documents, never to parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article
from articles.models.translation import source_language, text_fields
from articles.permissions import translation_policy
from articles.translations import status
from audit.log import log
from audit.registry import register_actions
from thinktank.comparison import same
from thinktank.languages import language_codes, translated_value
from thinktank.richtext import RichTextField, canonical_html, sanitize_html, sanitizing_changes

NS = "urn:oasis:names:tc:xliff:document:1.2"
ET.register_namespace("", NS)
RICH_FIELDS = {"body"}
# Bounds of an import (settings override): a file is refused unread above the size, unchecked
# above the number of units, and checking stops after this many problems.
MAX_BYTES = 10 * 1024 * 1024
MAX_UNITS = 5000
MAX_ERRORS = 100
EXPORTED = "xliff_export"
register_actions([(EXPORTED, gettext_lazy("Exported for translation (XLIFF)"))])


def _q(tag):
    return f"{{{NS}}}{tag}"


def article_file(
    root: ET.Element, article: Article, source: str, lang: str, *, kind: str = "article"
) -> ET.Element:
    """The ``<file>`` of one article in an XLIFF document (its title as the header's note);
    returns its ``<body>`` for the units. ``kind`` names what else it may hold (``person``
    for a person …: ``original="person/<pk>"``)."""
    file = ET.SubElement(
        root,
        _q("file"),
        original=f"{kind}/{article.pk}",
        datatype="html",
        **{"source-language": source, "target-language": lang},
    )
    header = ET.SubElement(file, _q("header"))
    ET.SubElement(header, _q("note")).text = str(article)
    return ET.SubElement(file, _q("body"))


# Other layouts of the same exchange (one unit per segment: ``translation_tools.xliff``) register
# here from their ``AppConfig.ready``; ``export`` and ``import_`` hand files on to them.
@dataclass(frozen=True)
class Format:
    name: str
    label: Any
    export: Callable
    import_: Callable
    recognises: Callable  # (data) -> bool: is this file in this layout?


FORMATS: dict[str, Format] = {}


def register_format(format_: Format) -> None:
    FORMATS[format_.name] = format_


def formats() -> list[tuple[str, str]]:
    """``[(name, label)]`` of the layouts an export can take; "fields" is this module's."""
    return [("fields", _("One unit per field")), *((f.name, f.label) for f in FORMATS.values())]


def fields_to_export(article, lang):
    """The text fields of ``article`` that ``lang`` lacks or that went stale, source non-empty."""
    source = source_language(article)
    translation = status.translation_for(article, lang)
    return [
        name
        for name in text_fields(Article)
        if translated_value(article, name, source)
        and (not translated_value(article, name, lang) or name in translation.stale_fields)
    ]


def max_bytes() -> int:
    return int(getattr(settings, "XLIFF_MAX_BYTES", MAX_BYTES))


def max_units() -> int:
    return int(getattr(settings, "XLIFF_MAX_UNITS", MAX_UNITS))


def export_by(user, articles, lang: str, *, layout: str = "fields") -> bytes:
    """``export(articles, lang, layout=layout)`` for ``user``, with one audit line per article
    exported (who, from which address, into which language, which fields)."""
    articles = list(articles)
    document = export(articles, lang, layout=layout)
    for article in articles:
        if lang != source_language(article):
            fields = fields_to_export(article, lang)
            if fields:
                log(user, EXPORTED, article, language=lang, fields=fields)
    return document


def export(articles, lang, *, layout="fields"):
    """The XLIFF 1.2 document (bytes, UTF-8) for ``articles`` into ``lang``; ``layout`` names a
    registered format (``formats()``), "fields" is one unit per field."""
    if layout != "fields":
        return FORMATS[layout].export(articles, lang)
    root = ET.Element(_q("xliff"), version="1.2")
    for article in articles:
        source = source_language(article)
        if lang == source:
            continue
        names = fields_to_export(article, lang)
        if not names:
            continue
        body = article_file(root, article, source, lang)
        for name in names:
            unit = ET.SubElement(
                body, _q("trans-unit"), id=f"article/{article.pk}/{name}", resname=name
            )
            if name in RICH_FIELDS:
                unit.set("datatype", "html")
            ET.SubElement(unit, _q("source")).text = translated_value(article, name, source)
            current = translated_value(article, name, lang)
            target = ET.SubElement(
                unit,
                _q("target"),
                state="needs-review-translation" if current else "needs-translation",
            )
            target.text = current
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@dataclass
class ImportReport:
    """What an import found: per-unit problems (nothing saved) or what was saved."""

    errors: list = field(default_factory=list)  # [(unit id, message)]
    saved: dict = field(default_factory=dict)  # {article pk: [field names]}
    skipped: int = 0

    @property
    def ok(self):
        return not self.errors

    @property
    def only_articles(self) -> bool:
        """Whether everything saved belongs to articles (people and terms are ``person/3`` …)."""
        return all(isinstance(key, int) for key in self.saved)

    def mixed_summary(self) -> str:
        """What was saved, when people or terms were among it."""
        return _("Imported %(count)d fields into %(objects)d articles, people and terms.") % {
            "count": sum(len(names) for names in self.saved.values()),
            "objects": len(self.saved),
        }

    def error(self, unit, message):
        self.errors.append((unit, str(message)))


def _text(element):
    """The text of ``element`` including any inline children (as a CAT tool might write)."""
    if element is None:
        return None
    inner = (element.text or "") + "".join(
        ET.tostring(child, encoding="unicode") for child in element
    )
    return inner


def import_(data, *, by, lang=None):
    """Check every unit of the XLIFF ``data`` (bytes or str), then save all of them or none.

    ``lang`` (optional) is the language the file must be in. Returns an ``ImportReport``.
    """
    for format_ in FORMATS.values():
        if format_.recognises(data):
            return format_.import_(data, by=by, lang=lang)
    report = ImportReport()
    try:
        root = parse_xml(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        report.error("-", _("The file is not well-formed XML: %(error)s") % {"error": exc})
        return report
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        report.error("-", _("This is not an XLIFF 1.2 file."))
        return report
    units, limit = sum(1 for _unit in root.iter(_q("trans-unit"))), max_units()
    if units > limit:
        report.error(
            "-",
            _("The file has %(count)d units; at most %(limit)d can be imported at once.")
            % {"count": units, "limit": limit},
        )
        return report
    pending = {}  # article pk -> (article, lang, {field_lang: value}, {field_lang: unit id})
    for file in root.iter(_q("file")):
        original = file.get("original", "")
        target_lang = file.get("target-language", "")
        kind, _sep, pk = original.partition("/")
        if kind != "article" or not pk.isdigit():
            report.error(
                original or "-", _("Unknown file “%(original)s”.") % {"original": original}
            )
            continue
        article = Article.objects.filter(pk=int(pk)).first()
        if article is None:
            report.error(original, _("There is no article %(pk)s.") % {"pk": pk})
            continue
        if target_lang not in language_codes():
            report.error(
                original,
                _("Unknown target language “%(lang)s”.") % {"lang": target_lang},
            )
            continue
        if lang and target_lang != lang:
            report.error(
                original,
                _("The file is in “%(found)s”, but “%(expected)s” was expected.")
                % {"found": target_lang, "expected": lang},
            )
            continue
        source_lang = source_language(article)
        if target_lang == source_lang or file.get("source-language") != source_lang:
            report.error(
                original,
                _("The languages do not match the article (written in “%(source)s”).")
                % {"source": source_lang},
            )
            continue
        for unit in file.iter(_q("trans-unit")):
            _check_unit(unit, article, target_lang, by, report, pending)
            if len(report.errors) >= MAX_ERRORS:
                report.error("-", _("Too many problems; the rest of the file was not checked."))
                return report
    if not report.ok:
        return report
    if not pending:
        report.error("-", _("The file has no translated unit to import."))
        return report
    _validate_models(pending, report)
    if not report.ok:
        return report
    unit = "-"
    try:
        with transaction.atomic():
            for article, target_lang, values, units in pending.values():
                # A conflict between two articles of the file (the same new slug) shows here.
                unit = units.get(f"title_{target_lang}") or f"article/{article.pk}"
                status.save_translation(article, target_lang, by=by, values=values)
                report.saved[article.pk] = sorted(values)
    except (ValidationError, PermissionDenied) as exc:
        report.saved = {}
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        report.error(unit, " ".join(messages))
    return report


def _check_unit(unit, article, lang, by, report, pending):
    unit_id = unit.get("id", "")
    kind, pk, name = (unit_id.split("/") + ["", "", ""])[:3]
    if kind != "article" or pk != str(article.pk):
        report.error(unit_id or "-", _("The unit id does not belong to this article."))
        return
    if name not in text_fields(Article):
        report.error(unit_id, _("Unknown field “%(field)s”.") % {"field": name})
        return
    source = _text(unit.find(_q("source")))
    target = _text(unit.find(_q("target")))
    if target is None or not target.strip():
        report.skipped += 1  # left untranslated in the tool: nothing to import
        return
    current = translated_value(article, name, source_language(article))
    model_field = Article._meta.get_field(name)
    if not same(model_field, (source or "").strip(), current.strip()):  # by content, not form
        report.error(
            unit_id,
            _(
                "The original text of this field changed since the export; export it again "
                "and translate the new text."
            ),
        )
        return
    target = target.strip()
    if isinstance(model_field, RichTextField):
        if sanitizing_changes(target):
            report.error(
                unit_id,
                _(
                    "The markup contains something the site does not allow (it would be "
                    "removed or changed): %(cleaned)s"
                )
                % {"cleaned": canonical_html(target)[:200]},
            )
            return
    elif "<" in target and sanitize_html(target) != target:
        report.error(unit_id, _("This field takes plain text, not markup."))
        return
    field_name = f"{name}_{lang}"
    try:
        translation_policy.check_may_change(by, article, [field_name])
    except PermissionDenied as exc:
        report.error(unit_id, str(exc))
        return
    entry = pending.setdefault(article.pk, (article, lang, {}, {}))
    entry[2][field_name] = target
    entry[3][field_name] = unit_id


def _validate_models(pending, report):
    """Model validation (lengths, unique slugs) in memory, reported on the unit that caused it."""
    for article, _lang, values, units in pending.values():
        copy = Article.objects.get(pk=article.pk)
        for name, value in values.items():
            setattr(copy, name, value)
        try:
            copy.full_clean()
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                base, _sep, code = name.rpartition("_")
                unit = units.get(name) or units.get(f"title_{code}") or f"article/{article.pk}"
                for message in errors:
                    report.error(unit, message)
