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

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
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
