"""``manage.py restore DIR``: a backup into an empty database and the media storage."""

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.utils.translation import gettext as _

from thinktank.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by manage.py backup: migrates the database, refuses unless it is "
        "empty (nothing but what migrate makes) and no media file of the same name differs, "
        "loads every row in one transaction, copies the media files into the storage (checked "
        "against their SHA-256), then rebuilds derived data such as the search index. The "
        "backup must have been made at the same migrations as this code. --force deletes the "
        "database's content first and overwrites differing media files."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory written by manage.py backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty (it is deleted).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, directory, force, database, **options):
        try:
            manifest = restore_backup(directory, using=database, replace=force)
        except (BackupError, DatabaseError, DeserializationError, OSError) as exc:
            raise CommandError(_("Restore failed: %(error)s") % {"error": exc}) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored %(directory)s (made %(created)s on %(engine)s): %(rows)d rows, "
                    "%(files)d media files; derived data rebuilt."
                )
                % {
                    "directory": directory,
                    "created": manifest.created_at,
                    "engine": manifest.engine,
                    "rows": manifest.rows,
                    "files": len(manifest.media),
                }
            )
        )
