"""The text of an article, a person or a term to translate, as fields of segments in reading
order, and the alignment of an existing translation with its source segments."""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from articles.models import Article
from articles.models.translation import field_label, source_language, text_fields
from thinktank.languages import translated_value
from thinktank.richtext import RichTextField
from translation_tools.segments import Segment, Segmented, split, split_plain

# Reading order: title, summary, highlights, body, the notes (an image's words are translated
# with the library image).
ARTICLE_FIELDS = ("title", "summary", "highlights", "body", "notes")
_PLACEHOLDER = re.compile(r"\{(/?)(\d{1,3})(/?)\}")


@dataclass(frozen=True)
class Field:
    """One translatable text of an article (a model field, a highlight, a note), a person or a
    term (a model field)."""

    key: str  # "title", "body", "highlight-7"
    label: str
    source: Segmented
    target_value: str  # what the target language holds now
    model_field: str  # "title" … or "text" for a highlight
    highlight_pk: int | None = None
    max_length: int | None = None
    citation_pk: int | None = None

    @property
    def rich(self) -> bool:
        return self.source.rich


def article_fields(article: Article, lang: str) -> list[Field]:
    """The article's fields with source text, in reading order (highlights from one query)."""
    source = source_language(article)
    fields = []
    for name in ARTICLE_FIELDS:
        if name == "highlights":
            for number, highlight in enumerate(
                article.highlights.order_by("sort_order", "id"), start=1
            ):
                text = translated_value(highlight, "text", source)
                if text:
                    fields.append(
                        Field(
                            f"highlight-{highlight.pk}",
                            _("Highlight %(number)d") % {"number": number},
                            split_plain(text),
                            translated_value(highlight, "text", lang),
                            "text",
                            highlight.pk,
                            400,
                        )
                    )
            continue
        if name == "notes":
            for citation in article.citations.order_by("number"):
                text = translated_value(citation, "note", source)
                if text:
                    fields.append(
                        Field(
                            f"note-{citation.pk}",
                            _("Note %(number)d") % {"number": citation.number},
                            split_plain(text),
                            translated_value(citation, "note", lang),
                            "note",
                            citation_pk=citation.pk,
                        )
                    )
            continue
        found = model_field(article, name, source, lang)
        if found is not None:
            fields.append(found)
    return fields


def model_field(obj: models.Model, name: str, source: str, lang: str) -> Field | None:
    """The model field ``name`` of ``obj`` to translate from ``source`` into ``lang``: rich
    text split into segments (sentences where the language has rules), plain text one
    segment; None when the source is empty."""
    text = translated_value(obj, name, source)
    if not text:
        return None
    model = type(obj)
    definition = model._meta.get_field(name)
    target_value = translated_value(obj, name, lang)
    return Field(
        name,
        capfirst(field_label(model, name)),
        segmented(text, source, target_value, lang)
        if isinstance(definition, RichTextField)
        else split_plain(text),
        target_value,
        name,
        None,
        definition.max_length,
    )


def object_fields(obj: models.Model, lang: str) -> list[Field]:
    """The fields of an article, a person or a term to translate into ``lang``, in reading
    order (a person's or term's: its translated text fields in the model's order)."""
    if isinstance(obj, Article):
        return article_fields(obj, lang)
    source = source_language(obj)
    return [
        found
        for name in text_fields(type(obj))
        if (found := model_field(obj, name, source, lang)) is not None
    ]


def segmented(text: str, source: str, target_value: str, lang: str) -> Segmented:
    """Rich ``text`` (in ``source``) as segments: sentences where the language has rules,
    unless a saved translation in ``lang`` lines up only paragraph by paragraph (a translator
    joined or split sentences): then paragraphs, so that translation stays in the editor."""
    sentences = split(text, source)
    if not sentences.language or not (target_value or "").strip():
        return sentences
    if align(sentences, target_value, lang):
        return sentences
    blocks = split(text)
    return blocks if align(blocks, target_value, lang) else sentences


def align(source: Segmented, target_value: str, lang: str | None = None) -> dict[str, str]:
    """``{source segment id: tagged target text}`` read from an existing translation in
    ``lang``, when it has the source's structure (the same blocks, and sentences when the
    source is split into sentences, around its segments); else empty."""
    if not (target_value or "").strip():
        return {}
    if not source.rich:
        return {source.segments[0].id: target_value} if source.segments else {}
    target = split(target_value, lang if source.language else None)
    if len(target.segments) != len(source.segments) or _skeleton(target) != _skeleton(source):
        return {}
    aligned = {}
    for source_segment, target_segment in zip(source.segments, target.segments, strict=True):
        text = renumber(target_segment, source_segment)
        if text is None:
            return {}
        aligned[source_segment.id] = text
    return aligned


def _skeleton(segmented: Segmented) -> list[str]:
    return [" ".join(p.split()) if isinstance(p, str) else "#" for p in segmented.parts]


def renumber(target: Segment, source: Segment) -> str | None:
    """The target's tagged text with its placeholders numbered as in the source (matched by
    their markup, in order); None when they are not the same elements."""
    free = list(source.placeholders)
    mapping = {}
    for placeholder in target.placeholders:
        match = next((p for p in free if p.start == placeholder.start), None) or next(
            (p for p in free if p.tag == placeholder.tag and p.empty == placeholder.empty), None
        )
        if match is None:
            return None
        free.remove(match)
        mapping[placeholder.number] = match.number
    if free:
        return None
    return _PLACEHOLDER.sub(
        lambda m: f"{{{m.group(1)}{mapping[int(m.group(2))]}{m.group(3)}}}", target.text
    )
