"""The glossary: fixed terms found in a source segment, and a warning when the target lacks
the required translation."""

import re
from dataclasses import dataclass

from translation_tools.models import GlossaryTerm


@dataclass(frozen=True)
class Hit:
    term: str
    translation: str
    note: str


def terms(source: str, target: str) -> list[GlossaryTerm]:
    """The glossary of a language pair (one query)."""
    return list(GlossaryTerm.objects.filter(source_language=source, target_language=target))


def _contains(text: str, phrase: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(phrase.casefold()) + r"(?!\w)"
    return re.search(pattern, (text or "").casefold()) is not None


def hits(text: str, glossary: list[GlossaryTerm]) -> list[Hit]:
    """The glossary terms that occur in ``text`` (whole words, any case)."""
    return [Hit(t.term, t.translation, t.note) for t in glossary if _contains(text, t.term)]


def missing(source_text: str, target_text: str, glossary: list[GlossaryTerm]) -> list[Hit]:
    """Terms of the source whose required translation the (non-empty) target does not use.

    The required translation is matched as a word prefix, so Turkish and Russian endings
    (“Meridyen Enstitüsü'nün”, “Институтом”) still count."""
    if not (target_text or "").strip():
        return []
    folded = target_text.casefold()
    return [
        hit
        for hit in hits(source_text, glossary)
        if re.search(r"(?<!\w)" + re.escape(_stem(hit.translation).casefold()), folded) is None
    ]


def _stem(phrase: str) -> str:
    """A phrase whose last word may take endings: the last word minus its final letter."""
    words = phrase.split()
    if words and len(words[-1]) > 4:
        words[-1] = words[-1][:-1]
    return " ".join(words)
