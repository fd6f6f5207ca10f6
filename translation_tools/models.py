"""What the translation tools remember: approved segments (translation memory), fixed terms
(glossary) and a translator's segments of a text not yet complete (drafts)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thinktank.languages import validate_language_code


def text_key(text: str) -> str:
    """The lookup key of a source segment: its SHA-1, whitespace runs collapsed."""
    normal = " ".join((text or "").split())
    return hashlib.sha1(normal.encode(), usedforsecurity=False).hexdigest()


class LanguagePair(models.Model):
    source_language = models.CharField(
        _("source language"),
        max_length=5,
        choices=settings.LANGUAGES,
        validators=[validate_language_code],
    )
    target_language = models.CharField(
        _("target language"),
        max_length=5,
        choices=settings.LANGUAGES,
        validators=[validate_language_code],
    )

    class Meta:
        abstract = True


class MemoryEntry(LanguagePair):
    """An approved translation of one segment, offered when the same or a similar one recurs."""

    source_text = models.TextField(_("source text"))
    source_key = models.CharField(max_length=40, editable=False)
    target_text = models.TextField(_("translation"))
    approved_at = models.DateTimeField(_("approved"), auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
        editable=False,
    )

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory")
        ordering = ["source_language", "target_language", "source_text"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_key"],
                name="memory_entry_once_per_pair",
            )
        ]

    def __str__(self):
        return self.source_text[:80]

    def save(self, *args, **kwargs):
        self.source_key = text_key(self.source_text)
        super().save(*args, **kwargs)


class GlossaryTerm(LanguagePair):
    """A fixed term (an institution's name, a defined phrase) and its required translation."""

    term = models.CharField(_("term"), max_length=200)
    translation = models.CharField(_("required translation"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["source_language", "target_language", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "term"],
                name="glossary_term_once_per_pair",
                violation_error_message=_("This term is already in the glossary for this pair."),
            )
        ]

    def __str__(self):
        return f"{self.term} → {self.translation}"


class SegmentDraft(models.Model):
    """A translator's text for one segment, kept until every segment of the field is done."""

    class Origin(models.TextChoices):
        TRANSLATOR = "translator", _("translator")
        MEMORY = "memory", _("translation memory")
        MACHINE = "machine", _("machine translation")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="segment_drafts",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    unit = models.CharField(_("field"), max_length=40)  # "body", "title", "highlight-7" …
    segment = models.CharField(_("segment"), max_length=20)
    target_text = models.TextField(_("translation"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.TRANSLATOR
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("segment draft")
        verbose_name_plural = _("segment drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "unit", "segment"], name="segment_draft_once"
            )
        ]

    def __str__(self):
        return f"{self.article_id}/{self.language}/{self.unit}/{self.segment}"
