"""Translation memory: approved segments per language pair, found again exactly or fuzzily."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db import models, transaction

from articles.models.translation import source_language
from translation_tools.models import MemoryEntry, text_key
from translation_tools.units import align, object_fields

FUZZY_THRESHOLD = 0.75
FUZZY_CANDIDATES = 2000  # entries of a pair read for fuzzy matching, newest first


@dataclass(frozen=True)
class Match:
    source_text: str
    target_text: str
    score: int  # percent; 100 is an exact match


def remember(obj: models.Model, lang: str, *, by=None) -> int:
    """Store the segments of the approved ``lang`` text of ``obj`` (an article, a person or a
    term); how many were stored."""
    source = source_language(obj)
    pairs = {}
    for field in object_fields(obj, lang):
        for segment_id, text in align(field.source, field.target_value, lang).items():
            segment = field.source.by_id()[segment_id]
            pairs[segment.text] = text
    with transaction.atomic():
        existing = {
            entry.source_key: entry
            for entry in MemoryEntry.objects.select_for_update().filter(
                source_language=source,
                target_language=lang,
                source_key__in=[text_key(text) for text in pairs],
            )
        }
        for source_text, target_text in pairs.items():
            entry = existing.get(text_key(source_text)) or MemoryEntry(
                source_language=source, target_language=lang, source_text=source_text
            )
            if entry.pk and entry.target_text == target_text:
                continue
            entry.target_text = target_text
            entry.approved_by = by if by is not None and by.pk else None
            entry.save()
    return len(pairs)


def matches(source: str, target: str, texts: list[str]) -> dict[str, list[Match]]:
    """For each source text: an exact match first (score 100), else fuzzy ones, best first.

    Two queries whatever the number of texts."""
    keys = {text: text_key(text) for text in texts}
    exact = {
        entry.source_key: entry
        for entry in MemoryEntry.objects.filter(
            source_language=source, target_language=target, source_key__in=set(keys.values())
        )
    }
    found: dict[str, list[Match]] = {}
    rest = []
    for text, key in keys.items():
        if key in exact:
            found[text] = [Match(exact[key].source_text, exact[key].target_text, 100)]
        else:
            rest.append(text)
    if rest:
        candidates = list(
            MemoryEntry.objects.filter(source_language=source, target_language=target)
            .order_by("-approved_at")
            .values_list("source_text", "target_text")[:FUZZY_CANDIDATES]
        )
        for text in rest:
            found[text] = fuzzy(text, candidates)
    return found


def fuzzy(text: str, candidates: list[tuple[str, str]], limit: int = 3) -> list[Match]:
    """The candidates at least ``FUZZY_THRESHOLD`` similar to ``text``, best first."""
    scored = []
    for source_text, target_text in candidates:
        if not 0.5 <= len(source_text) / max(len(text), 1) <= 2:
            continue
        matcher = SequenceMatcher(None, text, source_text, autojunk=False)
        if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
            continue
        ratio = matcher.ratio()
        if ratio >= FUZZY_THRESHOLD:
            scored.append(Match(source_text, target_text, min(99, int(ratio * 100))))
    scored.sort(key=lambda match: -match.score)
    return scored[:limit]
