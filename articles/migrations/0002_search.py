"""The full-text search index (``SearchEntry``): on PostgreSQL a table partitioned by language.

This migration makes only the parent table, which is the same for every set of languages; the
partitions (one per site language, with their GIN indexes), the refresh function and the
triggers are made from the language registry after every ``migrate`` by
``articles.search.schema.sync``, so adding a language needs no migration here. Going backwards
drops all of it. On SQLite the table is a plain one that stays empty.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

PARENT_TABLE = """
CREATE TABLE articles_searchentry (
  article_id bigint NOT NULL,
  language varchar(5) NOT NULL,
  visible_from timestamptz NOT NULL,
  ranking tsvector NOT NULL,
  document tsvector NOT NULL
) PARTITION BY LIST (language);"""

# What ``articles.search.schema.sync`` makes besides the partitions (they go with the table).
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
    "DROP FUNCTION IF EXISTS articles_search_on_translation();",
    "DROP FUNCTION IF EXISTS articles_search_on_article();",
    "DROP FUNCTION IF EXISTS articles_search_on_part();",
    "DROP FUNCTION IF EXISTS articles_search_on_name();",
    "DROP FUNCTION IF EXISTS articles_search_refresh(bigint[]);",
    "DROP TABLE IF EXISTS articles_searchentry;",
]


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PARENT_TABLE)
    else:
        schema_editor.create_model(apps.get_model("articles", "SearchEntry"))


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)
    else:
        schema_editor.delete_model(apps.get_model("articles", "SearchEntry"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SearchEntry',
                    fields=[
                        ('pk', models.CompositePrimaryKey('article', 'language', blank=True, editable=False, primary_key=True, serialize=False)),
                        ('language', models.CharField(choices=[('en', 'English'), ('tr', 'Turkish'), ('ru', 'Russian')], max_length=5, verbose_name='language')),
                        ('visible_from', models.DateTimeField(verbose_name='visible from')),
                        ('ranking', django.contrib.postgres.search.SearchVectorField()),
                        ('document', django.contrib.postgres.search.SearchVectorField()),
                        ('article', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='search_entries', to='articles.article', verbose_name='article')),
                    ],
                    options={
                        'verbose_name': 'search entry',
                        'verbose_name_plural': 'search entries',
                    },
                ),
            ],
        ),
        migrations.RunPython(create_table, drop_table, elidable=False),
    ]
