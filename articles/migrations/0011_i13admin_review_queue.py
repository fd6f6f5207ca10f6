"""The translation dashboard's "waiting for review": the oldest ready translations, read from an
index on (status, updated_at) instead of every translation."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_i13scale_term_listings"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="translation",
            index=models.Index(
                fields=["status", "updated_at"], name="translation_review_queue_idx"
            ),
        ),
    ]
