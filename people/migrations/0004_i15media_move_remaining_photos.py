"""Photos stored on the person form since 0002 become library portraits too (the same step,
reusing identical images), and the files as uploaded are removed, before 0005 removes the
field: the library is the only way a picture comes in."""

from django.db import migrations

from library.portraits import move_photos, remove_photo_files


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0003_i15media_focal_point"),
        ("people", "0003_i13scale_name_index"),
    ]

    operations = [
        migrations.RunPython(move_photos, migrations.RunPython.noop),
        migrations.RunPython(remove_photo_files, migrations.RunPython.noop),
    ]
