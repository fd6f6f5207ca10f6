"""Backups of the site: the database's content and the media files, in a directory, and back.

A backup is a directory::

    manifest.json                  what it holds: when and from which engine it was made, the
                                   migrations the database was at, each data file with its
                                   number of rows, each media file with its size and SHA-256
    data/<app>.<model>.jsonl.gz    the rows of one model in Django's JSON Lines serialization
    media/<name>                   every file of the default storage (uploaded images, …)

Why this format rather than ``pg_dump``: it reads and writes through Django, so a backup made on
PostgreSQL restores into SQLite and the other way round, into any database at the same
migrations; it holds every app's rows (articles and their translations, live versions,
revisions, the audit log, users and roles, people, sources and citations). Primary keys are
kept as they are, because revisions and audit lines name objects by id; references to content
types and permissions, which ``migrate`` makes with ids of its own, are written by natural key.
Rows are read in one transaction (a consistent snapshot on PostgreSQL while the site runs) and
streamed line by line, in both directions.

Left out, because a restore makes them again: content types and permissions (``migrate``),
sessions (everyone logs in again), and what an app registers with ``leave_out`` — derived data
that the app rebuilds when ``restored`` is sent (the search index: ``articles.search.schema``).

A restore goes only into an empty database (one holding nothing but what ``migrate`` makes: content
types, permissions and the editorial roles, which the backup's own roles replace), unless it is
told to replace the content. ``manifest.json`` is written last: a directory without it is not a
(finished) backup.
"""

import datetime
import gzip
import hashlib
import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext as _

FORMAT = "thinktank-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data"
MEDIA = "media"
CHUNK = 1024 * 1024

# Sent after a restore, with ``using`` (the database's alias): apps rebuild their derived data.
restored = Signal()

# Models that are not backed up: made by ``migrate``, or ephemeral, or derived (``leave_out``).
_left_out = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond (preview
    links and audit lines are compared to the microsecond)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why, in one line."""


def leave_out(label: str) -> None:
    """Keep the model ``app_label.ModelName`` out of backups: its rows are derived, and its app
    rebuilds them on ``restored``."""
    _left_out.add(label.lower())


@dataclass
class Manifest:
    """What a backup holds."""

    created_at: str
    engine: str
    migrations: list[str]
    data: list[dict] = field(default_factory=list)  # {"model", "file", "rows"}, in load order
    media: list[dict] = field(default_factory=list)  # {"name", "size", "sha256"}

    @property
    def rows(self) -> int:
        return sum(item["rows"] for item in self.data)

    @property
    def media_bytes(self) -> int:
        return sum(item["size"] for item in self.media)

    def as_json(self) -> dict:
        return {"format": FORMAT, "version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        path = directory / MANIFEST
        if not directory.is_dir():
            raise BackupError(_("%(path)s is not a directory.") % {"path": directory})
        if not path.is_file():
            raise BackupError(
                _("%(path)s holds no %(manifest)s: it is not a finished backup.")
                % {"path": directory, "manifest": MANIFEST}
            )
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BackupError(
                _("%(path)s cannot be read: %(error)s") % {"path": path, "error": exc}
            ) from exc
        if values.pop("format", None) != FORMAT or values.pop("version", None) != FORMAT_VERSION:
            raise BackupError(
                _("%(path)s is not a backup this site can read (it reads %(format)s %(version)s).")
                % {"path": path, "format": FORMAT, "version": FORMAT_VERSION}
            )
        return cls(**values)


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows a backup holds, in an order that loads (natural keys first)."""
    app_list = {
        config: [
            model
            for model in config.get_models()
            if model._meta.label_lower not in _left_out
            and model._meta.managed
            and not model._meta.proxy
        ]
        for config in apps.get_app_configs()
    }
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations()
    )


def content_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """The backed-up models that hold rows in this database, with their counts; groups with
    no members are not content (``migrate`` makes the editorial roles)."""
    counts = {}
    for model in backed_up_models():
        queryset = model._base_manager.using(using)
        if model is Group:
            queryset = queryset.filter(user__isnull=False).distinct()
        count = queryset.count()
        if count:
            counts[model._meta.label] = count
    return counts


# Writing


def write_backup(directory: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Write the database ``using`` and the default storage's files into ``directory`` (new, or
    empty)."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(
            _("%(path)s already exists and is not empty: give a new directory.")
            % {"path": directory}
        )
    made = not directory.exists()
    try:
        return _write(directory, using)
    except BaseException:
        shutil.rmtree(directory / DATA, ignore_errors=True)
        shutil.rmtree(directory / MEDIA, ignore_errors=True)
        if made:
            shutil.rmtree(directory, ignore_errors=True)
        raise


def _write(directory: Path, using: str) -> Manifest:
    (directory / DATA).mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    manifest = Manifest(
        created_at=timezone.now().isoformat(),
        engine=connection.vendor,
        migrations=applied_migrations(using),
    )
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic(using=using):
        if snapshot:  # one snapshot for every table, while the site keeps writing
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in backed_up_models():
            manifest.data.append(_write_model(model, directory, using))
    manifest.media = _copy_media(default_storage, directory / MEDIA)
    (directory / MANIFEST).write_text(
        json.dumps(manifest.as_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def _write_model(model: type[models.Model], directory: Path, using: str) -> dict:
    name = f"{DATA}/{model._meta.label_lower}.jsonl.gz"
    queryset = model._base_manager.using(using).order_by(model._meta.pk.attname)
    counter = _Counter()
    with gzip.open(directory / name, "wt", encoding="utf-8") as stream:
        serializers.serialize(
            "jsonl",
            counter.count(queryset.iterator(chunk_size=2000)),
            stream=stream,
            use_natural_foreign_keys=True,
            cls=ExactJSONEncoder,
        )
    return {"model": model._meta.label, "file": name, "rows": counter.rows}


class _Counter:
    rows = 0

    def count(self, objects):
        for obj in objects:
            self.rows += 1
            yield obj


def _storage_files(storage: Storage, path: str = ""):
    directories, files = storage.listdir(path)
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for name in sorted(directories):
        yield from _storage_files(storage, f"{path}/{name}" if path else name)


def _copy_media(storage: Storage, target: Path) -> list[dict]:
    copied = []
    if not _storage_has_root(storage):
        return copied
    for name in _storage_files(storage):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as source, destination.open("wb") as out:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
        copied.append(
            {"name": name, "size": destination.stat().st_size, "sha256": digest.hexdigest()}
        )
    return copied


def _storage_has_root(storage: Storage) -> bool:
    """A file system storage whose folder was never made holds no files (listdir would fail)."""
    location = getattr(storage, "location", None)
    return location is None or Path(location).is_dir()


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


# Restoring


def restore_backup(
    directory: Path, *, using: str = DEFAULT_DB_ALIAS, replace: bool = False
) -> Manifest:
    """Restore the backup in ``directory`` into the database ``using`` (migrated first) and the
    default storage, then send ``restored`` so derived data is rebuilt.

    Refused when the database holds content or a media file of the same name differs, unless
    ``replace``: then the database's content is deleted first and such files are overwritten
    (other files in the storage are left alone)."""
    directory = Path(directory)
    manifest = Manifest.read(directory)
    _check_files(directory, manifest)
    call_command("migrate", database=using, interactive=False, verbosity=0)
    _check_migrations(manifest, using)
    conflicts = _media_conflicts(directory, manifest)
    counts = content_counts(using)
    if (counts or conflicts) and not replace:
        raise BackupError(_refusal(counts, conflicts))
    if counts:
        call_command("flush", database=using, interactive=False, verbosity=0)
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic(using=using):
        # The roles migrate made give way to the backup's (the same names, other ids).
        Group.objects.using(using).all().delete()
        call_command(
            "loaddata",
            *[str(directory / item["file"]) for item in manifest.data if item["rows"]],
            database=using,
            verbosity=0,
        )
    _restore_media(directory, manifest, conflicts)
    restored.send(sender=Manifest, using=using)
    return manifest


def _check_files(directory: Path, manifest: Manifest) -> None:
    """Every file the manifest names is there, and media files are the ones backed up."""
    for item in manifest.data:
        if not (directory / item["file"]).is_file():
            raise BackupError(_("The backup lacks %(file)s.") % {"file": item["file"]})
    for item in manifest.media:
        path = directory / MEDIA / item["name"]
        if not path.is_file() or _file_sha256(path) != item["sha256"]:
            raise BackupError(
                _("The backup's media file %(name)s is missing or damaged (SHA-256 differs).")
                % {"name": item["name"]}
            )


def _check_migrations(manifest: Manifest, using: str) -> None:
    here = set(applied_migrations(using))
    backup = set(manifest.migrations)
    if here != backup:
        raise BackupError(
            _(
                "The backup was made at other migrations than this code's (only in the backup: "
                "%(backup)s; only here: %(here)s). Restore with the version of the site that "
                "made it, then upgrade."
            )
            % {
                "backup": ", ".join(sorted(backup - here)) or "-",
                "here": ", ".join(sorted(here - backup)) or "-",
            }
        )


def _media_conflicts(directory: Path, manifest: Manifest) -> list[str]:
    """Media files of the backup that exist in the storage with other content."""
    return [
        item["name"]
        for item in manifest.media
        if default_storage.exists(item["name"]) and _stored_sha256(item["name"]) != item["sha256"]
    ]


def _file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return _sha256(stream)


def _stored_sha256(name: str) -> str:
    with default_storage.open(name, "rb") as stream:
        return _sha256(stream)


def _refusal(counts: dict[str, int], conflicts: list[str]) -> str:
    parts = []
    if counts:
        held = ", ".join(f"{count} × {label}" for label, count in list(counts.items())[:5])
        parts.append(_("The database is not empty (it holds %(held)s).") % {"held": held})
    if conflicts:
        parts.append(
            _("Media files with other content already exist: %(names)s.")
            % {"names": ", ".join(conflicts[:5])}
        )
    parts.append(_("Restore into an empty database, or pass --force to replace what is there."))
    return " ".join(parts)


def _restore_media(directory: Path, manifest: Manifest, conflicts: list[str]) -> None:
    for item in manifest.media:
        name = item["name"]
        if default_storage.exists(name):
            if name not in conflicts:
                continue  # the same file
            default_storage.delete(name)
        with (directory / MEDIA / name).open("rb") as stream:
            saved = default_storage.save(name, File(stream, name=name))
        if saved != name:
            raise BackupError(
                _("The storage saved %(name)s as %(saved)s.") % {"name": name, "saved": saved}
            )
