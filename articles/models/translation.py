"""Translation state: which languages translators work in, and the status of each language of an
article, a person or a taxonomy term (changed only through ``articles.translations.status``)."""

import functools
import operator

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from thinktank.languages import language_codes, validate_language_code

# Fields derived from others (not translated text): never fingerprinted nor exported.
DERIVED_FIELDS = {"slug"}


def translatable_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The translated fields of ``model`` (base names: ``title``, ``body`` ...), in the order
    the model declares them."""
    names = translator.get_options_for_model(model).fields
    return tuple(f.name for f in model._meta.fields if f.name in names)


def text_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The translated fields that hold text to translate (slugs are derived from titles)."""
    return tuple(name for name in translatable_fields(model) if name not in DERIVED_FIELDS)


def language_fields(model: type[models.Model], lang: str) -> list[str]:
    """``["title_tr", "slug_tr", ...]``: the fields a translator of ``lang`` may change."""
    return [f"{name}_{lang}" for name in translatable_fields(model)]


def field_label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def source_language(obj: models.Model) -> str:
    """The language the others are translated from: an article's original, else the default."""
    return getattr(obj, "original_language", None) or settings.LANGUAGE_CODE


def target_languages(obj: models.Model) -> list[str]:
    """The languages ``obj`` is translated into."""
    return [code for code in language_codes() if code != source_language(obj)]


class TranslatorLanguage(models.Model):
    """A language a translator works in: they may change only the fields of these languages."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translator_languages",
        verbose_name=_("translator"),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        validators=[validate_language_code],
    )

    class Meta:
        ordering = ["user__username", "language"]
        verbose_name = _("translator's language")
        verbose_name_plural = _("translators' languages")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "language"],
                name="translator_language_once",
                violation_error_message=_("This translator already has this language."),
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.get_language_display()}"


class TranslationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    READY = "ready", _("Ready for review")
    APPROVED = "approved", _("Approved")
    NEEDS_UPDATE = "needs_update", _("Needs update")


# What a translation row belongs to: exactly one of these foreign keys is set.
TRANSLATION_TARGETS = ("article", "person", "topic", "region", "article_type")
# The foreign key that points at each kind of translatable object.
TARGET_FIELDS = {
    "articles.article": "article",
    "people.person": "person",
    "articles.topic": "topic",
    "articles.region": "region",
    "articles.articletype": "article_type",
}


def target_field(obj: models.Model) -> str:
    """The foreign key of ``Translation`` that points at objects like ``obj``."""
    return TARGET_FIELDS[obj._meta.label_lower]


def exactly_one_of(names) -> models.Q:
    """The condition that exactly one of the foreign keys ``names`` is set (a row that belongs
    to an article, a person or a term)."""
    return functools.reduce(
        operator.or_,
        [
            models.Q(
                **{f"{name}__isnull": False},
                **{f"{other}__isnull": True for other in names if other != name},
            )
            for name in names
        ],
    )


class TranslationQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "TranslationQuerySet":
        """The languages' states of ``obj`` (an article, a person or a term)."""
        return self.filter(**{target_field(obj): obj})

    def live(self):
        """Translations readers see: approved once by an editor and not withdrawn since.

        A live translation stays live while it is updated ("needs update", "in progress",
        "ready for review" again): readers keep the approved text (an article's live version, a
        person's or term's ``live_values``) until an editor approves the new one.
        """
        return self.filter(approved_at__isnull=False)


class Translation(models.Model):
    """The state of one language of an article, a person or a taxonomy term.

    Changed only through ``articles.translations.status``. ``source_fingerprint`` holds a hash of
    each source field at approval; a source edit that changes one makes the language stale.
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    topic = models.ForeignKey(
        "articles.Topic",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    region = models.ForeignKey(
        "articles.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    article_type = models.ForeignKey(
        "articles.ArticleType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, validators=[validate_language_code]
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TranslationStatus.choices,
        default=TranslationStatus.NOT_STARTED,
        editable=False,
    )
    live_values = models.JSONField(
        _("approved text"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("What readers see of a person or a term in this language, as approved."),
    )
    source_fingerprint = models.JSONField(
        _("source fingerprint"), default=dict, blank=True, editable=False
    )
    stale_fields = models.JSONField(
        _("changed source fields"), default=list, blank=True, editable=False
    )
    source_changed_at = models.DateTimeField(_("source changed"), null=True, editable=False)
    requested_at = models.DateTimeField(_("requested"), null=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TranslationQuerySet.as_manager()

    class Meta:
        ordering = ["language", "id"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(TRANSLATION_TARGETS), name="translation_exactly_one_target"
            ),
            *(
                models.UniqueConstraint(
                    fields=[target, "language"],
                    condition=models.Q(**{f"{target}__isnull": False}),
                    name=f"translation_{target}_language_once",
                )
                for target in TRANSLATION_TARGETS
            ),
        ]
        indexes = [
            models.Index(fields=["language", "status"], name="translation_status_idx"),
            # "Waiting for review" on the dashboard: the oldest ready ones, read from the index.
            models.Index(fields=["status", "updated_at"], name="translation_review_queue_idx"),
        ]
        permissions = [
            ("approve_translation", _("Can request, approve and return translations")),
        ]

    def __str__(self):
        return f"{self.target} ({self.get_language_display()}): {self.get_status_display()}"

    @property
    def target(self):
        for name in TRANSLATION_TARGETS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def is_live(self):
        return self.approved_at is not None


def public_value(obj: models.Model, field: str, lang: str) -> str:
    """What readers see of ``field`` of a person or a term in ``lang``.

    In the source language, the field itself (editors change it); in another language, the text
    an editor approved (``Translation.live_values``), never a translator's unapproved edit. Uses
    ``obj.translations`` (prefetch it for lists).
    """
    if lang == source_language(obj):
        return getattr(obj, f"{field}_{lang}", None) or ""
    for translation in obj.translations.all():
        if translation.language == lang and translation.approved_at is not None:
            return translation.live_values.get(f"{field}_{lang}") or ""
    return ""
