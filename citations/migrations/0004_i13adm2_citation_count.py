"""Each source's number of citations, kept by triggers on the citation table
(``citations.counts``): the column, its index for "most cited first", the triggers, and the
counts of the citations already there."""

from django.db import migrations, models

from citations import counts


def install_and_count(apps, schema_editor):
    """PostgreSQL: the triggers, then the counts. SQLite gets both after ``migrate``
    (``counts.after_migrate``), once every table has its final shape."""
    if schema_editor.connection.vendor == "postgresql":
        counts.install(schema_editor.connection)
        counts.recount(schema_editor.connection.alias)


def uninstall(apps, schema_editor):
    counts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("citations", "0003_i13admin_source_order")]

    operations = [
        migrations.AddField(
            model_name="source",
            name="citation_count",
            field=models.PositiveIntegerField(
                db_default=0,
                default=0,
                editable=False,
                help_text="How many citations of all articles cite this source.",
                serialize=False,
                verbose_name="cited",
            ),
        ),
        migrations.RunPython(install_and_count, uninstall, elidable=False),
        migrations.AddIndex(
            model_name="source",
            index=models.Index(fields=["-citation_count", "-id"], name="source_most_cited_idx"),
        ),
    ]
