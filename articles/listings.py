"""Keeping and reading the topics' and regions' listings (``articles.models.listing``).

``refresh(article_ids)`` rewrites the listing rows of those articles' live versions that have not
ended, and recounts the terms they were or are filed under; ``articles.editorial.publishing``
calls it wherever it makes, closes or drops versions (in the same transaction, as it refreshes
the search index), and a deleted version's terms are recounted (``articles.receivers``).
``rebuild()`` makes everything again (the migration that adds the tables, a restored backup).

Readers' pages read ``visible_rows`` (a term's versions in a language visible now, in list order)
and ``visible_counts`` (each term's number of them).
"""

from collections.abc import Iterable

from django.db import connections, models
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import LiveVersion, Region, Topic
from articles.models.listing import RegionCount, RegionListing, TopicCount, TopicListing

# term model → (its listing, its counts, the versions' link table, the link's term column)
KINDS = {
    Topic: (TopicListing, TopicCount, LiveVersion.topics.through, "topic_id"),
    Region: (RegionListing, RegionCount, LiveVersion.regions.through, "region_id"),
}


def refresh(article_ids: Iterable[int], using: str = "default") -> None:
    """List these articles' versions that have not ended again, and recount their terms."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    versions = {
        version.pk: version
        for version in LiveVersion.objects.using(using)
        .filter(article_id__in=ids)
        .not_ended()
        .only("language", "publish_at", "visible_from", "visible_until", "article_type_id")
    }
    for listing, _count, through, column in KINDS.values():
        rows = listing.objects.using(using).filter(version__article_id__in=ids)
        keys = set(rows.values_list("term_id", "language"))
        rows.delete()
        links = through.objects.using(using).filter(liveversion_id__in=list(versions))
        added = [
            listing(
                version_id=version_id,
                term_id=term_id,
                language=versions[version_id].language,
                publish_at=versions[version_id].publish_at,
                visible_from=versions[version_id].visible_from,
                visible_until=versions[version_id].visible_until,
                article_type_id=versions[version_id].article_type_id,
            )
            for version_id, term_id in links.values_list("liveversion_id", column)
        ]
        listing.objects.using(using).bulk_create(added)
        recount(listing, keys | {(row.term_id, row.language) for row in added}, using)


def recount(listing, keys: set[tuple[int, str]], using: str = "default") -> None:
    """Count again the open versions of these (term id, language) pairs of ``listing``."""
    if not keys:
        return
    count_model = next(count for model, count, *_rest in KINDS.values() if model is listing)
    found = dict.fromkeys(keys, 0)
    counted = (
        listing.objects.using(using)
        .filter(
            term_id__in={term for term, _lang in keys},
            language__in={lang for _term, lang in keys},
            visible_until__isnull=True,
        )
        .order_by()
        .values_list("term_id", "language")
        .annotate(open=models.Count("pk"))
    )
    for term_id, language, number in counted:
        if (term_id, language) in found:
            found[term_id, language] = number
    count_model.objects.using(using).bulk_create(
        [
            count_model(term_id=term_id, language=language, open=number)
            for (term_id, language), number in sorted(found.items())
        ],
        update_conflicts=True,
        unique_fields=["term", "language"],
        update_fields=["open"],
    )


def listed_under(version_id: int, using: str = "default") -> list:
    """Before a version is deleted: the (term, language) pairs to recount after (its listing
    rows go with it)."""
    found = []
    for listing, *_rest in KINDS.values():
        rows = listing.objects.using(using).filter(version_id=version_id)
        found.append((listing, set(rows.values_list("term_id", "language"))))
    return found


def recount_listed(found: list, using: str = "default") -> None:
    """After the deletion: recount what ``listed_under`` found."""
    for listing, keys in found:
        recount(listing, keys, using)


def rebuild(using: str = "default") -> None:
    """List every live version that has not ended and count every term again, in SQL."""
    connection = connections[using]
    quote = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    versions = quote(LiveVersion._meta.db_table)
    with connection.cursor() as cursor:
        for listing, count, through, column in KINDS.values():
            rows, counts = quote(listing._meta.db_table), quote(count._meta.db_table)
            cursor.execute(f"DELETE FROM {counts}")  # noqa: S608 - the models' own tables
            cursor.execute(f"DELETE FROM {rows}")  # noqa: S608
            cursor.execute(
                f"INSERT INTO {rows} (version_id, term_id, language, publish_at, visible_from,"  # noqa: S608
                f" visible_until, article_type_id)"
                f" SELECT v.id, x.{quote(column)}, v.language, v.publish_at, v.visible_from,"
                f" v.visible_until, v.article_type_id"
                f" FROM {versions} v JOIN {quote(through._meta.db_table)} x"
                f" ON x.liveversion_id = v.id"
                f" WHERE v.visible_until IS NULL OR v.visible_until > %s",
                [now],
            )
            cursor.execute(
                f"INSERT INTO {counts} (term_id, language, open)"  # noqa: S608
                f" SELECT term_id, language, COUNT(*) FROM {rows}"
                f" WHERE visible_until IS NULL GROUP BY term_id, language"
            )


def visible_rows(model, lang: str, term, *, at=None) -> models.QuerySet:
    """The listing rows of ``term`` (a term, or a one-row query of its id) visible in ``lang``
    at ``at`` (now), newest first: the order and visibility of ``LiveVersion.objects.visible``."""
    listing = KINDS[model][0]
    moment = at or timezone.now()
    return (
        listing.objects.filter(term=term, language=lang, visible_from__lte=moment)
        .filter(models.Q(visible_until__isnull=True) | models.Q(visible_until__gt=moment))
        .order_by("-publish_at", "-version_id")
    )


def visible_counts(terms: models.QuerySet, lang: str, *, at=None) -> models.QuerySet:
    """``terms`` annotated with ``count``: their versions visible in ``lang`` at ``at`` (now).

    The open versions counted when they changed, less those of them not yet visible, plus the
    closed ones still visible — the last two few (scheduled), each an index range."""
    listing, count_model, *_rest = KINDS[terms.model]
    moment = at or timezone.now()
    term = models.OuterRef("pk")
    rows = listing.objects.filter(term=term, language=lang)

    def number(found):
        counted = found.order_by().values("term").annotate(n=models.Count("pk")).values("n")
        return Coalesce(models.Subquery(counted), 0)

    stored = count_model.objects.filter(term=term, language=lang).values("open")
    return terms.annotate(
        count=Coalesce(models.Subquery(stored[:1]), 0)
        - number(rows.filter(visible_until__isnull=True, visible_from__gt=moment))
        + number(rows.filter(visible_from__lte=moment, visible_until__gt=moment))
    )
