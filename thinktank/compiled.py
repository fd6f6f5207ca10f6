"""Querysets compiled to SQL once, then run with other values: for the few queries every
uncached page runs, where building and compiling the ORM query costs several times what the
database spends answering it.

``CompiledQuery(build)`` takes a function making a ``values_list`` queryset from keyword values
(``build(slug=…, moment=…)``). It calls it once per database connection with **sentinels** —
values nothing real equals — compiles it, and records which parameter of the SQL is which
value. Each run sends that SQL with the run's values in their places and converts the rows as
the ORM does (JSON, dates on SQLite). The queryset stays the one definition of the query; when
its SQL cannot be mapped (a sentinel missing, or folded into the SQL text), the query simply runs
through the ORM each time, with the same result.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

logger = logging.getLogger(__name__)

SENTINEL_TIME = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


def sentinel(name: str, kind: type, index: int = 0) -> object:
    """A value of ``kind`` that no real one equals."""
    if kind is str:
        return f"\x1esentinel:{name}:{index}\x1e"
    if kind is int:
        return -(7 * 10**15) - hash(name) % 10**6 * 100 - index
    if kind is datetime.datetime:
        return SENTINEL_TIME + datetime.timedelta(days=hash(name) % 1000, microseconds=index)
    raise TypeError(f"no sentinel for {kind}")


@dataclass
class Compiled:
    sql: str
    slots: list  # per parameter: ("const", value) or (name, index or None, adapt)
    converters: dict
    compiler: object


class CompiledQuery:
    """A ``values_list`` queryset built by ``build(**values)``, compiled once per connection.

    ``kinds`` names each value's type: ``str``, ``int``, ``datetime.datetime``, or a
    ``(int, n)`` pair for a list of ``n`` integers (an ``__in`` lookup: one compiled query per
    length).
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds) -> None:
        self.build = build
        self.kinds = kinds
        self._compiled: dict[tuple, Compiled | None] = {}

    def rows(self, using: str, **values) -> list[tuple]:
        """The rows of ``build(**values)`` on database ``using``."""
        lengths = tuple(
            len(values[name]) for name, kind in self.kinds.items() if isinstance(kind, tuple)
        )
        connection = connections[using]
        key = (using, id(connection), lengths)
        compiled = self._compiled.get(key, False)
        if compiled is False:
            compiled = self._compiled[key] = self._compile(using, connection, lengths)
        if compiled is None:
            return list(self.build(**values).using(using))
        params = [
            slot[1]
            if slot[0] == "const"
            else slot[2](values[slot[0]] if slot[1] is None else values[slot[0]][slot[1]])
            for slot in compiled.slots
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            return [
                tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)
            ]
        return rows

    def _compile(self, using: str, connection, lengths: tuple) -> Compiled | None:
        sentinels, adapters, lists = {}, {}, iter(lengths)
        for name, kind in self.kinds.items():
            if isinstance(kind, tuple):
                sentinels[name] = [sentinel(name, kind[0], i) for i in range(next(lists))]
                adapters[name] = _adapter(kind[0], connection)
            else:
                sentinels[name] = sentinel(name, kind)
                adapters[name] = _adapter(kind, connection)
        queryset = self.build(**sentinels).using(using)
        compiler = queryset.query.get_compiler(using=using, connection=connection)
        try:
            sql, params = compiler.as_sql()
        except Exception:  # e.g. EmptyResultSet: nothing to compile once
            logger.warning("Query not compiled: it does not compile once", exc_info=True)
            return None
        where = {}
        for name, value in sentinels.items():
            if isinstance(value, list):
                for index, item in enumerate(value):
                    where[adapters[name](item)] = (name, index, adapters[name])
            else:
                where[adapters[name](value)] = (name, None, adapters[name])
        slots = []
        for param in params:
            try:
                slot = where.get(param)
            except TypeError:  # an unhashable parameter: a constant
                slot = None
            slots.append(slot if slot is not None else ("const", param))
        found = {slot[:2] for slot in slots if slot[0] != "const"}
        if len(found) != len(where):
            logger.warning("Query not compiled (a value is not a parameter): %s", sql)
            return None
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        return Compiled(sql, slots, compiler.get_converters(fields), compiler)


def _adapter(kind: type, connection) -> Callable[[object], object]:
    """How a value of ``kind`` goes into the SQL's parameters on ``connection``."""
    if kind is datetime.datetime:
        return connection.ops.adapt_datetimefield_value
    return lambda value: value
