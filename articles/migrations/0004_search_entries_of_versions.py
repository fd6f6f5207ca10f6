"""Search entries index live versions: one row per version (not per article and language).

The entries are derived data, so the table is made again: on PostgreSQL the old partitioned
table (and its functions and triggers) go, the new parent table comes, and after ``migrate``
``articles.search.schema.sync`` makes its partitions, functions and triggers and fills it.
Going backwards does the same the other way (and ``0002_search``'s sync fills the old shape).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

OLD_PARENT = """
CREATE TABLE articles_searchentry (
  article_id bigint NOT NULL,
  language varchar(5) NOT NULL,
  visible_from timestamptz NOT NULL,
  ranking tsvector NOT NULL,
  document tsvector NOT NULL
) PARTITION BY LIST (language);"""

NEW_PARENT = """
CREATE TABLE articles_searchentry (
  version_id bigint NOT NULL,
  article_id bigint NOT NULL,
  language varchar(5) NOT NULL,
  visible_from timestamptz NOT NULL,
  visible_until timestamptz NULL,
  ranking tsvector NOT NULL,
  document tsvector NOT NULL
) PARTITION BY LIST (language);"""

# Every function and trigger either shape of the schema made.
DROP = [
    "DROP TRIGGER IF EXISTS articles_search_article ON articles_article;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_authorship;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_highlight;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_article_topics;",
    "DROP TRIGGER IF EXISTS articles_search_part ON articles_article_regions;",
    "DROP TRIGGER IF EXISTS articles_search_person ON people_person;",
    "DROP TRIGGER IF EXISTS articles_search_topic ON articles_topic;",
    "DROP TRIGGER IF EXISTS articles_search_region ON articles_region;",
    "DROP TRIGGER IF EXISTS articles_search_translation ON articles_translation;",
    "DROP TRIGGER IF EXISTS articles_search_translation_change ON articles_translation;",
    "DROP TRIGGER IF EXISTS articles_search_term_translation ON articles_translation;",
    "DROP TRIGGER IF EXISTS articles_search_version_delete ON articles_liveversion;",
    "DROP FUNCTION IF EXISTS articles_search_on_translation();",
    "DROP FUNCTION IF EXISTS articles_search_on_article();",
    "DROP FUNCTION IF EXISTS articles_search_on_part();",
    "DROP FUNCTION IF EXISTS articles_search_on_name();",
    "DROP FUNCTION IF EXISTS articles_search_on_version_delete();",
    "DROP FUNCTION IF EXISTS articles_search_on_person();",
    "DROP FUNCTION IF EXISTS articles_search_on_term();",
    "DROP FUNCTION IF EXISTS articles_search_on_term_translation();",
    "DROP FUNCTION IF EXISTS articles_search_refresh(bigint[]);",
    "DROP TABLE IF EXISTS articles_searchentry;",
]


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)
    else:
        schema_editor.delete_model(apps.get_model("articles", "SearchEntry"))


def create_table(parent):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(parent)
        else:
            schema_editor.create_model(apps.get_model("articles", "SearchEntry"))

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_live_versions")]

    operations = [
        migrations.RunPython(drop_table, create_table(OLD_PARENT), elidable=False),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SearchEntry"),
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        ("pk", models.CompositePrimaryKey("version", "language", blank=True, editable=False, primary_key=True, serialize=False)),
                        ("language", models.CharField(choices=[("en", "English"), ("tr", "Turkish"), ("ru", "Russian")], max_length=5, verbose_name="language")),
                        ("visible_from", models.DateTimeField(verbose_name="visible from")),
                        ("visible_until", models.DateTimeField(null=True, verbose_name="visible until")),
                        ("ranking", django.contrib.postgres.search.SearchVectorField()),
                        ("document", django.contrib.postgres.search.SearchVectorField()),
                        ("version", models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name="search_entries", to="articles.liveversion", verbose_name="live version")),
                        ("article", models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name="search_entries", to="articles.article", verbose_name="article")),
                    ],
                    options={
                        "verbose_name": "search entry",
                        "verbose_name_plural": "search entries",
                    },
                ),
            ],
        ),
        migrations.RunPython(create_table(NEW_PARENT), drop_table, elidable=False),
    ]
