"""Pages of long public lists without counting them, and "Older"/"Newer" links that seek.

The article list, topic and region pages and a person's page are numbered pages of live versions,
newest first (``?page=N``, the URL contract). At 100,000 articles counting a filtered list —
only to print "Page 1 of 1,713" — cost more than the rest of the page, and a deep page
(``?page=2000``) made the database walk every version before it. ``UncountedPaginator`` keeps the
page numbers but never counts:

- a page reads ``per_page + 1`` versions, the extra one only to know whether an older page exists;
- ``?page=N`` alone skips the versions before the page as ids only (``pk IN (… OFFSET … LIMIT
  …)``), which PostgreSQL reads from the listing index without touching the skipped rows; the
  page's own rows are then fetched by id. A list of one topic or region skips its term's
  listing rows instead (``listing``, ``articles.listings.visible_rows``): one index range,
  where walking all versions and probing each one's terms cost ~100 ms at page 1,000;
- the "Older" and "Newer" links also carry where the page ends or starts (``before=`` /
  ``after=``, the publication time and id of the last or first card): that page is then the
  versions just past that point in the listing order ("seek" or keyset pagination), however
  deep, with no skipping at all. A position that cannot be read is ignored (the page number
  decides); the page number is what the page says and what the next links count from;
- page 1 of an empty list is a page (saying so); any later page without versions is a 404, as
  is a page number that is not a positive integer or lies beyond ``MAX_PAGE``.
"""

import datetime
import re

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

# No list has more pages than this (two million articles at 20 a page); beyond, a 404 without
# asking the database (and no OFFSET too large for it).
MAX_PAGE = 100_000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
POSITION = re.compile(r"^(-?\d{1,17})-(\d{1,18})$")


def position_of(version) -> str:
    """Where a version sits in the listing order: ``<µs since 1970>-<id>``."""
    return f"{(version.publish_at - EPOCH) // datetime.timedelta(microseconds=1)}-{version.pk}"


def parse_position(value) -> tuple[datetime.datetime, int] | None:
    """``(publication time, id)`` of a ``position_of`` string; None for anything else."""
    found = POSITION.match(str(value or ""))
    if not found:
        return None
    try:
        moment = EPOCH + datetime.timedelta(microseconds=int(found[1]))
    except OverflowError:
        return None
    return moment, int(found[2])


class UncountedPage(Page):
    """A page that knows whether an older page follows, not how many do."""

    def __init__(self, object_list, number: int, paginator: "UncountedPaginator", more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def start_index(self) -> int:
        if not self.object_list:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0

    @property
    def older_position(self) -> str | None:
        """``before=`` of the "Older" link: the last card's position."""
        return position_of(self.object_list[-1]) if self.object_list else None

    @property
    def newer_position(self) -> str | None:
        """``after=`` of the "Newer" link: the first card's position."""
        return position_of(self.object_list[0]) if self.object_list else None


class UncountedPaginator(Paginator):
    """Numbered pages of a queryset of live versions in the listing order (newest first), never
    counted (see above); ``query`` holds ``before=`` or ``after=`` of a link, if any.

    Templates check ``paginator.uncounted`` and show no total; ``count`` and ``num_pages`` still
    count when asked (``?page=last``, which no link of the site makes)."""

    uncounted = True

    def __init__(
        self, object_list: QuerySet, per_page: int, *args, query=None, listing=None, **kwargs
    ):
        super().__init__(object_list.order_by("-publish_at", "-pk"), per_page, *args, **kwargs)
        # The same versions' ids (``version_id``) in the same order, read from a term's listing:
        # what a page by number alone skips.
        self.listing = listing
        query = query or {}
        self.before = parse_position(query.get("before"))
        self.after = None if self.before else parse_position(query.get("after"))

    def validate_number(self, number) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(_("That page number is not an integer")) from exc
        if number < 1 or number > MAX_PAGE:
            raise EmptyPage(_("That page contains no results"))
        return number

    def get_page(self, number) -> UncountedPage:
        try:
            return self.page(number)
        except (PageNotAnInteger, EmptyPage):
            return self.page(1)

    def page(self, number) -> UncountedPage:
        number = self.validate_number(number)
        window = self.per_page + 1
        if number > 1 and self.after:
            moment, pk = self.after
            # The bound alone first: it is what the listing index can start from.
            newer = Q(publish_at__gte=moment) & (Q(publish_at__gt=moment) | Q(pk__gt=pk))
            ids = self.object_list.filter(newer).order_by("publish_at", "pk").values("pk")
            rows = list(self.object_list.filter(pk__in=ids[: self.per_page]))
            more = True  # the version the link started from is older
        else:
            if number > 1 and self.before:
                moment, pk = self.before
                older = Q(publish_at__lte=moment) & (Q(publish_at__lt=moment) | Q(pk__lt=pk))
                rows = list(self.object_list.filter(older)[:window])
            elif number > 1:
                # The skipped versions are read as ids only; the page's rows then by id.
                bottom = (number - 1) * self.per_page
                if self.listing is not None:
                    ids = self.listing.values("version_id")[bottom : bottom + window]
                else:
                    ids = self.object_list.prefetch_related(None).values("pk")
                    ids = ids[bottom : bottom + window]
                rows = list(self.object_list.filter(pk__in=ids))
            else:
                rows = list(self.object_list[:window])
            more = len(rows) > self.per_page
        if not rows and number > 1:
            raise EmptyPage(_("That page contains no results"))
        return UncountedPage(rows[: self.per_page], number, self, more)


class UncountedPagingMixin:
    """A ``ListView`` paged by ``UncountedPaginator``, reading the links' positions."""

    paginator_class = UncountedPaginator

    def get_paginator(self, queryset, per_page, **kwargs) -> UncountedPaginator:
        return self.paginator_class(
            queryset, per_page, query=self.request.GET, listing=self.get_listing(), **kwargs
        )

    def get_listing(self) -> QuerySet | None:
        """The term listing rows a page by number skips, when the list is one term's."""
        return None
