"""The side-by-side segment editor of the translation of an article, a person or a term (an
admin page, one view for all three).

Source and target segment by segment, aligned, in reading order (an article's title, summary,
highlights, body, notes, caption, alternative text; a person's position, biography and areas of
expertise; a term's name), with progress, per-segment status, word counts, translation
memory matches (an exact one pre-filled) and glossary terms. A plain form without JavaScript;
``segment_editor.js`` adds keyboard navigation, one-click matches and live progress.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models.translation import TARGET_FIELDS, source_language, target_languages
from articles.permissions import translation_policy
from articles.translations import status
from thinktank.languages import language_codes, language_name
from translation_tools import glossary, machine, memory, xliff, xliff2
from translation_tools.display import source_html
from translation_tools.models import SegmentDraft
from translation_tools.saving import SAVED, current_targets, save_segments
from translation_tools.segments import Segment
from translation_tools.units import object_fields

ORIGIN = SegmentDraft.Origin
TEMPLATE = "admin/translation_tools/segment_editor.html"


@dataclass
class Row:
    field_label: str
    field_key: str
    segment: Segment
    number: int  # position in the whole page, from 1
    name: str  # the form field's name
    source: str
    target: str
    state: str  # "done", "draft", "memory", "empty", "error"
    state_label: str
    matches: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    machine: str = ""  # a machine suggestion shown in this page, not yet saved
    first_of_field: bool = False
    rich: bool = False


def input_name(key: str, segment_id: str) -> str:
    return f"t-{key}-{segment_id}"


STATE_LABELS = {
    "done": lambda: _("Translated"),
    "draft": lambda: _("Draft"),
    "memory": lambda: _("Memory match: check it"),
    "machine": lambda: _("Machine suggestion: check it"),
    "empty": lambda: _("Not translated"),
    "error": lambda: _("Error"),
    "changed": lambda: _("Original changed: update"),
}


def segment_editor(
    request: HttpRequest, app_label: str, model_name: str, pk: int, lang: str
) -> HttpResponse:
    """The segment editor of the article, person or term ``pk`` (of the model named by
    ``app_label`` and ``model_name``) in ``lang`` (an admin page; see the module)."""
    obj = _translatable_object(request, app_label, model_name, pk, lang)
    opts = obj._meta
    fields = object_fields(obj, lang)
    source = source_language(obj)
    stored = current_targets(obj, lang, fields)
    texts = [s.text for f in fields for s in f.source.segments]
    found = memory.matches(source, lang, texts)
    terms = glossary.terms(source, lang)
    posted = None
    errors = {}
    suggestions = {}
    if request.method == "POST":
        posted = {
            (f.key, s.id): request.POST.get(input_name(f.key, s.id), "")
            for f in fields
            for s in f.source.segments
            if input_name(f.key, s.id) in request.POST
        }
    if posted is not None and "_machine" in request.POST:
        suggestions = _machine_suggestions(request, fields, posted, source, lang)
    elif posted is not None:
        origins = {
            key: ORIGIN.MEMORY
            for key, text in posted.items()
            if (best := _exact(found, key, fields)) and text.strip() == best
            and stored.get(key[0], {}).get(key[1], ("", ""))[0] != text.strip()
        }  # fmt: skip
        origins.update(
            {
                key: ORIGIN.MACHINE
                for key, text in posted.items()
                if text.strip()
                and text.strip() == request.POST.get("mt-" + input_name(*key), "").strip()
            }
        )
        report = save_segments(obj, lang, by=request.user, targets=posted, origins=origins)
        if report.ok:
            return _after_segments_saved(request, obj, lang, report)
        for key, message in report.errors:
            errors.setdefault(key, []).append(message)
        messages.error(request, _("Nothing was saved: please correct the segments marked below."))
    translation = status.translation_for(obj, lang)
    stale = set(translation.stale_fields)
    rows = _segment_rows(fields, stored, found, terms, posted, errors, suggestions, stale)
    done = sum(1 for row in rows if row.target.strip())
    context = {
        **admin.site.each_context(request),
        "opts": opts,
        "title": _("Translate “%(object)s” into %(language)s, segment by segment")
        % {"object": obj, "language": language_name(lang)},
        "original": obj,
        "rows": rows,
        "lang": lang,
        "source_lang": source,
        "source_name": language_name(source),
        "target_name": language_name(lang),
        "done": done,
        "total": len(rows),
        "words": sum(row.segment.words for row in rows),
        "translation": translation,
        "general_errors": errors.get("-", []),
        "can_mark_ready": status.allowed(
            obj,
            lang,
            request.user,
            "translation_ready",
            status.TS.IN_PROGRESS
            if translation.status == status.TS.APPROVED
            else translation.status,
        ),  # fmt: skip
        "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        "form_url": reverse(
            f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, lang]
        ),
        "xliff_url": reverse(
            "translation_tools:xliff", args=[opts.app_label, opts.model_name, obj.pk, lang]
        ),
        "machine_available": machine.backend() is not None,
    }
    return TemplateResponse(request, TEMPLATE, context)


def _translatable_object(
    request: HttpRequest, app_label: str, model_name: str, pk: int, lang: str
) -> models.Model:
    """The article, person or term, when ``request.user`` may translate it into ``lang``;
    else 404 or 403."""
    label = f"{app_label}.{model_name}"
    if lang not in language_codes() or label not in TARGET_FIELDS:
        raise Http404
    obj = apps.get_model(label)._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not translation_policy.can_edit_language(request.user, obj, lang):
        raise PermissionDenied
    if lang not in target_languages(obj):
        raise Http404
    return obj


# The XLIFF versions a download can take (``?version=2.1``): their exporters.
DOWNLOADS = {"1.2": xliff.export, "2.1": xliff2.export}


def xliff_download(
    request: HttpRequest, app_label: str, model_name: str, pk: int, lang: str
) -> HttpResponse:
    """The object's segments for ``lang`` as an XLIFF file (every field): 1.2, or 2.1 with
    ``?version=2.1``."""
    obj = _translatable_object(request, app_label, model_name, pk, lang)
    version = request.GET.get("version", "1.2")
    if version not in DOWNLOADS:
        raise Http404
    response = HttpResponse(
        DOWNLOADS[version]([obj], lang, everything=True),
        content_type="application/x-xliff+xml; charset=utf-8",
    )
    suffix = "-xliff2" if version == "2.1" else ""
    response["Content-Disposition"] = (
        f'attachment; filename="{xliff.kind_of(obj)}-{obj.pk}-{lang}{suffix}.xlf"'
    )
    return response


def _machine_suggestions(request, fields, posted, source, lang):
    """Suggestions of the configured service for the empty segments; nothing is saved."""
    service = machine.backend()
    if service is None:
        messages.error(request, _("Machine translation is not configured."))
        return {}
    empty = [
        (f.key, s.id, s.text)
        for f in fields
        for s in f.source.segments
        if not posted.get((f.key, s.id), "").strip()
    ]
    try:
        answers = service.translate([text for _k, _s, text in empty], source, lang)
    except machine.MachineError:
        messages.error(
            request, _("The machine translation service did not answer; nothing changed.")
        )
        return {}
    messages.info(
        request,
        _("Machine suggestions were added to %(count)d empty segments: check each one.")
        % {"count": len(answers)},
    )
    return {(key, sid): text for (key, sid, _text), text in zip(empty, answers, strict=True)}


def _after_segments_saved(request, obj, lang, report):
    if "_ready" in request.POST:
        try:
            status.mark_ready(obj, lang, by=request.user)
        except status.TranslationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("“%(object)s” (%(language)s): translation saved and marked ready for review.")
            % {"object": obj, "language": language_name(lang)},
        )
    else:
        messages.success(
            request,
            _("“%(object)s” (%(language)s): translation saved.")
            % {"object": obj, "language": language_name(lang)},
        )
    return HttpResponseRedirect(request.path)


def _segment_rows(fields, stored, found, terms, posted, errors, suggestions, stale):
    """One row per segment. In a field whose original changed since approval, a saved segment
    whose source the memory does not know (it was not part of the approved text) is "changed"."""
    rows = []
    for f in fields:
        for index, segment in enumerate(f.source.segments):
            key = (f.key, segment.id)
            saved_text, origin = stored[f.key].get(segment.id, ("", ""))
            matches = found.get(segment.text, [])
            if key in suggestions:
                target, state = suggestions[key], "machine"
            elif posted is not None and key in posted:
                target, state = posted[key], "draft"
            elif saved_text:
                target = saved_text
                state = {SAVED: "done", ORIGIN.TRANSLATOR: "draft"}.get(origin, origin)
                if state == "done" and f.model_field in stale:
                    known = [m for m in matches if m.score == 100]
                    state = "done" if known else "changed"
            elif matches and matches[0].score == 100:
                target, state = matches[0].target_text, "memory"
            else:
                target, state = "", "empty"
            if not target.strip():
                state = "empty"
            row_errors = errors.get(f"{f.key}/{segment.id}", [])
            if row_errors:
                state = "error"
            hits = glossary.hits(segment.text, terms)
            rows.append(
                Row(
                    field_label=f.label,
                    field_key=f.key,
                    segment=segment,
                    number=len(rows) + 1,
                    name=input_name(f.key, segment.id),
                    source=source_html(segment.text, hits),
                    target=target,
                    state=state,
                    state_label=STATE_LABELS[state](),
                    matches=matches,
                    terms=hits,
                    warnings=glossary.missing(segment.text, target, terms),
                    errors=row_errors,
                    machine=suggestions.get(key, ""),
                    first_of_field=index == 0,
                    rich=f.rich,
                )
            )
    return rows


def _exact(found, key, fields):
    """The memory's exact translation of the segment ``key``, or None."""
    for f in fields:
        if f.key == key[0]:
            for segment in f.source.segments:
                if segment.id == key[1]:
                    best = found.get(segment.text) or []
                    return best[0].target_text if best and best[0].score == 100 else None
    return None
