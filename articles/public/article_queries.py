"""The queries of an uncached article page, compiled once (``thinktank.compiled``): the
version's row and the cards of its similar articles. Both are built from
``LiveVersion.objects.visible()``, the one definition of what readers see; compiling them once
per process leaves the database's answer as most of their cost (``bench/README.md``).
"""

import datetime

from django.db import router
from django.utils import timezone

from articles.models import LiveVersion
from thinktank.compiled import CompiledQuery

# What the article page reads of its version: the rendered parts, not the text.
PAGE_FIELDS = (
    "pk",
    "article_id",
    "language",
    "slug",
    "title",
    "visible_from",
    "changed_at",
    "rendered_head",
    "rendered_article",
    "similar_ids",
    "rendered_digest",
    "language_urls",
)
# The same, as the model's columns in its order (what ``Model.from_db`` takes).
_COLUMNS = [
    field.attname
    for field in LiveVersion._meta.concrete_fields
    if field.attname in PAGE_FIELDS or field.name in PAGE_FIELDS or field.primary_key
]

_version = CompiledQuery(
    lambda lang, slug, moment: (
        LiveVersion.objects.visible(lang, at=moment).filter(slug=slug).values_list(*_COLUMNS)[:1]
    ),
    lang=str,
    slug=str,
    moment=datetime.datetime,
)
_cards = CompiledQuery(
    lambda lang, ids, moment: (
        LiveVersion.objects.visible(lang, at=moment)
        .filter(article_id__in=ids)
        .values_list("article_id", "rendered_card")
    ),
    lang=str,
    ids=(int, 0),
    moment=datetime.datetime,
)


def visible_version(lang: str, slug: str) -> LiveVersion | None:
    """The version readers see now at ``slug`` in ``lang`` (its ``PAGE_FIELDS`` only), as
    ``visible(lang).filter(slug=slug).only(*PAGE_FIELDS).first()`` gives it."""
    using = router.db_for_read(LiveVersion)
    rows = _version.rows(using, lang=lang, slug=slug, moment=timezone.now())
    return LiveVersion.from_db(using, _COLUMNS, rows[0]) if rows else None


def visible_cards(lang: str, article_ids: list[int]) -> dict[int, str]:
    """``{article id: rendered card}`` of the articles among ``article_ids`` visible now in
    ``lang``."""
    if not article_ids:
        return {}
    using = router.db_for_read(LiveVersion)
    return dict(_cards.rows(using, lang=lang, ids=list(article_ids), moment=timezone.now()))
