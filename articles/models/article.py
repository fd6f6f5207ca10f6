"""Articles: the article itself, its authorships and highlights, and visibility (``live()``)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import connections, models
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from articles.models.taxonomy import ArticleType, Region, Topic, fill_slugs_from
from articles.models.translation import Translation, TranslationStatus
from audit.models import LogEntry
from citations.footnotes import normalize_markers
from thinktank.images import validate_image_file
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


class HasText(models.Func):
    """``octet_length(field) > 0``: the field holds text (neither NULL nor '').

    Unlike ``field > ''``, PostgreSQL answers it from the value's header, without fetching and
    decompressing a long (TOASTed) body. SQLite has no ``octet_length``; ``length()`` serves.
    """

    function = "octet_length"
    template = "%(function)s(%(expressions)s) > 0"
    output_field = models.BooleanField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="length", **extra_context)


# How many of the newest articles "similar articles" chooses from.
SIMILAR_CANDIDATES = 1000


class ArticleQuerySet(models.QuerySet):
    def live(self, lang, *, at=None):
        """Articles a reader may see in ``lang`` now: published, due, and written in that language,
        which is either the original language or a translation an editor has approved.

        The one definition of visibility; pages, lists, feeds, sitemaps and search start here.
        It is evaluated per request, so a scheduled article appears at its time without a cron job.
        """
        validate_language_code(lang)
        moment = at or timezone.now()
        approved = Translation.objects.live().filter(article=models.OuterRef("pk"), language=lang)
        return self.filter(
            models.Q(original_language=lang) | models.Exists(approved),
            HasText(f"body_{lang}"),
            status=Status.PUBLISHED,
            publish_at__lte=moment,
            **{f"title_{lang}__gt": "", f"slug_{lang}__gt": ""},
        )

    def for_listing(self):
        """What list pages show for each article, fetched in a fixed number of queries."""
        return self.select_related("article_type").prefetch_related(
            models.Prefetch("authorships", queryset=Authorship.objects.select_related("person"))
        )

    def with_live_languages(self):
        """Annotate ``live_in_<code>`` for every language: is the article live there as well?

        Answers the language switcher and "Also available in" inside the query that fetches
        the article, with ``live()`` still the only definition of visibility. Also annotates
        ``source_changed_<code>``: when the original changed under a stale translation.
        """
        stale = Translation.objects.filter(
            article=models.OuterRef("pk"), status=TranslationStatus.NEEDS_UPDATE
        )
        return self.annotate(
            **{
                f"live_in_{code}": models.Exists(
                    self.model._default_manager.live(code).filter(pk=models.OuterRef("pk"))
                )
                for code in language_codes()
            },
            # When the original changed under an approved translation ("needs update").
            **{
                f"source_changed_{code}": models.Subquery(
                    stale.filter(language=code).values("source_changed_at")[:1]
                )
                for code in language_codes()
            },
        )

    def _newest_first_ids(self):
        """Ids, newest first: sliced, a walk down the (status, publication time) index that
        stops there, on a large site far cheaper than scoring or numbering every live article."""
        return (
            self.prefetch_related(None).order_by("-publish_at", "-pk").values_list("pk", flat=True)
        )

    def newest_ids(self, count):
        """The ids of the ``count`` newest articles."""
        return list(self._newest_first_ids()[:count])

    def latest_of_each_type(self, count):
        """The ``count`` newest articles of each type, in type order, newest first (a list).

        On PostgreSQL one query walks the (status, publication time) index once per type and
        stops at ``count``, then the articles are fetched by id; numbering every live article
        with a window function sorted all of them (~0.8 s at 100,000 articles). SQLite, which
        allows no LIMIT inside a UNION, numbers them with the window.
        """
        order = ("article_type__sort_order", "article_type_id", "-publish_at", "-pk")
        if connections[self.db].vendor != "postgresql":
            numbered = self.annotate(
                rank=models.Window(
                    RowNumber(),
                    partition_by=[models.F("article_type_id")],
                    order_by=[models.F("publish_at").desc(), models.F("pk").desc()],
                )
            )
            return list(numbered.filter(rank__lte=count).order_by(*order))
        type_ids = ArticleType.objects.using(self.db).values_list("pk", flat=True)
        newest = [
            self.filter(article_type_id=type_id)._newest_first_ids()[:count] for type_id in type_ids
        ]
        if not newest:
            return []
        ids = list(newest[0].union(*newest[1:], all=True))
        return list(self.filter(pk__in=ids).order_by(*order))

    def similar_to(self, article, *, among=SIMILAR_CANDIDATES):
        """Articles sharing the most topics, regions and authors with ``article``, newest first.

        A shared author counts twice as much as a shared topic or region; among equals the most
        recent comes first. Without topics, regions or authors the article's type stands in.
        Only the ``among`` newest articles are scored (one query finds them): scoring every live
        article took ~1 s at 100,000 articles, and readers are offered recent work.
        """
        topic_ids = [topic.pk for topic in article.topics.all()]
        region_ids = [region.pk for region in article.regions.all()]
        person_ids = [authorship.person_id for authorship in article.authorships.all()]
        others = self.exclude(pk=article.pk)
        if not topic_ids and not region_ids and not person_ids:
            return others.filter(article_type_id=article.article_type_id)
        others = others.filter(pk__in=others.newest_ids(among))

        def shared(through, field, ids):
            rows = (
                through.objects.filter(article_id=models.OuterRef("pk"), **{f"{field}__in": ids})
                .order_by()
                .values("article_id")
                .annotate(count=models.Count("pk"))
                .values("count")
            )
            return Coalesce(models.Subquery(rows), 0)

        return (
            others.annotate(
                shared=shared(Article.topics.through, "topic_id", topic_ids)
                + shared(Article.regions.through, "region_id", region_ids)
                + 2 * shared(Authorship, "person_id", person_ids)
            )
            .filter(shared__gt=0)
            .order_by("-shared", "-publish_at", "-pk")
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
    image = models.ImageField(
        _("image"),
        upload_to="articles/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"]), validate_image_file],
    )
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        help_text=_("Alternative text for readers who cannot see the image."),
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
