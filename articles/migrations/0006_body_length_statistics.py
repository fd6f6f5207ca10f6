"""Statistics on ``octet_length(body_<lang>)`` (PostgreSQL only).

``Article.objects.live(lang)`` tests ``octet_length(body_<lang>) > 0`` rather than
``body_<lang> > ''``: PostgreSQL answers the length from the value's header, where the comparison
fetched and decompressed every long body. Without statistics on the expression the planner
guesses that a third of the rows pass (its default for an inequality), which skews the plans of
every list and search; these statistics objects give it the real distribution. On SQLite nothing
is done.
"""

from django.db import migrations

LANGS = ("en", "tr", "ru")


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for lang in LANGS:
            schema_editor.execute(
                f"CREATE STATISTICS IF NOT EXISTS articles_article_body_{lang}_length"
                f" ON (octet_length(body_{lang})) FROM articles_article"
            )
        schema_editor.execute("ANALYZE articles_article")


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for lang in LANGS:
            schema_editor.execute(f"DROP STATISTICS IF EXISTS articles_article_body_{lang}_length")


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_document")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
