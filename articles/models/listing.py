"""The topics' and regions' listings: each term's live versions in a language, in list order,
and how many of them are open — kept by ``articles.listings`` whenever live versions change.

Readers' lists filtered by a term (a topic's page, ``?topic=`` of the article list) and the
topics and regions index pages read these instead of joining versions to their terms: at
100,000 articles a deep page by number (``?page=1000``) walked and probed ~20,000 versions, and
the index pages counted every term's versions (~320 ms). Both are derived from ``LiveVersion``
(left out of backups, rebuilt after a restore) and never decide visibility: a listing row
carries its version's window, compared with the clock when it is read, as
``LiveVersion.objects.visible`` does.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.live import LiveVersion
from articles.models.taxonomy import ArticleType, Region, Topic


class TermListing(models.Model):
    """A live version (not ended when it was listed) filed under a term, with what a list
    orders and filters it by."""

    version = models.ForeignKey(LiveVersion, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    publish_at = models.DateTimeField(_("publication time"))
    visible_from = models.DateTimeField(_("visible from"))
    visible_until = models.DateTimeField(_("visible until"), null=True)
    article_type = models.ForeignKey(
        ArticleType, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.term_id}: {self.version_id} ({self.language})"


class TermCount(models.Model):
    """How many of a term's listed versions in a language are open (``visible_until`` unset).

    What readers see is this minus those of them not yet visible (scheduled) plus the closed ones
    still visible (their successor is scheduled): both few, counted when read
    (``articles.listings.visible_counts``), so a scheduled article is counted from its time on
    with nothing to run."""

    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    open = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.term_id} ({self.language}): {self.open}"


def _listing_indexes(kind: str) -> list[models.Index]:
    return [
        # A term's page in one language, newest first: what a deep page skips is read from the
        # index alone (its window and type are in it).
        models.Index(
            fields=[
                "term",
                "language",
                "-publish_at",
                "-version",
                "visible_from",
                "visible_until",
                "article_type",
            ],
            name=f"{kind}listing_order_idx",
        ),
        # A term's few versions opening or closing later (scheduled): the counts' corrections,
        # each one short index range.
        models.Index(
            fields=["term", "language", "visible_from"], name=f"{kind}listing_opening_idx"
        ),
        models.Index(
            fields=["term", "language", "visible_until"], name=f"{kind}listing_closing_idx"
        ),
    ]


class TopicListing(TermListing):
    term = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta(TermListing.Meta):
        verbose_name = _("topic listing")
        verbose_name_plural = _("topic listings")
        indexes = _listing_indexes("topic")
        constraints = [
            models.UniqueConstraint(fields=["version", "term"], name="topiclisting_unique")
        ]


class RegionListing(TermListing):
    term = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta(TermListing.Meta):
        verbose_name = _("region listing")
        verbose_name_plural = _("region listings")
        indexes = _listing_indexes("region")
        constraints = [
            models.UniqueConstraint(fields=["version", "term"], name="regionlisting_unique")
        ]


class TopicCount(TermCount):
    term = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="counts")

    class Meta(TermCount.Meta):
        verbose_name = _("topic count")
        verbose_name_plural = _("topic counts")
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="topiccount_unique")
        ]


class RegionCount(TermCount):
    term = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="counts")

    class Meta(TermCount.Meta):
        verbose_name = _("region count")
        verbose_name_plural = _("region counts")
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="regioncount_unique")
        ]
