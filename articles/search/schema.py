"""The search index's database side on PostgreSQL, made from the language registry.

``articles_searchentry`` is partitioned by language, one partition per site language with a GIN
index over its document vectors; ``articles_search_refresh(ids)`` rewrites the entries of the
given articles: for each language in which an article is live at some time — published, with a
publication time, a title, a slug and a body in that language, which is its original language or
an approved translation (the conditions of ``Article.objects.live()`` but the clock) — one row
with the publication time, the ranking vector (title A; summary, highlights and author names B;
topics and regions D) and the document vector (the ranking vector and the body, C), each made
with the language's text-search configuration (``Language.search_config``). Triggers call it
whenever an article, its translations' approval, authorships, highlights, topics or regions, or
the names of those people and terms change, whatever wrote them.

The migration ``0002_search`` makes the (language-independent) parent table; ``sync()``, run after
every ``migrate``, adds a partition for each site language, drops those of removed languages and
(re)writes the functions and triggers whenever what the registry asks for differs from what the
database has (a hash kept as the refresh function's comment), then rebuilds every entry. Adding a
language to ``thinktank.languages.REGISTRY`` therefore needs nothing here.
"""

import hashlib

from django.db import connections

from thinktank.languages import Language, site_languages

TABLE = "articles_searchentry"
REFRESH = "articles_search_refresh"
# Tables whose rows belong to one article and feed its entries.
PART_TABLES = (
    "articles_authorship",
    "articles_highlight",
    "articles_article_topics",
    "articles_article_regions",
)


def _text(sql: str) -> str:
    return f"coalesce(({sql}), '')"


def _ranking(language: Language) -> str:
    lang, cfg = language.code, f"'{language.search_config}'::regconfig"
    highlights = _text(
        f"SELECT string_agg(h.text_{lang}, ' ' ORDER BY h.sort_order, h.id)"
        f" FROM articles_highlight h WHERE h.article_id = a.id"
    )
    authors = _text(
        "SELECT string_agg(p.given_name || ' ' || p.family_name, ' ' ORDER BY au.sort_order)"
        " FROM articles_authorship au JOIN people_person p ON p.id = au.person_id"
        " WHERE au.article_id = a.id"
    )
    topics = _text(
        f"SELECT string_agg(t.name_{lang}, ' ') FROM articles_article_topics x"
        f" JOIN articles_topic t ON t.id = x.topic_id WHERE x.article_id = a.id"
    )
    regions = _text(
        f"SELECT string_agg(r.name_{lang}, ' ') FROM articles_article_regions x"
        f" JOIN articles_region r ON r.id = x.region_id WHERE x.article_id = a.id"
    )
    return (
        f"setweight(to_tsvector({cfg}, coalesce(a.title_{lang}, '')), 'A')"
        f" || setweight(to_tsvector({cfg}, coalesce(a.summary_{lang}, '') || ' ' || {highlights}"
        f" || ' ' || {authors}), 'B')"
        f" || setweight(to_tsvector({cfg}, {topics} || ' ' || {regions}), 'D')"
    )


def _entries(language: Language) -> str:
    """The rows of one language for the articles ``ids``: those live there at some time."""
    lang, config = language.code, language.search_config
    return f"""
SELECT a.id, '{lang}', a.publish_at, v.ranking,
  v.ranking || setweight(to_tsvector('{config}'::regconfig, coalesce(a.body_{lang}, '')), 'C')
FROM articles_article a
CROSS JOIN LATERAL (SELECT {_ranking(language)} AS ranking) v
WHERE a.id = ANY(ids)
  AND a.status = 'published' AND a.publish_at IS NOT NULL
  AND a.title_{lang} > '' AND a.slug_{lang} > '' AND octet_length(a.body_{lang}) > 0
  AND (a.original_language = '{lang}' OR EXISTS (
    SELECT 1 FROM articles_translation t
    WHERE t.article_id = a.id AND t.language = '{lang}' AND t.approved_at IS NOT NULL))"""


def _partition(language: Language) -> list[str]:
    # Per partition: article_id is unique (the partition is the language). No index includes
    # ``visible_from``: for a common word the planner would prefer it to the GIN index and
    # recheck (read) every document.
    name = f"{TABLE}_{language.code}"
    return [
        f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {TABLE}"
        f" FOR VALUES IN ('{language.code}');",
        f"CREATE UNIQUE INDEX IF NOT EXISTS {name}_article ON {name} (article_id);",
        f"CREATE INDEX IF NOT EXISTS {name}_document ON {name} USING gin (document);",
        # ``live()`` tests ``octet_length(body_<lang>) > 0`` (answered from the value's header,
        # without reading a long body); statistics on it give the planner the real distribution.
        f"CREATE STATISTICS IF NOT EXISTS articles_article_body_{language.code}_length"
        f" ON (octet_length(body_{language.code})) FROM articles_article;",
    ]


def statements(languages: list[Language]) -> list[str]:
    """Functions and triggers for ``languages`` (partitions are made separately)."""
    entries = "\nUNION ALL".join(_entries(language) for language in languages)
    names = ", ".join(f"name_{language.code}" for language in languages)
    return [
        f"""
CREATE OR REPLACE FUNCTION {REFRESH}(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
-- One writer per article at a time, in id order: a concurrent refresh of the same article (its
-- save and a translation's approval, say) waits here, and each statement below, in this
-- volatile function, then sees what the other committed: no duplicate row, no lost language.
SELECT 1 FROM articles_article WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
DELETE FROM {TABLE} WHERE article_id = ANY(ids);
INSERT INTO {TABLE} (article_id, language, visible_from, ranking, document)
{entries};
$$;""",
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_article() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM {TABLE} WHERE article_id = OLD.id;
  ELSE
    PERFORM {REFRESH}(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $$;""",
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_part() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM {REFRESH}(ARRAY[OLD.article_id]);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.article_id <> OLD.article_id) THEN
    PERFORM {REFRESH}(ARRAY[NEW.article_id]);
  END IF;
  RETURN NULL;
END $$;""",
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the through table and its column naming the changed row.
  EXECUTE format(
    'SELECT {REFRESH}(ARRAY(SELECT article_id FROM %I WHERE %I = $1))',
    TG_ARGV[0], TG_ARGV[1]
  ) USING NEW.id;
  RETURN NULL;
END $$;""",
        # Approving or withdrawing a translation changes where the article is live; other
        # changes to a translation's state do not, and the rows of people and terms have no
        # article.
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_translation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM {REFRESH}(ARRAY(
    SELECT DISTINCT id FROM unnest(ARRAY[OLD.article_id, NEW.article_id]) AS id
    WHERE id IS NOT NULL));
  RETURN NULL;
END $$;""",
        *_drop_triggers(),
        """
CREATE TRIGGER articles_search_article AFTER INSERT OR UPDATE OR DELETE ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_search_on_article();""",
        *(
            f"""
CREATE TRIGGER articles_search_part AFTER INSERT OR UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION articles_search_on_part();"""
            for table in PART_TABLES
        ),
        """
CREATE TRIGGER articles_search_person AFTER UPDATE OF given_name, family_name ON people_person
FOR EACH ROW EXECUTE FUNCTION articles_search_on_name('articles_authorship', 'person_id');""",
        f"""
CREATE TRIGGER articles_search_topic AFTER UPDATE OF {names} ON articles_topic
FOR EACH ROW EXECUTE FUNCTION articles_search_on_name('articles_article_topics', 'topic_id');""",
        f"""
CREATE TRIGGER articles_search_region AFTER UPDATE OF {names} ON articles_region
FOR EACH ROW EXECUTE FUNCTION articles_search_on_name('articles_article_regions', 'region_id');""",
        """
CREATE TRIGGER articles_search_translation AFTER INSERT OR DELETE ON articles_translation
FOR EACH ROW EXECUTE FUNCTION articles_search_on_translation();""",
        """
CREATE TRIGGER articles_search_translation_change
AFTER UPDATE OF article_id, language, approved_at ON articles_translation
FOR EACH ROW WHEN (
  OLD.article_id IS DISTINCT FROM NEW.article_id OR OLD.language IS DISTINCT FROM NEW.language
  OR (OLD.approved_at IS NULL) <> (NEW.approved_at IS NULL))
EXECUTE FUNCTION articles_search_on_translation();""",
    ]


def _drop_triggers() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS articles_search_article ON articles_article;",
        *(f"DROP TRIGGER IF EXISTS articles_search_part ON {table};" for table in PART_TABLES),
        "DROP TRIGGER IF EXISTS articles_search_person ON people_person;",
        "DROP TRIGGER IF EXISTS articles_search_topic ON articles_topic;",
        "DROP TRIGGER IF EXISTS articles_search_region ON articles_region;",
        "DROP TRIGGER IF EXISTS articles_search_translation ON articles_translation;",
        "DROP TRIGGER IF EXISTS articles_search_translation_change ON articles_translation;",
    ]


def drop_statements() -> list[str]:
    """Everything ``sync()`` made, for the migration going backwards (the table goes with it)."""
    return [
        *_drop_triggers(),
        "DROP FUNCTION IF EXISTS articles_search_on_translation();",
        "DROP FUNCTION IF EXISTS articles_search_on_article();",
        "DROP FUNCTION IF EXISTS articles_search_on_part();",
        "DROP FUNCTION IF EXISTS articles_search_on_name();",
        f"DROP FUNCTION IF EXISTS {REFRESH}(bigint[]);",
    ]


def fingerprint(languages: list[Language]) -> str:
    text = "\n".join(statements(languages) + [p for lang in languages for p in _partition(lang)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def sync(using: str = "default") -> bool:
    """Bring the database's search schema in line with the site's languages (PostgreSQL only).

    Cheap when nothing changed (one query). Returns whether anything was rewritten.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regclass(%s) IS NOT NULL, obj_description(to_regprocedure(%s), 'pg_proc')",
            [TABLE, f"{REFRESH}(bigint[])"],
        )
        table_exists, installed = cursor.fetchone()
        if not table_exists:
            return False  # migrated backwards, or not yet forwards
        languages = site_languages()
        wanted = fingerprint(languages)
        if installed == wanted:
            return False
        codes = [language.code for language in languages]
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = %s::regclass",
            [TABLE],
        )
        for (partition,) in cursor.fetchall():
            if partition.removeprefix(f"{TABLE}_") not in codes:
                cursor.execute(f'DROP TABLE "{partition}"')
        for language in languages:
            for statement in _partition(language):
                cursor.execute(statement)
        for statement in statements(languages):
            cursor.execute(statement)  # no parameters: "%I" is format()'s, not a placeholder
        cursor.execute(f"COMMENT ON FUNCTION {REFRESH}(bigint[]) IS '{wanted}'")
        cursor.execute(f"SELECT {REFRESH}(ARRAY(SELECT id FROM articles_article))")
        cursor.execute(f"ANALYZE {TABLE}")
        cursor.execute("ANALYZE articles_article")
    return True


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    """``post_migrate`` of the articles app (and ``flush``): keep the schema in step."""
    sync(using)
