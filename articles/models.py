import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import connections, models
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from citations.footnotes import normalize_markers
from thinktank.images import validate_image_file
from thinktank.languages import (
    any_translation,
    language_codes,
    slugify_title,
    translated_value,
    unique_slug_per_language,
    validate_language_code,
)
from thinktank.richtext import RichTextField

WORDS_PER_MINUTE = 220
MAX_HIGHLIGHTS = 5


class TaxonomyTerm(models.Model):
    """A translated, slugged term: article types, topics and regions share this shape."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

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


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = unique_slug_per_language("topic")

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Region(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = unique_slug_per_language("region")

    def get_absolute_url(self):
        return reverse("articles:region", kwargs={"slug": self.slug})


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


class ArticleActivity(models.Model):
    """One line of the editorial audit trail: who did what to which article, when, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        PUBLISH = "publish", _("Published")
        SCHEDULE = "schedule", _("Scheduled")
        UNPUBLISH = "unpublish", _("Unpublished")
        RESTORE = "restore", _("Revision restored")
        DELETE = "delete", _("Deleted")
        ROLE_CHANGE = "role_change", _("Roles changed")
        TRANSLATION_REQUEST = "translation_request", _("Translation requested")
        TRANSLATION_READY = "translation_ready", _("Translation ready for review")
        TRANSLATION_APPROVE = "translation_approve", _("Translation approved")
        TRANSLATION_RETURN = "translation_return", _("Translation returned")
        TRANSLATION_STALE = "translation_stale", _("Translation needs update")
        TRANSLATION_WITHDRAW = "translation_withdraw", _("Translation withdrawn")

    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("article"),
    )
    subject = models.CharField(
        _("subject"),
        max_length=300,
        blank=True,
        help_text=_("The article's title or the user's name at the time, kept after deletion."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, blank=True, default=""
    )
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activity")

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"


# Translation workflow ---------------------------------------------------------------------------


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


def _exactly_one_target():
    import functools
    import operator

    return functools.reduce(
        operator.or_,
        [
            models.Q(
                **{f"{target}__isnull": False},
                **{f"{other}__isnull": True for other in TRANSLATION_TARGETS if other != target},
            )
            for target in TRANSLATION_TARGETS
        ],
    )


class TranslationQuerySet(models.QuerySet):
    def live(self):
        """Translations readers may see: approved once by an editor and not withdrawn since.

        A live translation stays live while it is updated ("needs update", "in progress",
        "ready for review" again): the text is edited in place, as the original's is.
        """
        return self.filter(approved_at__isnull=False)


class Translation(models.Model):
    """The state of one language of an article, a person or a taxonomy term.

    Changed only through ``articles.translation_workflow``. ``source_fingerprint`` holds a hash of
    each source field at approval; a source edit that changes one makes the language stale.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="translations"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="translations"
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="translations"
    )
    article_type = models.ForeignKey(
        ArticleType, on_delete=models.CASCADE, null=True, blank=True, related_name="translations"
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
                condition=_exactly_one_target(), name="translation_exactly_one_target"
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
        indexes = [models.Index(fields=["language", "status"], name="translation_status_idx")]
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


# Full-text search ------------------------------------------------------------------------------


class SearchEntry(models.Model):
    """One article in one language as full-text search finds it (PostgreSQL only).

    An index of ``Article.objects.live()``, kept by the database itself: migration 0007 makes the
    table (partitioned by language, one GIN index per partition) and triggers that rewrite an
    article's rows whenever the article, its translations' approval, its authors, highlights,
    topics or regions, or the names of those people and terms change, whatever wrote them. A row
    exists while the article is live in that language at some time (``visible_from``, its
    publication time, is compared with the clock when searching, as ``live()`` does); the search
    still fetches the articles it shows through ``live()``, and
    ``tests/test_search_index.py`` holds the two to the same answer in every state.

    ``ranking`` (title A; summary, highlights and author names B; topics and regions D) orders the
    results; ``document`` (``ranking`` plus the body, C) is what a query must match. Ranking by the
    small vector costs a fraction of ranking by the whole document, which for a word found in a
    third of 100,000 articles is the difference between ~15 and ~110 ms (``bench/README.md``).
    On SQLite the table exists but stays empty, and ``articles.search`` matches substrings.
    """

    pk = models.CompositePrimaryKey("article", "language")
    article = models.ForeignKey(
        Article,
        on_delete=models.DO_NOTHING,  # the database trigger deletes the rows with their article
        db_constraint=False,
        related_name="search_entries",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    visible_from = models.DateTimeField(_("visible from"))
    ranking = SearchVectorField()
    document = SearchVectorField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{self.article_id} ({self.language})"
