"""Pages of long admin lists without counting every row, and without reading rows not shown.

``LargeListPaginator`` is the ``paginator`` of the admin lists that grow (articles, the audit
log, sources). It counts exactly up to ``EXACT_UP_TO`` rows, which an index answers in a few
milliseconds; beyond that, on PostgreSQL, it takes the planner's estimate of the number of rows
(``EXPLAIN``), which costs no reading at all, and says so (``count_is_estimate``: the list shows
"about 100,000 articles"). On other databases the count stays exact.

A page is read in one query whose rows are chosen first by their primary keys alone (an index
walk to the offset), so annotations and joins of the list are computed for the rows shown, not
for the 49,900 skipped before page 500.
"""

import json
from datetime import datetime, timedelta
from functools import cache

from django.contrib.admin import RelatedFieldListFilter
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import F, Max, Min, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from django.utils.functional import cached_property

EXACT_UP_TO = 10_000


def estimated_count(queryset: QuerySet) -> int:
    """The PostgreSQL planner's estimate of how many rows ``queryset`` has."""
    query = queryset.order_by().values("pk").query
    sql, params = query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class LargeListPaginator(Paginator):
    """Exact counts up to ``exact_up_to``, then the planner's estimate (PostgreSQL)."""

    exact_up_to = EXACT_UP_TO

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        """The count, and whether it is an estimate."""
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().count, False
        if connections[queryset.db].vendor != "postgresql":
            return queryset.count(), False
        counted = queryset.order_by().values("pk")[: self.exact_up_to + 1].count()
        if counted <= self.exact_up_to:
            return counted, False
        return max(estimated_count(queryset), counted), True

    @property
    def count(self) -> int:
        return self._counted[0]

    @property
    def count_is_estimate(self) -> bool:
        return self._counted[1]

    def page(self, number) -> Page:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count and not self.count_is_estimate:
            top = self.count
        shown = queryset.filter(pk__in=queryset.values("pk")[bottom:top])
        return self._get_page(shown, number, self)


class ProbedDatesQuerySet(QuerySet):
    """``datetimes(field, "year" | "month")`` (the admin's date drill-down) without reading
    every row: on PostgreSQL, the first and last dates come from the field's index, then one
    query asks, for each year or month between them, whether a row falls in it (an index probe
    each), instead of truncating and de-duplicating 100,000 dates."""

    def aggregate(self, *args, **kwargs):
        """Aggregates asked twice of this very queryset are read once: the drill-down asks for
        the first and last dates, and so does ``periods_with_rows`` right after. On
        PostgreSQL the first and last dates are read from the field's index
        (``first_and_last``)."""
        if args:
            return super().aggregate(*args, **kwargs)
        key = tuple(sorted((alias, repr(expression)) for alias, expression in kwargs.items()))
        asked = self.__dict__.setdefault("_aggregated", {})
        if key not in asked:
            bounds = first_and_last(self, kwargs)
            asked[key] = bounds if bounds is not None else super().aggregate(**kwargs)
        return dict(asked[key])

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind not in ("year", "month") or connections[self.db].vendor != "postgresql":
            return super().datetimes(field_name, kind, order, tzinfo)
        return periods_with_rows(self, field_name, kind, tzinfo or timezone.get_current_timezone())


def _plain_field(expression) -> str | None:
    """``name`` for ``Min("name")`` or ``Max("name")`` of a field of the model itself."""
    sources = getattr(expression, "source_expressions", [])
    if expression.filter is not None or len(sources) != 1 or not isinstance(sources[0], F):
        return None
    name = sources[0].name
    return None if LOOKUP_SEP in name else name


def first_and_last(queryset: QuerySet, aggregates: dict) -> dict | None:
    """``aggregate(first=Min(f), last=Max(f))`` on PostgreSQL as two walks of ``f``'s index,
    each stopping at the first row the list's filters keep: a list filtered by a topic read
    all its 10,000 rows to find the first and last of them (~15–50 ms), the walks find them
    in under a millisecond. (The planner still reads the rows when it expects few, as for a
    source cited five times.) None when the aggregates are others (Django then computes
    them)."""
    if connections[queryset.db].vendor != "postgresql" or len(aggregates) != 2:
        return None
    query = queryset.query
    if query.is_sliced or query.distinct or query.group_by or query.combinator:
        return None
    kinds = {
        type(expression): (alias, _plain_field(expression))
        for alias, expression in aggregates.items()
    }
    if set(kinds) != {Min, Max} or kinds[Min][1] is None or kinds[Min][1] != kinds[Max][1]:
        return None
    name = kinds[Min][1]
    try:
        queryset.model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    values = (
        QuerySet(queryset.model, query.chain(), using=queryset.db)
        .filter(**{f"{name}__isnull": False})
        .values_list(name, flat=True)
    )
    parts = [
        values.order_by(order)[:1].query.get_compiler(using=queryset.db).as_sql()
        for order in (name, f"-{name}")
    ]
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"SELECT ({parts[0][0]}), ({parts[1][0]})",  # noqa: S608 - compiled by Django
            [*parts[0][1], *parts[1][1]],
        )
        first, last = cursor.fetchone()
    return {kinds[Min][0]: first, kinds[Max][0]: last}


def periods_with_rows(queryset: QuerySet, field_name: str, kind: str, tzinfo) -> list:
    """The starts of the years or months in which ``queryset`` has a ``field_name``."""
    plain = QuerySet(queryset.model, queryset.query.chain(), using=queryset.db).order_by()
    bounds = queryset.aggregate(first=Min(field_name), last=Max(field_name))
    if bounds["first"] is None:
        return []
    first, last = (value.astimezone(tzinfo) for value in (bounds["first"], bounds["last"]))
    starts = []
    year, month = first.year, first.month if kind == "month" else 1
    while (year, month) <= (last.year, last.month if kind == "month" else 1):
        starts.append(datetime(year, month, 1, tzinfo=tzinfo))
        if kind == "year":
            year += 1
        else:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    ends = [*starts[1:], last + timedelta(seconds=1)]
    column = queryset.model._meta.get_field(field_name).column
    sql, params = plain.values(field_name).query.get_compiler(using=queryset.db).as_sql()
    # One EXISTS per period, each planned on its own: an index walk of the period that stops
    # at its first row (or, for a filter the planner expects to keep few rows, those rows).
    # Asked of a list of periods together, the planner joined the periods to every kept row.
    probe = (
        f'EXISTS (SELECT 1 FROM ({sql}) AS q WHERE q."{column}" >= %s '  # noqa: S608
        f'AND q."{column}" < %s)'
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join([probe] * len(starts))}",
            [
                value
                for start, end in zip(starts, ends, strict=True)
                for value in (*params, start, end)
            ],
        )
        found = cursor.fetchone()
    return [start for start, has_rows in zip(starts, found, strict=True) if has_rows]


@cache
def _probed(queryset_class: type[QuerySet]) -> type[QuerySet]:
    return type(f"Probed{queryset_class.__name__}", (ProbedDatesQuerySet, queryset_class), {})


class ManyToManyInFilter(RelatedFieldListFilter):
    """The filter of a many-to-many field (an article's topics) that keeps the rows with
    ``pk IN (the through table's rows for that value)``: no join, so nothing to de-duplicate.
    Django's own filter joins the through table, and the list then ``DISTINCT``s every column of
    every matching row (bodies included) before it can count, order or drill down by date."""

    def queryset(self, request, queryset):
        through = self.field.remote_field.through
        own = f"{self.field.m2m_field_name()}_id"
        other = f"{self.field.m2m_reverse_field_name()}_id"
        chosen = self.used_parameters.get(self.lookup_kwarg)
        if chosen:
            values = chosen if isinstance(chosen, list) else [chosen]
            linked = through.objects.filter(**{f"{other}__in": values}).values(own)
            queryset = queryset.filter(pk__in=linked)
        empty = self.used_parameters.get(self.lookup_kwarg_isnull)
        if empty:
            value = empty[-1] if isinstance(empty, list) else empty  # a bool, once prepared
            linked = through.objects.values(own)
            if value is True or str(value).lower() in ("true", "1"):
                queryset = queryset.exclude(pk__in=linked)
            else:
                queryset = queryset.filter(pk__in=linked)
        return queryset


class LargeChangeList(ChangeList):
    """An admin list whose date drill-down probes the index (``ProbedDatesQuerySet``) and whose
    many-to-many filters (``ManyToManyInFilter``) leave the rows unduplicated."""

    def get_filters(self, request):
        specs, has_filters, remaining, _duplicates, has_active = super().get_filters(request)
        duplicates = any(
            spec.used_parameters and lookup_spawns_duplicates(self.lookup_opts, spec.field_path)
            for spec in specs
            if getattr(spec, "field_path", None) and not isinstance(spec, ManyToManyInFilter)
        ) or any(lookup_spawns_duplicates(self.lookup_opts, key) for key in remaining)
        return specs, has_filters, remaining, duplicates, has_active

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if not isinstance(queryset, ProbedDatesQuerySet):
            queryset = queryset._chain()
            queryset.__class__ = _probed(type(queryset))
        return queryset
