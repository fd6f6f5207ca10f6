"""What readers see: the live version of an article in one language, and the corrections log.

An article's rows (``Article``, its authorships, highlights, citations) are the working version
that editors and translators edit. Publishing makes a ``LiveVersion`` per language — a copy of
everything a reader sees of the article in that language at that moment — and readers, feeds,
sitemaps, search and exports read only those. A change reaches readers only as a new version:
"Publish changes" (or the approval of a translation) closes the current version
(``visible_until``) and opens the next one, now or at a scheduled time.

``LiveVersion.objects.visible(lang)`` is the one definition of what is visible: a version whose
window (``visible_from`` … ``visible_until``) holds the moment of the request, so a scheduled
article or change appears at its time without a job to run.
"""

from datetime import UTC

from django.conf import settings
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from articles.models.article import Article, Authorship
from articles.models.taxonomy import ArticleType, Region, Topic
from people.models import Person

# How many of the newest versions "similar articles" chooses from.
SIMILAR_CANDIDATES = 1000


def _as_datetime(value):
    """A datetime read by raw SQL: SQLite gives text (UTC, as Django stores it)."""
    if isinstance(value, str):
        value = parse_datetime(value)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, UTC)
    return value


class LiveVersionQuerySet(models.QuerySet):
    def visible_now(self, *, at=None) -> "LiveVersionQuerySet":
        """The versions readers see at ``at`` (now), in any language: the one definition of
        visibility."""
        moment = at or timezone.now()
        return self.filter(
            Q(visible_until__isnull=True) | Q(visible_until__gt=moment), visible_from__lte=moment
        )

    def visible(self, lang: str, *, at=None) -> "LiveVersionQuerySet":
        """The versions readers see in ``lang`` at ``at`` (now)."""
        return self.visible_now(at=at).filter(language=lang)

    def not_ended(self) -> "LiveVersionQuerySet":
        """Versions visible now or later (the current one and a scheduled successor)."""
        return self.filter(Q(visible_until__isnull=True) | Q(visible_until__gt=timezone.now()))

    def for_listing(self) -> "LiveVersionQuerySet":
        """What list pages show for each version, fetched in a fixed number of queries."""
        return self.select_related("article_type", "article").prefetch_related(
            "article_type__translations",
            models.Prefetch(
                "authorships", queryset=LiveAuthorship.objects.select_related("person")
            ),
        )

    def next_change(self):
        """When what readers see next changes by itself: the earliest scheduled opening or
        closing of any version (None when nothing is scheduled). Cached pages last until then.

        Asked on every uncached public page, so it is one plain statement: each ``MIN`` reads one
        entry of its index (``liveversion_opening_idx``, ``liveversion_closing_idx``), where an
        aggregate with ``FILTER`` scanned every version (~300,000 at 100,000 articles), and no
        ORM query is compiled per request."""
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT MIN(visible_from) FROM {table} WHERE visible_from > %s),"  # noqa: S608
                f" (SELECT MIN(visible_until) FROM {table} WHERE visible_until > %s)",
                [now, now],
            )
            moments = [_as_datetime(moment) for moment in cursor.fetchone() if moment]
        return min(moments) if moments else None

    def for_cards(self) -> "LiveVersionQuerySet":
        """What lists of rendered cards need: the heavy parts of each version left behind."""
        return self.defer(
            "body",
            "rendered_head",
            "rendered_article",
            "highlights",
            "citations",
            "language_urls",
        )

    def _newest_first_ids(self):
        """Ids, newest first: sliced, a walk down the (language, publication time) index that
        stops there, on a large site far cheaper than scoring or numbering every version."""
        return (
            self.prefetch_related(None).order_by("-publish_at", "-pk").values_list("pk", flat=True)
        )

    def newest_ids(self, count: int) -> list[int]:
        """The ids of the ``count`` newest versions."""
        return list(self._newest_first_ids()[:count])

    def latest_of_each_type(self, count: int) -> list["LiveVersion"]:
        """The ``count`` newest versions of each type, in type order, newest first (a list).

        On PostgreSQL one query walks the index once per type and stops at ``count``, then the
        versions are fetched by id; numbering every version with a window function sorted all of
        them. SQLite, which allows no LIMIT inside a UNION, numbers them with the window.
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

    def similar_to(self, version: "LiveVersion", *, among: int = SIMILAR_CANDIDATES):
        """Versions sharing the most topics, regions and authors with ``version``, newest first.

        A shared author counts twice as much as a shared topic or region; among equals the most
        recent comes first. Without topics, regions or authors the type stands in. Only the
        ``among`` newest versions are scored (one query finds them): scoring every live article
        took ~1 s at 100,000 articles, and readers are offered recent work.
        """
        topic_ids = [topic.pk for topic in version.topic_list]
        region_ids = [region.pk for region in version.region_list]
        person_ids = [authorship.person_id for authorship in version.author_list]
        others = self.exclude(article_id=version.article_id)
        if not topic_ids and not region_ids and not person_ids:
            return others.filter(article_type_id=version.article_type_id)
        others = others.filter(pk__in=others.newest_ids(among))

        def shared(through, version_field, field, ids):
            rows = (
                through.objects.filter(
                    **{version_field: models.OuterRef("pk"), f"{field}__in": ids}
                )
                .order_by()
                .values(version_field)
                .annotate(count=models.Count("pk"))
                .values("count")
            )
            return Coalesce(models.Subquery(rows), 0)

        topics, regions = LiveVersion.topics.through, LiveVersion.regions.through
        return (
            others.annotate(
                shared=shared(topics, "liveversion_id", "topic_id", topic_ids)
                + shared(regions, "liveversion_id", "region_id", region_ids)
                + 2 * shared(LiveAuthorship, "version_id", "person_id", person_ids)
            )
            .filter(shared__gt=0)
            .order_by("-shared", "-publish_at", "-pk")
        )


class LiveVersion(models.Model):
    """An article in one language as readers see it from ``visible_from`` (until
    ``visible_until``). Made only by ``articles.editorial.publishing``, never changed after:
    a change is a new version (a window is closed when the next version opens)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="live_versions", verbose_name=_("article")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    visible_from = models.DateTimeField(_("visible from"))
    visible_until = models.DateTimeField(_("visible until"), null=True, blank=True)
    publish_at = models.DateTimeField(
        _("publication time"), help_text=_("The publication date readers see.")
    )
    modified_at = models.DateTimeField(
        _("updated"),
        null=True,
        blank=True,
        help_text=_("The last update or correction readers were told of."),
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    article_type = models.ForeignKey(
        ArticleType, on_delete=models.PROTECT, related_name="live_versions", verbose_name=_("type")
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    hero = models.ForeignKey(
        "library.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_versions",
        verbose_name=_("hero image"),
    )
    # [{"id": highlight id, "text": …}] and [{"number", "source", "accessed_on", "locator",
    # "note"}]: what readers see of them, in this language.
    highlights = models.JSONField(_("highlights"), default=list, blank=True)
    citations = models.JSONField(_("citations"), default=list, blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="live_versions", verbose_name=_("topics")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="live_versions", verbose_name=_("regions")
    )
    fingerprint = models.CharField(_("content fingerprint"), max_length=64, editable=False)
    # What readers get, rendered when the version is made and again when something it shows
    # changes (``articles.public.rendering``).
    rendered_head = models.TextField(blank=True, editable=False)
    rendered_article = models.TextField(blank=True, editable=False)
    rendered_card = models.TextField(blank=True, editable=False)
    language_urls = models.JSONField(default=dict, blank=True, editable=False)
    rendered_digest = models.CharField(max_length=64, blank=True, editable=False)
    changed_at = models.DateTimeField(
        _("last changed for readers"), null=True, blank=True, editable=False
    )
    # The articles offered as similar, best first (their cards are read with the page).
    similar_ids = models.JSONField(default=list, blank=True, editable=False)
    sources = models.ManyToManyField(
        "citations.Source",
        blank=True,
        related_name="live_versions",
        editable=False,
        verbose_name=_("sources"),
    )

    objects = LiveVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("live version")
        verbose_name_plural = _("live versions")
        indexes = [
            # Lists, newest first, and what they skip before a deep page: the visibility window
            # is in the index, so the versions before ``?page=2000`` are found from the index
            # alone (index-only scan), never read from the table (~330 → ~10 ms at 100,000).
            models.Index(
                fields=["language", "-publish_at", "-id", "visible_from", "visible_until"],
                name="liveversion_listing_idx",
            ),
            models.Index(fields=["language", "slug"], name="liveversion_slug_idx"),
            # Counting a language's visible versions (the lists' paginators) from the index alone,
            # where counting read every row: ~400 → ~70 ms at 100,000 articles on a busy machine.
            models.Index(
                fields=["language", "visible_from", "visible_until"],
                name="liveversion_visibility_idx",
            ),
            # The home page's newest few of each type (``latest_of_each_type``): one short walk
            # per type, where walking the language's index for a rare type read every version.
            models.Index(
                fields=[
                    "language",
                    "article_type",
                    "-publish_at",
                    "-id",
                    "visible_from",
                    "visible_until",
                ],
                name="liveversion_type_listing_idx",
            ),
            models.Index(
                fields=["language", "-publish_at"],
                condition=Q(is_featured=True),
                name="liveversion_featured_idx",
            ),
            # The next scheduled change (``next_change``) without reading every version.
            models.Index(fields=["visible_from"], name="liveversion_opening_idx"),
            models.Index(
                fields=["visible_until"],
                condition=Q(visible_until__isnull=False),
                name="liveversion_closing_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"],
                condition=Q(visible_until__isnull=True),
                name="liveversion_one_open_per_language",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def get_absolute_url(self):
        with override(self.language):
            return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def author_list(self) -> list["LiveAuthorship"]:
        """The credited people in order (prefetched, or attached to an unsaved preview)."""
        if self.pk is None:
            return getattr(self, "_author_list", [])
        return list(self.authorships.all())

    @property
    def topic_list(self) -> list[Topic]:
        if self.pk is None:
            return getattr(self, "_topic_list", [])
        return list(self.topics.all())

    @property
    def region_list(self) -> list[Region]:
        if self.pk is None:
            return getattr(self, "_region_list", [])
        return list(self.regions.all())


class LiveAuthorship(models.Model):
    """A person credited on a live version, with their position as it was when it was made:
    an article from 2024 keeps "Research Assistant" after its author's promotion."""

    version = models.ForeignKey(
        LiveVersion, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("version")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="live_authorships",
        verbose_name=_("person"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Authorship.Role.choices, default=Authorship.Role.AUTHOR
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("credited person")
        verbose_name_plural = _("credited people")
        indexes = [
            # A person's page and the author filter: their credits' versions from the index.
            models.Index(fields=["person", "version"], name="liveauthorship_person_idx"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class Correction(models.Model):
    """A public note on a change to a published article: an update or a correction, with its
    text in each language the article is live in (the corrections and updates log)."""

    class Kind(models.TextChoices):
        UPDATE = "update", _("Update")
        CORRECTION = "correction", _("Correction")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    visible_from = models.DateTimeField(_("published"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-visible_from", "-id"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        indexes = [models.Index(fields=["-visible_from"], name="correction_newest_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"


def people_with_articles(lang: str) -> models.QuerySet:
    """The people credited on a version visible in ``lang``: each person's credits are probed
    until one visible version is found (``EXISTS``), where joining every credit to the visible
    versions and de-duplicating the people took seconds at 100,000 articles (bench/README.md)."""
    credited = LiveAuthorship.objects.filter(
        person=models.OuterRef("pk"), version__in=LiveVersion.objects.visible(lang).values("pk")
    )
    return Person.objects.filter(models.Exists(credited))
