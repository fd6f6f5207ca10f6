"""Saving a translator's segments: check every one, then store all or nothing.

Segments of a field not yet complete are kept as drafts; a field whose every segment has a
translation is reassembled and saved through ``articles.translations.status`` (so the
language's state moves on as for any translator's save, and an approved text stays live until
the new one is approved).
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from articles.models import Article
from articles.permissions import translation_policy
from articles.translations import status
from thinktank.comparison import same
from translation_tools.models import SegmentDraft, owner_of
from translation_tools.segments import SegmentError, reassemble, to_html
from translation_tools.units import Field, align, object_fields

SAVED = "saved"  # the origin of a segment read from the saved translation


@dataclass
class SaveReport:
    errors: list = field(default_factory=list)  # [(key "body/<segment id>", message)]
    saved_fields: list = field(default_factory=list)
    drafts: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def current_targets(obj: models.Model, lang: str, fields: list[Field]) -> dict[str, dict]:
    """``{field key: {segment id: (text, origin)}}`` of an article, a person or a term:
    drafts first (origin: who made the text), else the saved translation (origin ``SAVED``)."""
    drafts = {
        (d.unit, d.segment): d for d in SegmentDraft.objects.for_object(obj).filter(language=lang)
    }
    result = {}
    for f in fields:
        aligned = align(f.source, f.target_value, lang)
        texts = {}
        for segment in f.source.segments:
            draft = drafts.get((f.key, segment.id))
            if draft is not None and draft.target_text:
                texts[segment.id] = (draft.target_text, draft.origin)
            elif segment.id in aligned:
                texts[segment.id] = (aligned[segment.id], SAVED)
        result[f.key] = texts
    return result


def save_segments(
    obj: models.Model,
    lang: str,
    *,
    by: Any,
    targets: dict[tuple[str, str], str],
    origins: dict[tuple[str, str], str] | None = None,
) -> SaveReport:
    """Store ``targets`` ({(field key, segment id): tagged text}) of ``obj`` (an article, a
    person or a term) in ``lang``."""
    report = SaveReport()
    if not translation_policy.can_edit_language(by, obj, lang):
        raise PermissionDenied(_("You are not allowed to change this."))
    origins = origins or {}
    fields = object_fields(obj, lang)
    known = {(f.key, s.id) for f in fields for s in f.source.segments}
    for key in sorted(set(targets) - known):
        report.errors.append(
            ("/".join(key), _("This segment is not in the current original text."))
        )
    for f in fields:
        for segment in f.source.segments:
            text = (targets.get((f.key, segment.id)) or "").strip()
            if text and f.rich:
                try:
                    to_html(text, segment)
                except SegmentError as exc:
                    report.errors.append((f"{f.key}/{segment.id}", f"{f.label}: {exc}"))
            elif f.max_length and len(text) > f.max_length:
                report.errors.append(
                    (
                        f"{f.key}/{segment.id}",
                        _("%(field)s: at most %(limit)d characters (it has %(count)d).")
                        % {"field": f.label, "limit": f.max_length, "count": len(text)},
                    )
                )
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            _store(obj, lang, by, fields, targets, origins, report)
    except (ValidationError, PermissionDenied) as exc:
        report.saved_fields = []
        report.drafts = 0
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        report.errors.append(("-", " ".join(messages)))
    return report


def _store(obj, lang, by, fields, targets, origins, report):
    current = current_targets(obj, lang, fields)
    values = {}
    highlights = {}
    notes = {}
    complete_keys = []
    for f in fields:
        texts = {sid: text for sid, (text, _origin) in current[f.key].items()}
        for segment in f.source.segments:
            key = (f.key, segment.id)
            if key not in targets:
                continue
            text = (targets[key] or "").strip()
            texts[segment.id] = text
            SegmentDraft.objects.update_or_create(
                **owner_of(obj),
                language=lang,
                unit=f.key,
                segment=segment.id,
                defaults={
                    "target_text": text,
                    "origin": origins.get(key, SegmentDraft.Origin.TRANSLATOR),
                    "updated_by": by if by is not None and by.pk else None,
                },
            )
            report.drafts += 1
        if not all(texts.get(s.id) for s in f.source.segments):
            continue
        value = reassemble(f.source, texts)
        complete_keys.append(f.key)
        if f.highlight_pk is not None:
            if value != (f.target_value or ""):
                highlights[f.highlight_pk] = value
        elif f.citation_pk is not None:
            if value != (f.target_value or ""):
                notes[f.citation_pk] = value
        else:
            model_field = type(obj)._meta.get_field(f"{f.model_field}_{lang}")
            if not same(model_field, value, f.target_value or ""):
                values[f"{f.model_field}_{lang}"] = value
    if values:
        status.save_translation(obj, lang, by=by, values=values)
        report.saved_fields += [name.rsplit("_", 1)[0] for name in values]
    if highlights:
        status.save_highlight_translations(obj, lang, by=by, texts=highlights)
        report.saved_fields.append("highlights")
    if notes:
        save_note_translations(obj, lang, by=by, notes=notes)
        report.saved_fields.append("notes")
    # A field saved whole needs no drafts: its translation is read from the field again.
    SegmentDraft.objects.for_object(obj).filter(language=lang, unit__in=complete_keys).delete()


def save_note_translations(article: Article, lang: str, *, by: Any, notes: dict[int, str]) -> None:
    """Set the ``lang`` note of the article's citations (``{citation id: text}``).

    Notes belong to the article's translation, as highlights do: an approved language is "in
    progress" again and readers keep the approved notes until an editor approves the new ones."""
    if not translation_policy.can_edit_language(by, article, lang):
        raise PermissionDenied(_("You are not allowed to change this."))
    field_name = f"note_{lang}"
    with transaction.atomic():
        citations = {c.pk: c for c in article.citations.select_for_update()}
        if set(notes) - set(citations):
            raise PermissionDenied(_("These notes belong to another article."))
        for pk, text in notes.items():
            citation = citations[pk]
            setattr(citation, field_name, text)
            # Only the note is the translator's: the rest of the citation is the editor's.
            citation.clean_fields(
                exclude=[f.name for f in type(citation)._meta.fields if f.name != field_name]
            )
            citation.save(update_fields=[field_name])
        status.translation_edited(article, [lang], by=by)
