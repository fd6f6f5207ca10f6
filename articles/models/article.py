"""Articles: the article itself, its authorships and highlights, and visibility (``live()``)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from articles.models.taxonomy import ArticleType, Region, Topic, fill_slugs_from
from audit.models import LogEntry
from citations.footnotes import normalize_markers
from thinktank.languages import (
    any_translation,
    language_codes,
    translated_value,
    unique_slug_per_language,
    validate_language_code,
)
from thinktank.richtext import RichTextField

WORDS_PER_MINUTE = 220
MAX_HIGHLIGHTS = 5


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class ArticleQuerySet(models.QuerySet):
    def live(self, lang, *, at=None):
        """Articles with a version readers see in ``lang`` at ``at`` (now).

        Derived from ``LiveVersion.objects.visible`` — the one definition of visibility — for the
        questions asked of articles ("is it live in Turkish?"); the reading site reads the
        versions themselves.
        """
        validate_language_code(lang)
        versions = self.model.live_versions.field.model.objects  # LiveVersion, defined later
        visible = versions.visible(lang, at=at).filter(article=models.OuterRef("pk"))
        return self.filter(models.Exists(visible))

    def with_live_languages(self):
        """Annotate ``live_in_<code>`` for every language: is the article live there now?"""
        return self.annotate(
            **{
                f"live_in_{code}": models.Exists(
                    self.model._default_manager.live(code).filter(pk=models.OuterRef("pk"))
                )
                for code in language_codes()
            }
        )

    def with_live_state(self):
        """Annotate ``live_now`` (a version is visible) and ``coming`` (one is scheduled): what
        the workflow's state needs, in the query that lists the articles."""
        versions = self.model.live_versions.field.model.objects  # LiveVersion, defined later
        now = timezone.now()
        return self.annotate(
            live_now=models.Exists(
                versions.visible_now(at=now).filter(article=models.OuterRef("pk"))
            ),
            coming=models.Exists(
                versions.filter(article=models.OuterRef("pk"), visible_from__gt=now)
            ),
        )

    def for_listing(self):
        """What list pages show for each article, fetched in a fixed number of queries."""
        return self.select_related("article_type").prefetch_related(
            models.Prefetch("authorships", queryset=Authorship.objects.select_related("person"))
        )


class Article(models.Model):
    article_type = models.ForeignKey(
        ArticleType, on_delete=models.PROTECT, related_name="articles", verbose_name=_("type")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        blank=True,
        help_text=_(
            "The address of the article in this language; made from the title when left empty."
        ),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for lists, search results and social cards."),
    )
    body = RichTextField(_("body"), blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        validators=[validate_language_code],
        help_text=_("The language the article was written in; the others are translations of it."),
    )
    hero = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hero_of",
        verbose_name=_("hero image"),
        help_text=_(
            "From the image library: shown at the top of the article and on its card, with the "
            "image's alternative text in each language."
        ),
    )
    authors = models.ManyToManyField(
        "people.Person", through="Authorship", related_name="articles", verbose_name=_("authors")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="articles", verbose_name=_("topics")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="articles", verbose_name=_("regions")
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )
    has_unpublished_changes = models.BooleanField(
        _("changes not yet published"),
        default=False,
        editable=False,
        help_text=_("The working version differs from what readers see."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the article; it goes live at that time."),
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = unique_slug_per_language("article")
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_visibility_idx"),
            # The home page's featured articles, newest first, without reading the others.
            models.Index(
                fields=["-publish_at"],
                condition=models.Q(is_featured=True),
                name="article_featured_idx",
            ),
            # The admin's list, newest first, read a page at a time (``Meta.ordering``).
            models.Index(fields=["-publish_at", "-id"], name="article_admin_order_idx"),
            # The translation dashboard: the articles changed last.
            models.Index(fields=["-updated_at"], name="article_updated_idx"),
        ]
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("submit_article", _("Can submit articles for review")),
            ("review_article", _("Can review articles and request changes")),
            ("edit_any_article", _("Can edit articles written by others, in any state")),
            ("translate_article", _("Can edit the translations of any article")),
            ("preview_article", _("Can preview unpublished articles and share preview links")),
        ]

    def __str__(self):
        return (
            translated_value(self, "title", self.original_language)
            or any_translation(self, "title")
            or _("(untitled article)")
        )

    def clean(self):
        errors = {}
        lang = self.original_language
        if lang in language_codes() and not translated_value(self, "title", lang):
            errors[f"title_{lang}"] = _("The title in the original language is required.")
        try:
            fill_slugs_from(self, "title")
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Footnote markers typed as ``[3]`` are stored in their one sanitized form."""
        for code in language_codes():
            field = f"body_{code}"
            setattr(self, field, normalize_markers(getattr(self, field)))
        super().save(*args, **kwargs)

    def get_absolute_url(self, lang=None):
        lang = lang or self.original_language
        with override(lang):
            return reverse("articles:detail", kwargs={"slug": translated_value(self, "slug", lang)})

    @property
    def activities(self):
        """The audit log's lines about this article, newest first."""
        return LogEntry.objects.for_object(self)

    @property
    def is_scheduled(self):
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def reading_minutes(self, lang):
        words = len(re.findall(r"\w+", strip_tags(translated_value(self, "body", lang))))
        return max(1, round(words / WORDS_PER_MINUTE))


class Authorship(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        EDITOR = "editor", _("Editor")
        INTERVIEWER = "interviewer", _("Interviewer")
        INTERVIEWEE = "interviewee", _("Interviewee")
        TRANSLATOR = "translator", _("Translator")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("article")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="authorships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AUTHOR)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("authorship")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person"],
                name="authorship_once_per_article",
                violation_error_message=_("This person is already listed on the article."),
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class Highlight(models.Model):
    """One of up to five key sentences shown above the article, as in the reference article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="highlights", verbose_name=_("article")
    )
    text = models.CharField(_("text"), max_length=400, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")

    def __str__(self):
        return self.text or any_translation(self, "text")
