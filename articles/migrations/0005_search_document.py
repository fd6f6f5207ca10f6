"""Stored full-text search vectors per language, with GIN indexes and triggers (PostgreSQL only).

On PostgreSQL the function ``articles_search_refresh(ids)`` writes the weighted vectors of the
given articles (title A; summary, highlights and author names B; body C; topic and region
names D) with the english/turkish/russian configurations. Triggers call it whenever an article,
its authorships, highlights, topics or regions, or the names of those people and terms change,
whatever wrote them (admin, workflow, shell, bulk updates). On SQLite only the table is made.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

CONFIGS = {"en": "english", "tr": "turkish", "ru": "russian"}


def _vector(lang, config):
    def agg(sql):
        return f"coalesce(({sql}), '')"

    highlights = agg(
        f"SELECT string_agg(h.text_{lang}, ' ') FROM articles_highlight h WHERE h.article_id = a.id"
    )
    authors = agg(
        "SELECT string_agg(p.given_name || ' ' || p.family_name, ' ') FROM articles_authorship au"
        " JOIN people_person p ON p.id = au.person_id WHERE au.article_id = a.id"
    )
    topics = agg(
        f"SELECT string_agg(t.name_{lang}, ' ') FROM articles_article_topics x"
        f" JOIN articles_topic t ON t.id = x.topic_id WHERE x.article_id = a.id"
    )
    regions = agg(
        f"SELECT string_agg(r.name_{lang}, ' ') FROM articles_article_regions x"
        f" JOIN articles_region r ON r.id = x.region_id WHERE x.article_id = a.id"
    )
    cfg = f"'{config}'::regconfig"
    return (
        f"setweight(to_tsvector({cfg}, coalesce(a.title_{lang}, '')), 'A')"
        f" || setweight(to_tsvector({cfg}, coalesce(a.summary_{lang}, '') || ' ' || {highlights}"
        f" || ' ' || {authors}), 'B')"
        f" || setweight(to_tsvector({cfg}, coalesce(a.body_{lang}, '')), 'C')"
        f" || setweight(to_tsvector({cfg}, {topics} || ' ' || {regions}), 'D')"
    )


def forward_sql():
    columns = ", ".join(f"search_{lang}" for lang in CONFIGS)
    vectors = ",\n  ".join(_vector(lang, config) for lang, config in CONFIGS.items())
    updates = ", ".join(f"search_{lang} = EXCLUDED.search_{lang}" for lang in CONFIGS)
    indexes = [
        f"CREATE INDEX articles_search_{lang}_gin ON articles_searchdocument USING gin (search_{lang});"
        for lang in CONFIGS
    ]
    storage = ", ".join(f"ALTER COLUMN search_{lang} SET STORAGE MAIN" for lang in CONFIGS)
    return [
        # Keep the (compressed) vectors in the table rather than in TOAST: the planner does not
        # count TOAST reads, and with them out of line it seq-scanned 1 GB instead of using GIN.
        "ALTER TABLE articles_searchdocument SET (toast_tuple_target = 8160);",
        f"ALTER TABLE articles_searchdocument {storage};",
        *indexes,
        f"""
CREATE OR REPLACE FUNCTION articles_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
INSERT INTO articles_searchdocument (article_id, {columns})
SELECT a.id,
  {vectors}
FROM articles_article a WHERE a.id = ANY(ids)
ON CONFLICT (article_id) DO UPDATE SET {updates};
$$;""",
        """
CREATE OR REPLACE FUNCTION articles_search_on_article() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM articles_searchdocument WHERE article_id = OLD.id;
  ELSE
    PERFORM articles_search_refresh(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $$;""",
        """
CREATE OR REPLACE FUNCTION articles_search_on_part() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM articles_search_refresh(ARRAY[OLD.article_id]);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.article_id <> OLD.article_id) THEN
    PERFORM articles_search_refresh(ARRAY[NEW.article_id]);
  END IF;
  RETURN NULL;
END $$;""",
        """
CREATE OR REPLACE FUNCTION articles_search_on_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the through table and its column naming the changed row.
  EXECUTE format(
    'SELECT articles_search_refresh(ARRAY(SELECT article_id FROM %I WHERE %I = $1))',
    TG_ARGV[0], TG_ARGV[1]
  ) USING NEW.id;
  RETURN NULL;
END $$;""",
        """
CREATE TRIGGER articles_search_article AFTER INSERT OR UPDATE OR DELETE ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_search_on_article();""",
        *(
            f"""
CREATE TRIGGER articles_search_part AFTER INSERT OR UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION articles_search_on_part();"""
            for table in (
                "articles_authorship",
                "articles_highlight",
                "articles_article_topics",
                "articles_article_regions",
            )
        ),
        """
CREATE TRIGGER articles_search_person AFTER UPDATE OF given_name, family_name ON people_person
FOR EACH ROW EXECUTE FUNCTION articles_search_on_name('articles_authorship', 'person_id');""",
        f"""
CREATE TRIGGER articles_search_topic AFTER UPDATE OF {", ".join(f"name_{lang}" for lang in CONFIGS)}
ON articles_topic
FOR EACH ROW EXECUTE FUNCTION articles_search_on_name('articles_article_topics', 'topic_id');""",
        f"""
CREATE TRIGGER articles_search_region AFTER UPDATE OF {", ".join(f"name_{lang}" for lang in CONFIGS)}
ON articles_region
FOR EACH ROW EXECUTE FUNCTION articles_search_on_name('articles_article_regions', 'region_id');""",
        "SELECT articles_search_refresh(ARRAY(SELECT id FROM articles_article));",
    ]


BACKWARD_SQL = [
    "DROP TRIGGER IF EXISTS articles_search_article ON articles_article;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_authorship;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_highlight;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_article_topics;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_article_regions;",
    "DROP TRIGGER IF EXISTS articles_search_person ON people_person;",
    "DROP TRIGGER IF EXISTS articles_search_topic ON articles_topic;",
    "DROP TRIGGER IF EXISTS articles_search_region ON articles_region;",
    "DROP FUNCTION IF EXISTS articles_search_on_article();",
    "DROP FUNCTION IF EXISTS articles_search_on_part();",
    "DROP FUNCTION IF EXISTS articles_search_on_name();",
    "DROP FUNCTION IF EXISTS articles_search_refresh(bigint[]);",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for statement in forward_sql():
                cursor.execute(statement)  # no parameters: "%I" is format()'s, not a placeholder


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_translation_workflow"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                ("search_en", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("search_tr", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("search_ru", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
