"""How many times each source is cited (``Source.citation_count``), kept by the database.

Citations are written in many places: the article form's inline rows, restoring a revision or
discarding unpublished changes, deleting articles (a cascade), merging sources (one ``UPDATE``),
the Word and WordPress imports, the demo loader, a backup's restore, and the benchmarks'
``bulk_create``. Rather than trust each of them, triggers on ``citations_citation`` add and take
away in the same statement, so the kept count is exact at every moment, inside the writing
transaction too, and a rolled-back write rolls its count back.

- PostgreSQL: one trigger per statement (``INSERT``, ``UPDATE``, ``DELETE``), reading the rows it
  changed from its transition tables, so deleting 300,000 citations updates each source once;
  the sources concerned are locked in id order first (two writers never wait on each other in a
  circle inside one statement).
- SQLite: one trigger per row.

``Source.save`` never writes the count back (a form opened before a citation was added would
overwrite the newer count), backups leave it out (``serialize=False``; the restore counts again,
``after_restore``). On SQLite the triggers are taken away while ``migrate`` runs and made again
after it, with a count (SQLite rebuilds a table to alter it: that drops the triggers of the
citation table, and renaming a rebuilt source table under triggers that name it fails); on
PostgreSQL the migration makes them, and ``after_migrate`` only checks they are there.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

TRIGGERS = ("citations_count_insert", "citations_count_update", "citations_count_delete")


def _count_function(name: str, rows: str) -> str:
    """A statement trigger's function: ``rows`` (source_id, n) added to the sources' counts."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[]; deltas bigint[];
BEGIN
  SELECT array_agg(source_id ORDER BY source_id), array_agg(n ORDER BY source_id)
  INTO ids, deltas
  FROM ({rows}) AS c;
  PERFORM citations_count_apply(ids, deltas);
  RETURN NULL;
END $$;"""  # noqa: S608 - this module's own statements


POSTGRESQL = [
    """
CREATE OR REPLACE FUNCTION citations_count_apply(ids bigint[], deltas bigint[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL THEN
    RETURN;
  END IF;
  PERFORM 1 FROM citations_source WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE citations_source AS s SET citation_count = s.citation_count + d.delta
  FROM unnest(ids, deltas) AS d(id, delta) WHERE s.id = d.id;
END $$;""",
    *(
        _count_function(name, rows)
        for name, rows in (
            (
                "citations_count_on_insert",
                "SELECT source_id, count(*) AS n FROM citations_added GROUP BY source_id",
            ),
            (
                "citations_count_on_delete",
                "SELECT source_id, -count(*) AS n FROM citations_removed GROUP BY source_id",
            ),
            (
                "citations_count_on_update",
                """SELECT source_id, sum(n) AS n FROM (
      SELECT source_id, 1 AS n FROM citations_added
      UNION ALL
      SELECT source_id, -1 AS n FROM citations_removed
    ) AS moved GROUP BY source_id HAVING sum(n) <> 0""",
            ),
        )
    ),
    "DROP TRIGGER IF EXISTS citations_count_insert ON citations_citation",
    """
CREATE TRIGGER citations_count_insert AFTER INSERT ON citations_citation
REFERENCING NEW TABLE AS citations_added
FOR EACH STATEMENT EXECUTE FUNCTION citations_count_on_insert()""",
    "DROP TRIGGER IF EXISTS citations_count_update ON citations_citation",
    """
CREATE TRIGGER citations_count_update AFTER UPDATE ON citations_citation
REFERENCING OLD TABLE AS citations_removed NEW TABLE AS citations_added
FOR EACH STATEMENT EXECUTE FUNCTION citations_count_on_update()""",
    "DROP TRIGGER IF EXISTS citations_count_delete ON citations_citation",
    """
CREATE TRIGGER citations_count_delete AFTER DELETE ON citations_citation
REFERENCING OLD TABLE AS citations_removed
FOR EACH STATEMENT EXECUTE FUNCTION citations_count_on_delete()""",
]

POSTGRESQL_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name} ON citations_citation" for name in TRIGGERS),
    "DROP FUNCTION IF EXISTS citations_count_on_insert()",
    "DROP FUNCTION IF EXISTS citations_count_on_update()",
    "DROP FUNCTION IF EXISTS citations_count_on_delete()",
    "DROP FUNCTION IF EXISTS citations_count_apply(bigint[], bigint[])",
]

SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
    """
CREATE TRIGGER citations_count_insert AFTER INSERT ON citations_citation
BEGIN
  UPDATE citations_source SET citation_count = citation_count + 1 WHERE id = NEW.source_id;
END""",
    """
CREATE TRIGGER citations_count_update AFTER UPDATE OF source_id ON citations_citation
WHEN OLD.source_id IS NOT NEW.source_id
BEGIN
  UPDATE citations_source SET citation_count = citation_count - 1 WHERE id = OLD.source_id;
  UPDATE citations_source SET citation_count = citation_count + 1 WHERE id = NEW.source_id;
END""",
    """
CREATE TRIGGER citations_count_delete AFTER DELETE ON citations_citation
BEGIN
  UPDATE citations_source SET citation_count = citation_count - 1 WHERE id = OLD.source_id;
END""",
]

SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]

RECOUNT = """
UPDATE citations_source SET citation_count = (
  SELECT COUNT(*) FROM citations_citation WHERE citations_citation.source_id = citations_source.id
)"""

# Only the rows whose kept count is wrong are written (none, normally).
RECOUNT_POSTGRESQL = """
UPDATE citations_source AS s SET citation_count = c.n
FROM (
  SELECT t.id, COUNT(cc.id) AS n FROM citations_source AS t
  LEFT JOIN citations_citation AS cc ON cc.source_id = t.id GROUP BY t.id
) AS c
WHERE s.id = c.id AND s.citation_count <> c.n"""


def _statements(vendor: str, drop: bool = False) -> list[str]:
    if vendor == "postgresql":
        return POSTGRESQL_DROP if drop else POSTGRESQL
    if vendor == "sqlite":
        return SQLITE_DROP if drop else SQLITE
    raise NotImplementedError(f"citation counts are kept on PostgreSQL and SQLite, not {vendor}")


def install(connection) -> None:
    """Make (or remake) the triggers."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor):
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, drop=True):
            cursor.execute(statement)


def recount(using: str = DEFAULT_DB_ALIAS) -> None:
    """Count every source's citations again (the data migration, a restore, lost triggers)."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # No citation is written while counting (the lock ends with the transaction).
            cursor.execute("LOCK TABLE citations_citation IN SHARE MODE")
            cursor.execute(RECOUNT_POSTGRESQL)
        else:
            cursor.execute(RECOUNT)


def installed(connection) -> bool:
    """Whether the three triggers exist."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'citations_citation'::regclass "
                "AND tgname = ANY(%s)",
                [list(TRIGGERS)],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'citations_citation' AND name IN (%s, %s, %s)",
                list(TRIGGERS),
            )
        return cursor.fetchone()[0] == len(TRIGGERS)


def _has_count_column(connection) -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if "citations_source" not in tables or "citations_citation" not in tables:
            return False
        columns = connection.introspection.get_table_description(cursor, "citations_source")
    return any(column.name == "citation_count" for column in columns)


def before_migrate(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``pre_migrate``: on SQLite the triggers go while the schema changes (a migration that
    rebuilds ``citations_source`` could not rename the new table under triggers that name it);
    ``after_migrate`` makes them again and counts."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        uninstall(connection)


def after_migrate(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` of the citations app: the triggers are there whenever the column is.
    On SQLite they are made again and every source counted (``before_migrate`` took them away);
    on PostgreSQL only if missing."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite") or not _has_count_column(connection):
        return
    if connection.vendor == "sqlite" or not installed(connection):
        install(connection)
        recount(using)


def after_restore(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """A backup holds no counts: each source's is counted from its restored citations."""
    recount(using)
