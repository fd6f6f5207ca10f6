"""Images stored on the article form (``Article.image``) become library images: checked and
cleaned like any upload, the article's hero when it has none (and that of the live versions
showing them), with the article's alternative text and caption in each language where the
library image has none; the files as uploaded are removed. 0011 then removes the field, the
live versions' copy and the article's own alt text and caption: the library is the only way
an image comes in."""

from django.db import migrations

from library.article_images import move_article_images, remove_image_files


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_i13admin_review_queue"),
        ("library", "0003_i15media_focal_point"),
    ]

    operations = [
        migrations.RunPython(move_article_images, migrations.RunPython.noop),
        migrations.RunPython(remove_image_files, migrations.RunPython.noop),
    ]
