"""Indexes for the back office at scale.

- The article list's order (newest first) and the translation dashboard's (changed last), so a
  page is read from an index instead of sorting every article.
- PostgreSQL: trigram indexes on each language's title, so the admin's
  search box (``articles.editorial.admin_search``) finds a word inside a title without reading
  every article. Elsewhere (SQLite) the search reads the table, which is fine at demo size.
"""

from django.db import migrations, models


def title_columns(apps):
    article = apps.get_model("articles", "Article")
    return [field.column for field in article._meta.fields if field.name.startswith("title_")]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in title_columns(apps):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS article_{column}_trgm ON articles_article "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in title_columns(apps):
        schema_editor.execute(f"DROP INDEX IF EXISTS article_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_hero_image"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-publish_at", "-id"], name="article_admin_order_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-updated_at"], name="article_updated_idx"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
