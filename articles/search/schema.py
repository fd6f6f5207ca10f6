"""The search index's database side on PostgreSQL, made from the language registry.

``articles_searchentry`` is partitioned by language, one partition per site language with a GIN
index over its document vectors. ``articles_search_refresh(ids)`` rewrites the entries of the
given articles: one row per live version that has not ended (its window copied, so searching
compares it with the clock as ``LiveVersion.objects.visible`` does), with the ranking vector
(title A; summary, highlights and the credited people's names B), the filing vector (its topics
and regions by their public names in that language, D) and the document vector (both and the
body, C), each made with the language's own text-search configuration (``Language.index_config``:
its ``search_config`` with ``unaccent`` before the stemmer, so accents and case never matter).

Live versions are written only by ``articles.editorial.publishing``, which calls ``refresh()``
in the same transaction; triggers keep the entries right when a version is deleted (with its
article) and when the names the entries hold change: a person's, a term's, or a term's approved
translation.

The migration ``0002_search`` makes the (language-independent) parent table; ``sync()``, run after
every ``migrate``, adds a partition for each site language, drops those of removed languages and
(re)writes the functions and triggers whenever what the registry asks for differs from what the
database has (a hash kept as the refresh function's comment), then rebuilds every entry. Adding a
language to ``thinktank.languages.REGISTRY`` therefore needs nothing here. Backups leave the
entries out; ``after_restore`` rebuilds them all once a backup is restored.
"""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.db import connections

from thinktank.languages import Language, site_languages

TABLE = "articles_searchentry"
# The entries filed under a topic or region: a vector with any word in it is greater than the
# empty one.
FILED = "filed > ''::tsvector"
# The entries with any word (every entry a query can match): only the queries that say so walk
# the entries' date index.
WORDED = "document > ''::tsvector"
REFRESH = "articles_search_refresh"


def _text(sql: str) -> str:
    return f"coalesce(({sql}), '')"


def _term_name(alias: str, kind: str, language: Language) -> str:
    """A topic's or region's public name in ``language`` (as ``public_value`` reads it)."""
    lang = language.code
    if lang == settings.LANGUAGE_CODE:  # the terms' source language
        return f"{alias}.name_{lang}"
    return (
        f"(SELECT tr.live_values->>'name_{lang}' FROM articles_translation tr"
        f" WHERE tr.{kind}_id = {alias}.id AND tr.language = '{lang}'"
        f" AND tr.approved_at IS NOT NULL)"
    )


def _ranking(language: Language) -> str:
    cfg = f"'{language.index_config}'::regconfig"
    highlights = _text(
        "SELECT string_agg(h->>'text', ' ') FROM jsonb_array_elements(v.highlights) h"
    )
    authors = _text(
        "SELECT string_agg(p.given_name || ' ' || p.family_name, ' ' ORDER BY la.sort_order)"
        " FROM articles_liveauthorship la JOIN people_person p ON p.id = la.person_id"
        " WHERE la.version_id = v.id"
    )
    return (
        f"setweight(to_tsvector({cfg}, v.title), 'A')"
        f" || setweight(to_tsvector({cfg}, v.summary || ' ' || {highlights} || ' ' || {authors}),"
        f" 'B')"
    )


def _filed(language: Language) -> str:
    """The names of the version's topics and regions in ``language``, weight D."""
    cfg = f"'{language.index_config}'::regconfig"
    topics = _text(
        f"SELECT string_agg({_term_name('t', 'topic', language)}, ' ')"
        f" FROM articles_liveversion_topics x JOIN articles_topic t ON t.id = x.topic_id"
        f" WHERE x.liveversion_id = v.id"
    )
    regions = _text(
        f"SELECT string_agg({_term_name('r', 'region', language)}, ' ')"
        f" FROM articles_liveversion_regions x JOIN articles_region r ON r.id = x.region_id"
        f" WHERE x.liveversion_id = v.id"
    )
    return f"setweight(to_tsvector({cfg}, {topics} || ' ' || {regions}), 'D')"


def _entries(language: Language) -> str:
    """The rows of one language for the articles ``ids``: their versions not yet ended."""
    return f"""
SELECT v.id, v.article_id, '{language.code}', v.visible_from, v.visible_until, r.ranking,
  r.filed,
  r.ranking || r.filed
    || setweight(to_tsvector('{language.index_config}'::regconfig, v.body), 'C')
FROM articles_liveversion v
CROSS JOIN LATERAL (SELECT {_ranking(language)} AS ranking, {_filed(language)} AS filed) r
WHERE v.article_id = ANY(ids) AND v.language = '{language.code}'
  AND (v.visible_until IS NULL OR v.visible_until > now())"""


def _partition(language: Language) -> list[str]:
    # No index usable by every query includes ``visible_from``: for a common word the planner
    # would prefer it to the GIN index and recheck (read) every document.
    name = f"{TABLE}_{language.code}"
    return [
        f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {TABLE}"
        f" FOR VALUES IN ('{language.code}');",
        f"CREATE UNIQUE INDEX IF NOT EXISTS {name}_version ON {name} (version_id);",
        f"CREATE INDEX IF NOT EXISTS {name}_article ON {name} (article_id);",
        f"CREATE INDEX IF NOT EXISTS {name}_document ON {name} USING gin (document);",
        # The entries with a query's words in their ranking vector: the only ones that rank
        # above zero, so the first results are found among them (``articles.search.query``).
        f"CREATE INDEX IF NOT EXISTS {name}_ranking ON {name} USING gin (ranking);",
        # The entries filed under a topic or region named by a query's words: the next tier.
        f"CREATE INDEX IF NOT EXISTS {name}_filed ON {name} USING gin (filed);",
        # The entries filed under any term, newest first: the filed tier walks it (its queries
        # alone carry the index's condition, so no other query can use it).
        f"CREATE INDEX IF NOT EXISTS {name}_filed_newest ON {name}"
        f" (visible_from DESC, version_id DESC) WHERE {FILED};",
        f"CREATE INDEX IF NOT EXISTS {name}_newest ON {name}"
        f" (visible_from DESC, version_id DESC) WHERE {WORDED};",
    ]


def _term_trigger(kind: str) -> list[str]:
    """A term's source name, or an approved translation of it, changed: refresh its articles."""
    source = f"name_{settings.LANGUAGE_CODE}"
    table = f"articles_liveversion_{kind}s"
    return [
        f"""
CREATE TRIGGER articles_search_{kind} AFTER UPDATE OF {source} ON articles_{kind}
FOR EACH ROW EXECUTE FUNCTION articles_search_on_term('{table}', '{kind}_id');""",
    ]


# The token types of words in PostgreSQL's parser: these go through ``unaccent`` first.
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword"


def _config(language: Language) -> list[str]:
    """The language's configuration: a copy of its ``search_config`` whose words lose their
    accents before the stemmer (or the ``simple`` dictionary) sees them."""
    base = language.search_config
    stemmer = "simple" if base == "simple" else f"{base}_stem"
    name = language.index_config
    return [
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};",
        f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base});",
        f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {WORD_TOKENS}"
        f" WITH unaccent, {stemmer};",
    ]


def statements(languages: list[Language]) -> list[str]:
    """Configurations, functions and triggers for ``languages`` (partitions are made
    separately)."""
    entries = "\nUNION ALL".join(_entries(language) for language in languages)
    return [
        "CREATE EXTENSION IF NOT EXISTS unaccent;",
        *(statement for language in languages for statement in _config(language)),
        f"""
CREATE OR REPLACE FUNCTION {REFRESH}(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
-- One writer per article at a time, in id order: a concurrent refresh of the same article
-- waits here, and each statement below, in this volatile function, then sees what the other
-- committed: no duplicate row, no lost language.
SELECT 1 FROM articles_article WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
DELETE FROM {TABLE} WHERE article_id = ANY(ids);
INSERT INTO {TABLE} (version_id, article_id, language, visible_from, visible_until, ranking,
  filed, document)
{entries};
$$;""",
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_version_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM {TABLE} WHERE version_id = OLD.id;
  RETURN NULL;
END $$;""",
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM {REFRESH}(ARRAY(
    SELECT DISTINCT v.article_id FROM articles_liveauthorship la
    JOIN articles_liveversion v ON v.id = la.version_id WHERE la.person_id = NEW.id));
  RETURN NULL;
END $$;""",
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_term() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the versions' through table and its column naming the term.
  EXECUTE format(
    'SELECT {REFRESH}(ARRAY(SELECT DISTINCT v.article_id FROM %I x'
    ' JOIN articles_liveversion v ON v.id = x.liveversion_id WHERE x.%I = $1))',
    TG_ARGV[0], TG_ARGV[1]
  ) USING NEW.id;
  RETURN NULL;
END $$;""",
        f"""
CREATE OR REPLACE FUNCTION articles_search_on_term_translation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM {REFRESH}(ARRAY(
    SELECT DISTINCT v.article_id FROM articles_liveversion v
    LEFT JOIN articles_liveversion_topics t ON t.liveversion_id = v.id
    LEFT JOIN articles_liveversion_regions r ON r.liveversion_id = v.id
    WHERE t.topic_id = NEW.topic_id OR r.region_id = NEW.region_id));
  RETURN NULL;
END $$;""",
        *_drop_triggers(),
        """
CREATE TRIGGER articles_search_version_delete AFTER DELETE ON articles_liveversion
FOR EACH ROW EXECUTE FUNCTION articles_search_on_version_delete();""",
        """
CREATE TRIGGER articles_search_person AFTER UPDATE OF given_name, family_name ON people_person
FOR EACH ROW EXECUTE FUNCTION articles_search_on_person();""",
        *_term_trigger("topic"),
        *_term_trigger("region"),
        """
CREATE TRIGGER articles_search_term_translation
AFTER UPDATE OF live_values, approved_at ON articles_translation
FOR EACH ROW WHEN (NEW.topic_id IS NOT NULL OR NEW.region_id IS NOT NULL)
EXECUTE FUNCTION articles_search_on_term_translation();""",
    ]


def _drop_triggers() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS articles_search_version_delete ON articles_liveversion;",
        "DROP TRIGGER IF EXISTS articles_search_person ON people_person;",
        "DROP TRIGGER IF EXISTS articles_search_topic ON articles_topic;",
        "DROP TRIGGER IF EXISTS articles_search_region ON articles_region;",
        "DROP TRIGGER IF EXISTS articles_search_term_translation ON articles_translation;",
    ]


def fingerprint(languages: list[Language]) -> str:
    text = "\n".join(statements(languages) + [p for lang in languages for p in _partition(lang)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def refresh(article_ids: Iterable[int], using: str = "default") -> None:
    """Rewrite the entries of these articles from their live versions (PostgreSQL; elsewhere
    there is no index to keep)."""
    ids = sorted(set(article_ids))
    connection = connections[using]
    if not ids or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {REFRESH}(%s::bigint[])", [ids])


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
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s"
            " AND column_name = 'version_id'",
            [TABLE],
        )
        if cursor.fetchone() is None:
            return False  # the table of an earlier migration: migrated back to it
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
    rebuild(using)
    return True


def rebuild(using: str = "default") -> None:
    """Rewrite every article's entries (PostgreSQL; elsewhere there is no index to keep)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {REFRESH}(ARRAY(SELECT id FROM articles_article))")
        cursor.execute(f"ANALYZE {TABLE}")


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    """``post_migrate`` of the articles app (and ``flush``): keep the schema in step."""
    sync(using)


def after_restore(sender, using: str = "default", **kwargs) -> None:
    """``thinktank.backup.restored``: backups leave the index out; index the restored articles."""
    rebuild(using)
