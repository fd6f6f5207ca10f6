"""The full-text search index: one row per live version (PostgreSQL)."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One live version of an article as full-text search finds it (PostgreSQL only).

    An index of ``LiveVersion``, kept by the database itself: ``articles.search.schema`` makes the
    table's partitions (one per site language, each with a GIN index) and triggers that rewrite an
    article's rows whenever its live versions, their credited people, topics or regions, or the
    names of those people and terms change. Each row carries its version's window
    (``visible_from`` … ``visible_until``), compared with the clock when searching as
    ``LiveVersion.objects.visible()`` does; the search fetches the versions it shows through
    that, and ``tests/test_search_index.py`` holds the two to the same answer in every state.

    ``ranking`` (title A; summary, highlights and author names B) orders the results; ``filed``
    (the names of its topics and regions, D) puts the articles filed under a term the query
    names next; ``document`` (both plus the body, C) is what a query must match. Ranking by the
    small vector costs a fraction of ranking by the whole document, which for a word found in a
    third of 100,000 articles is the difference between ~15 and ~110 ms (``bench/README.md``).
    On SQLite the table exists but stays empty, and ``articles.search.query`` matches substrings.
    """

    pk = models.CompositePrimaryKey("version", "language")
    version = models.ForeignKey(
        "articles.LiveVersion",
        on_delete=models.DO_NOTHING,  # the database trigger deletes the rows with their version
        db_constraint=False,
        related_name="search_entries",
        verbose_name=_("live version"),
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_entries",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    visible_from = models.DateTimeField(_("visible from"))
    visible_until = models.DateTimeField(_("visible until"), null=True)
    ranking = SearchVectorField()
    filed = SearchVectorField()
    document = SearchVectorField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{self.version_id} ({self.language})"
