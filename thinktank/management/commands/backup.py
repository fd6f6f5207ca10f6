"""``manage.py backup DIR``: the database's content and the media files, into a new directory."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.utils.translation import gettext as _

from thinktank.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Back up the site into a new (or empty) directory: every app's rows (articles, their "
        "translations and live versions, revisions, the audit log, users and roles, people, "
        "sources and citations) as gzipped JSON Lines per model, through Django's serializers "
        "(natural keys for content types and permissions, all other ids kept), read in one "
        "consistent snapshot, plus every media file with its SHA-256 and a manifest.json. The "
        "format restores into SQLite or PostgreSQL alike (manage.py restore). Copy the directory "
        "to object storage with your tool of choice (e.g. aws s3 sync, rclone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory that does not exist yet, or is empty.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, directory, database, **options):
        if "://" in directory:
            raise CommandError(
                _(
                    "Give a directory, not %(target)s: write the backup to a directory, then "
                    "copy it to object storage."
                )
                % {"target": directory}
            )
        try:
            manifest = write_backup(directory, using=database)
        except (BackupError, DatabaseError, OSError) as exc:
            raise CommandError(_("No backup written: %(error)s") % {"error": exc}) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(directory)s: %(rows)d rows of %(models)d models, "
                    "%(files)d media files (%(bytes)d bytes)."
                )
                % {
                    "directory": directory,
                    "rows": manifest.rows,
                    "models": len(manifest.data),
                    "files": len(manifest.media),
                    "bytes": manifest.media_bytes,
                }
            )
        )
