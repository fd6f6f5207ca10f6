"""Taxonomy: article types, topics and regions, translated and slugged per language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models.translation import Translation, public_value, target_field
from thinktank.languages import (
    any_translation,
    language_codes,
    slugify_title,
    translated_value,
    unique_slug_per_language,
)


class TaxonomyQuerySet(models.QuerySet):
    def named_in(self, lang):
        """Terms readers may see in ``lang``: named there in the source language, or with an
        approved translation that has a name and a slug (never a translator's unapproved one).
        The public names come from ``public_value`` (``translations`` are prefetched)."""
        terms = self.prefetch_related("translations")
        if lang == settings.LANGUAGE_CODE:
            return terms.filter(**{f"name_{lang}__gt": "", f"slug_{lang}__gt": ""})
        named = (
            Translation.objects.live()
            .filter(**{target_field(self.model): models.OuterRef("pk")}, language=lang)
            .filter(live_values__has_key=f"name_{lang}")
            .filter(live_values__has_key=f"slug_{lang}")
            .exclude(**{f"live_values__name_{lang}": ""})
            .exclude(**{f"live_values__slug_{lang}": ""})
        )
        return terms.filter(models.Exists(named))

    def with_public_slug(self, lang, slug):
        """The terms whose public slug in ``lang`` is ``slug``."""
        if lang == settings.LANGUAGE_CODE:
            return self.named_in(lang).filter(**{f"slug_{lang}": slug})
        return self.named_in(lang).filter(
            translations__language=lang,
            translations__approved_at__isnull=False,
            **{f"translations__live_values__slug_{lang}": slug},
        )


class TaxonomyTerm(models.Model):
    """A translated, slugged term: article types, topics and regions share this shape."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name or any_translation(self, "name")

    def clean(self):
        fill_slugs_from(self, "name")


class ArticleType(TaxonomyTerm):
    class SchemaType(models.TextChoices):
        ANALYSIS = "ScholarlyArticle", _("Scholarly article")
        NEWS = "NewsArticle", _("News or commentary")
        REPORT = "Report", _("Report")

    schema_type = models.CharField(
        _("kind of publication"),
        max_length=20,
        choices=SchemaType.choices,
        default=SchemaType.ANALYSIS,
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("article type")
        verbose_name_plural = _("article types")
        constraints = unique_slug_per_language("articletype")

    @property
    def is_report(self):
        """Reports are cited as technical reports of the institute, not as web articles."""
        return self.schema_type == self.SchemaType.REPORT


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = unique_slug_per_language("topic")

    def get_absolute_url(self):
        """The topic's page under its public slug in the active language."""
        return reverse(
            "articles:topic", kwargs={"slug": public_value(self, "slug", get_language())}
        )


class Region(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = unique_slug_per_language("region")

    def get_absolute_url(self):
        """The region's page under its public slug in the active language."""
        return reverse(
            "articles:region", kwargs={"slug": public_value(self, "slug", get_language())}
        )


def fill_slugs_from(instance, source_field):
    """Give every language that has a ``source_field`` text but no slug a slug made from it."""
    errors = {}
    for code in language_codes():
        text = translated_value(instance, source_field, code)
        slug = translated_value(instance, "slug", code)
        if text and not slug:
            setattr(instance, f"slug_{code}", slugify_title(text))
        elif slug and not text:
            errors[f"{source_field}_{code}"] = _(
                "Give a %(field)s for this language or clear its slug."
            ) % {"field": instance._meta.get_field(source_field).verbose_name}
    if errors:
        raise ValidationError(errors)
