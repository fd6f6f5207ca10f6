"""What came from where: one row per imported thing, so that importing again updates it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """An article, person or term made from an outside item (a WordPress post, author or term;
    a Word file), keyed by where it came from and its key there."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        PERSON = "person", _("Person")
        TOPIC = "topic", _("Topic")
        REGION = "region", _("Region")
        ARTICLE_TYPE = "article_type", _("Article type")

    origin = models.CharField(
        _("origin"), max_length=300, help_text=_("The site or kind of file it came from.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=300, help_text=_("Its identifier there."))
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    topic = models.ForeignKey(
        "articles.Topic",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    region = models.ForeignKey(
        "articles.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    article_type = models.ForeignKey(
        "articles.ArticleType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article type"),
    )
    original_status = models.CharField(
        _("state there"), max_length=20, blank=True, help_text=_("Such as publish, draft, future.")
    )
    original_published_at = models.DateTimeField(_("published there"), null=True, blank=True)
    fingerprint = models.CharField(
        max_length=64, blank=True, editable=False, help_text="SHA-256 of what was imported."
    )
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "kind", "key"], name="import_record_once_per_key"
            ),
        ]

    def __str__(self):
        return f"{self.origin} {self.get_kind_display()} {self.key}"

    @property
    def target(self) -> models.Model | None:
        """The article, person or term this record stands for."""
        return getattr(self, self.kind)


class ImportedRedirect(models.Model):
    """An imported article's old address, answered with a permanent redirect to its page."""

    old_path = models.CharField(_("old path"), max_length=500, unique=True)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=8)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.old_path
