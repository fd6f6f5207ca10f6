"""Writes that touch several rows: merging duplicate sources, recording a link check."""

from django.db import transaction
from django.utils import timezone

from citations.models import Citation, Source

# Fields the kept source takes from a duplicate when its own is empty.
FILLABLE_FIELDS = [
    "authors",
    "outlet",
    "place",
    "volume",
    "issue",
    "pages",
    "url",
    "doi",
    "published_on",
    "language",
]


def merge_sources(keep, duplicates):
    """Repoint every citation of ``duplicates`` to ``keep`` and delete the duplicates.

    All or nothing, in one transaction. Empty fields of ``keep`` (DOI, URL, publication date …)
    are filled from the duplicates, first one first, after they are gone (so the unique URL and
    DOI constraints never see two rows). Returns the number of citations moved.
    """
    duplicates = [source for source in duplicates if source.pk != keep.pk]
    if not duplicates:
        return 0
    with transaction.atomic():
        keep = Source.objects.select_for_update().get(pk=keep.pk)
        ids = [source.pk for source in duplicates]
        rows = list(Source.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        moved = Citation.objects.filter(source_id__in=ids).update(source=keep)
        filled = {}
        for field in FILLABLE_FIELDS:
            if not getattr(keep, field):
                value = next((getattr(row, field) for row in rows if getattr(row, field)), None)
                if value:
                    filled[field] = value
        Source.objects.filter(pk__in=ids).delete()
        if filled:
            for field, value in filled.items():
                setattr(keep, field, value)
            keep.save()
    return moved


def record_link_check(source, result, *, at=None):
    """Store the outcome of checking ``source.url`` (a ``linkcheck.LinkResult``)."""
    values = {
        "link_ok": result.ok,
        "link_status": result.status,
        "link_final_url": result.final_url[:1000],
        "link_error": result.error[:200],
        "link_checked_at": at or timezone.now(),
    }
    Source.objects.filter(pk=source.pk).update(**values)
    for field, value in values.items():
        setattr(source, field, value)
