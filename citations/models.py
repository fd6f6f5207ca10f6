from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citations.identifiers import normalize_doi, normalize_url, validate_doi


class SourceKind(models.TextChoices):
    NEWS = "news", _("News article")
    WEB = "web", _("Web page")
    JOURNAL = "journal", _("Journal article")
    BOOK = "book", _("Book")
    REPORT = "report", _("Report")
    OFFICIAL = "official", _("Official document")


class SourceQuerySet(models.QuerySet):
    def matching(self, *, url="", doi=""):
        """Sources that are the same work as one with this URL or DOI (the deduplication rule)."""
        query = models.Q(pk__in=[])
        if normalize_doi(doi):
            query |= models.Q(doi=normalize_doi(doi))
        if normalize_url(url):
            query |= models.Q(normalized_url=normalize_url(url))
        return self.filter(query)

    def with_url(self):
        return self.exclude(url="")

    def broken(self):
        """Sources whose link answered with an error, or not at all, when last checked."""
        return self.filter(link_ok=False)


class Source(models.Model):
    """Something cited: one row per work, shared by every article that cites it."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=SourceKind.choices, default=SourceKind.NEWS
    )
    title = models.CharField(_("title"), max_length=500)
    authors = models.CharField(
        _("authors"),
        max_length=500,
        blank=True,
        help_text=_("Family name, given name; separate several authors with semicolons."),
    )
    outlet = models.CharField(
        _("outlet or publisher"),
        max_length=300,
        blank=True,
        help_text=_("Newspaper, website, journal, publisher or institution."),
    )
    place = models.CharField(_("place of publication"), max_length=120, blank=True)
    volume = models.CharField(_("volume"), max_length=20, blank=True)
    issue = models.CharField(_("issue"), max_length=20, blank=True)
    pages = models.CharField(_("pages"), max_length=40, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    normalized_url = models.CharField(max_length=1000, blank=True, editable=False, db_index=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, validators=[validate_doi])
    archived_url = models.URLField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Address of a snapshot known to exist, such as a Wayback Machine capture you have "
            "opened. Notes offer an archived copy only when this is filled in."
        ),
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("Language of the source itself, as an ISO 639-1 code such as en, tr, ru, fr."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    # Written by ``manage.py check_links`` only.
    link_ok = models.BooleanField(
        _("link works"), null=True, editable=False, help_text=_("Empty until the link is checked.")
    )
    link_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, editable=False)
    link_final_url = models.URLField(
        _("address after redirects"), max_length=1000, blank=True, editable=False
    )
    link_error = models.CharField(_("link problem"), max_length=200, blank=True, editable=False)
    link_checked_at = models.DateTimeField(_("link checked"), null=True, editable=False)
    # Kept by the database in the same statement as every write of a citation
    # (``citations.counts``); never written by ``save``, left out of backups.
    citation_count = models.PositiveIntegerField(
        _("cited"),
        default=0,
        db_default=0,
        editable=False,
        serialize=False,
        help_text=_("How many citations of all articles cite this source."),
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        # "Most cited first" (the list's "cited" column), read from the index.
        indexes = [
            models.Index(fields=["-citation_count", "-id"], name="source_most_cited_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_url"],
                condition=~models.Q(normalized_url=""),
                name="source_unique_url",
                violation_error_code="unique",
                violation_error_message=_("A source with this address already exists."),
            ),
            models.UniqueConstraint(
                fields=["doi"],
                condition=~models.Q(doi=""),
                name="source_unique_doi",
                violation_error_code="unique",
                violation_error_message=_("A source with this DOI already exists."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.outlet})" if self.outlet else self.title

    def save(self, *args, **kwargs):
        self.doi = normalize_doi(self.doi)
        self.normalized_url = normalize_url(self.url)
        if (
            not self._state.adding
            and not args
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            # The count this instance read may be old by now: the database keeps it.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "citation_count"
            ]
        super().save(*args, **kwargs)

    def clean(self):
        self.doi = normalize_doi(self.doi)
        self.normalized_url = normalize_url(self.url)
        self.language = self.language.strip().lower()
        if self.language and not (self.language.isalpha() and len(self.language) in (2, 3)):
            raise ValidationError(
                {"language": _("Use a two- or three-letter language code such as en, tr or ru.")}
            )
        duplicate = Source.objects.matching(url=self.url, doi=self.doi).exclude(pk=self.pk).first()
        if duplicate:
            raise ValidationError(
                _("This source is already recorded as “%(title)s”; cite that one instead.")
                % {"title": duplicate.title},
                code="duplicate_source",
            )


def validate_not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(
            _("The access date cannot be in the future."), code="future_access_date"
        )


class Citation(models.Model):
    """One numbered footnote of an article: which source, when it was accessed, where in it."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("article"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    accessed_on = models.DateField(
        _("date of access"), null=True, blank=True, validators=[validate_not_future]
    )
    locator = models.CharField(
        _("locator"),
        max_length=100,
        blank=True,
        help_text=_("Where in the source, such as “p. 12” or “§ 4”."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Optional comment shown after the reference.")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        # A source's first citations, in article order, read from the index (the source list).
        indexes = [
            models.Index(fields=["source", "article", "number"], name="citation_source_order_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"],
                name="citation_number_once_per_article",
                violation_error_message=_(
                    "Each footnote number can be used only once in an article."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="citation_number_positive"
            ),
        ]

    def __str__(self):
        return f"[{self.number}] {self.source}"

    def clean(self):
        unreadable = getattr(self, "access_date_unreadable", False)  # set by the admin's form
        if self.accessed_on is None and not unreadable and self.source_id and self.source.url:
            raise ValidationError(
                {"accessed_on": _("Give the date you accessed this online source.")}
            )
