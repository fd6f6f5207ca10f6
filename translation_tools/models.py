"""What the translation tools remember: approved segments (translation memory), fixed terms
(glossary) and a translator's segments of a text not yet complete (drafts)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.translation import exactly_one_of, target_field
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


# What a draft belongs to: exactly one of these foreign keys is set (as for
# ``articles.Translation``, whose ``target_field`` names the one for an object).
DRAFT_OWNERS = {
    "article": "articles.Article",
    "person": "people.Person",
    "topic": "articles.Topic",
    "region": "articles.Region",
    "article_type": "articles.ArticleType",
}


def _owner(model: str, verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="segment_drafts",
        verbose_name=verbose_name,
    )


class SegmentDraftQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "SegmentDraftQuerySet":
        """The drafts of ``obj`` (an article, a person or a term)."""
        return self.filter(**owner_of(obj))


def owner_of(obj: models.Model) -> dict:
    """``{"person": obj}``: the foreign key of ``SegmentDraft`` that points at ``obj``."""
    return {target_field(obj): obj}


class SegmentDraft(models.Model):
    """A translator's text for one segment, kept until every segment of the field is done.

    It belongs to an article, a person or a term: exactly one of the owner keys is set."""

    class Origin(models.TextChoices):
        TRANSLATOR = "translator", _("translator")
        MEMORY = "memory", _("translation memory")
        MACHINE = "machine", _("machine translation")

    article = _owner(DRAFT_OWNERS["article"], _("article"))
    person = _owner(DRAFT_OWNERS["person"], _("person"))
    topic = _owner(DRAFT_OWNERS["topic"], _("topic"))
    region = _owner(DRAFT_OWNERS["region"], _("region"))
    article_type = _owner(DRAFT_OWNERS["article_type"], _("article type"))
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

    objects = SegmentDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("segment draft")
        verbose_name_plural = _("segment drafts")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(tuple(DRAFT_OWNERS)),
                name="segment_draft_exactly_one_owner",
            ),
            *(
                models.UniqueConstraint(
                    fields=[owner, "language", "unit", "segment"],
                    condition=models.Q(**{f"{owner}__isnull": False}),
                    name=f"segment_draft_{owner}_once",
                )
                for owner in DRAFT_OWNERS
            ),
        ]

    def __str__(self):
        owner = next(name for name in DRAFT_OWNERS if getattr(self, f"{name}_id"))
        return f"{owner}/{getattr(self, f'{owner}_id')}/{self.language}/{self.unit}/{self.segment}"
