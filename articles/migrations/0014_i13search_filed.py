"""Search entries keep their topics' and regions' names apart from the ranking vector.

The entries are derived data: the column arrives empty, and ``articles.search.schema.sync``
(after ``migrate``: its statements changed) indexes it and rewrites every entry.
"""

import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_i15hero_remove_image")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="filed",
            field=django.contrib.postgres.search.SearchVectorField(default=""),
            preserve_default=False,
        ),
    ]
