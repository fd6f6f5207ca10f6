"""Search entries: one row per article per live language, partitioned by language (PostgreSQL).

Replaces ``SearchDocument`` (one row per article carrying the three languages' vectors), whose
ranking read and decompressed every match's whole vector and joined every match back to the
articles table to test ``live()``. See ``articles.models.SearchEntry`` for the design and
``bench/README.md`` for the figures.

On PostgreSQL ``articles_search_refresh(ids)`` rewrites the entries of the given articles: for
each language in which an article is live at some time — published, with a publication time, a
title, a slug and a body in that language, which is its original language or an approved
translation (the conditions of ``Article.objects.live()`` but the clock) — one row with the
publication time, the ranking vector (title A; summary, highlights and author names B; topics
and regions D) and the document vector (the ranking vector and the body, C). The triggers of
0005 keep calling it whenever an article, its authorships, highlights, topics or regions, or the
names of those people and terms change, whatever wrote them; new ones do when a translation is
approved or withdrawn. Each refresh locks its articles first, so concurrent writers to one article
take turns. On SQLite the table is a plain, empty one.

The languages and their text-search configurations are fixed here; a site language added later
needs a migration that adds its partition and rewrites ``articles_search_refresh``.
"""

import importlib

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

CONFIGS = {"en": "english", "tr": "turkish", "ru": "russian"}
TABLE = "articles_searchentry"

OLD_SEARCH = importlib.import_module("articles.migrations.0005_search_document")


def _names(sql):
    return f"coalesce(({sql}), '')"


def _ranking(lang, config):
    cfg = f"'{config}'::regconfig"
    highlights = _names(
        f"SELECT string_agg(h.text_{lang}, ' ' ORDER BY h.sort_order, h.id)"
        f" FROM articles_highlight h WHERE h.article_id = a.id"
    )
    authors = _names(
        "SELECT string_agg(p.given_name || ' ' || p.family_name, ' ' ORDER BY au.sort_order)"
        " FROM articles_authorship au JOIN people_person p ON p.id = au.person_id"
        " WHERE au.article_id = a.id"
    )
    topics = _names(
        f"SELECT string_agg(t.name_{lang}, ' ') FROM articles_article_topics x"
        f" JOIN articles_topic t ON t.id = x.topic_id WHERE x.article_id = a.id"
    )
    regions = _names(
        f"SELECT string_agg(r.name_{lang}, ' ') FROM articles_article_regions x"
        f" JOIN articles_region r ON r.id = x.region_id WHERE x.article_id = a.id"
    )
    return (
        f"setweight(to_tsvector({cfg}, coalesce(a.title_{lang}, '')), 'A')"
        f" || setweight(to_tsvector({cfg}, coalesce(a.summary_{lang}, '') || ' ' || {highlights}"
        f" || ' ' || {authors}), 'B')"
        f" || setweight(to_tsvector({cfg}, {topics} || ' ' || {regions}), 'D')"
    )


def _entries(lang, config):
    """The rows of one language for the articles ``ids``: those live there at some time."""
    return f"""
SELECT a.id, '{lang}', a.publish_at, v.ranking,
  v.ranking || setweight(to_tsvector('{config}'::regconfig, coalesce(a.body_{lang}, '')), 'C')
FROM articles_article a
CROSS JOIN LATERAL (SELECT {_ranking(lang, config)} AS ranking) v
WHERE a.id = ANY(ids)
  AND a.status = 'published' AND a.publish_at IS NOT NULL
  AND a.title_{lang} > '' AND a.slug_{lang} > '' AND octet_length(a.body_{lang}) > 0
  AND (a.original_language = '{lang}' OR EXISTS (
    SELECT 1 FROM articles_translation t
    WHERE t.article_id = a.id AND t.language = '{lang}' AND t.approved_at IS NOT NULL))"""


def forward_sql():
    partitions = [
        f"CREATE TABLE {TABLE}_{lang} PARTITION OF {TABLE} FOR VALUES IN ('{lang}');"
        for lang in CONFIGS
    ]
    # Per partition: article_id is unique (the partition is the language). No index includes
    # ``language`` or ``visible_from``: for a common word the planner would prefer such an index
    # to the GIN index and recheck (read) every document.
    indexes = [
        statement
        for lang in CONFIGS
        for statement in (
            f"CREATE UNIQUE INDEX {TABLE}_{lang}_article ON {TABLE}_{lang} (article_id);",
            f"CREATE INDEX {TABLE}_{lang}_document ON {TABLE}_{lang} USING gin (document);",
        )
    ]
    entries = "\nUNION ALL".join(_entries(lang, config) for lang, config in CONFIGS.items())
    return [
        # The document vector may be stored out of line (TOAST): a bitmap scan of the GIN index
        # reads it only to recheck phrases, and ranking reads the small ranking vector only.
        f"""
CREATE TABLE {TABLE} (
  article_id bigint NOT NULL,
  language varchar(5) NOT NULL,
  visible_from timestamptz NOT NULL,
  ranking tsvector NOT NULL,
  document tsvector NOT NULL
) PARTITION BY LIST (language);""",
        *partitions,
        *indexes,
        f"""
CREATE OR REPLACE FUNCTION articles_search_refresh(ids bigint[]) RETURNS void
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
    PERFORM articles_search_refresh(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $$;""",
        # Approving or withdrawing a translation changes where the article is live; other
        # changes to a translation's state do not, and the rows of people and terms have no
        # article.
        """
CREATE OR REPLACE FUNCTION articles_search_on_translation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM articles_search_refresh(ARRAY(
    SELECT DISTINCT id FROM unnest(ARRAY[OLD.article_id, NEW.article_id]) AS id
    WHERE id IS NOT NULL));
  RETURN NULL;
END $$;""",
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
        "SELECT articles_search_refresh(ARRAY(SELECT id FROM articles_article));",
        f"ANALYZE {TABLE};",
    ]


# Going back, the first operation restores 0005's functions and triggers.
BACKWARD_SQL = [
    "DROP TRIGGER IF EXISTS articles_search_translation ON articles_translation;",
    "DROP TRIGGER IF EXISTS articles_search_translation_change ON articles_translation;",
    "DROP FUNCTION IF EXISTS articles_search_on_translation();",
    f"DROP TABLE IF EXISTS {TABLE};",
]


def restore_search_documents():
    return [*OLD_SEARCH.BACKWARD_SQL, *OLD_SEARCH.forward_sql()]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                for statement in statements():
                    cursor.execute(statement)  # no parameters: "%I" is format()'s

    return run


def create_entries(apps, schema_editor):
    """PostgreSQL: the partitioned table, its indexes and triggers; elsewhere a plain table."""
    if schema_editor.connection.vendor == "postgresql":
        _on_postgresql(forward_sql)(apps, schema_editor)
    else:
        schema_editor.create_model(apps.get_model("articles", "SearchEntry"))


def drop_entries(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _on_postgresql(lambda: BACKWARD_SQL)(apps, schema_editor)
    else:
        schema_editor.delete_model(apps.get_model("articles", "SearchEntry"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_body_length_statistics")]

    operations = [
        migrations.RunPython(
            migrations.RunPython.noop, _on_postgresql(restore_search_documents), elidable=False
        ),
        migrations.DeleteModel(name="SearchDocument"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        ("pk", models.CompositePrimaryKey("article", "language", blank=True, editable=False, primary_key=True, serialize=False)),
                        ("language", models.CharField(choices=[("en", "English"), ("tr", "Turkish"), ("ru", "Russian")], max_length=5, verbose_name="language")),
                        ("visible_from", models.DateTimeField(verbose_name="visible from")),
                        ("ranking", django.contrib.postgres.search.SearchVectorField()),
                        ("document", django.contrib.postgres.search.SearchVectorField()),
                        (
                            "article",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="search_entries",
                                to="articles.article",
                                verbose_name="article",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "search entry",
                        "verbose_name_plural": "search entries",
                    },
                ),
            ],
        ),
        migrations.RunPython(create_entries, drop_entries, elidable=False),
    ]
