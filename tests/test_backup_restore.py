"""Backups: ``manage.py backup DIR`` and ``manage.py restore DIR``.

The round trip is proven on whole sites in subprocesses (the demo on a scratch database, backed
up, restored into another, empty one: every public page the same HTML, every media file the same
bytes); the refusals and ``--force`` in-process on the test database.
"""

import datetime
import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from articles.models import Article, LiveVersion, SearchEntry
from articles.search.query import search
from audit.models import LogEntry
from people.models import Person
from tests.scratch import ROOT, run_python, scratch_database_url
from thinktank.backup import MANIFEST, BackupError, restore_backup, write_backup

# Backups


@pytest.fixture
def media(settings, tmp_path):
    """Uploads of this test in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def manifest_of(directory):
    return json.loads((directory / MANIFEST).read_text())


def rows_of(directory):
    """Every backed-up row, by model, parsed (JSON objects compare regardless of key order)."""
    return {
        item["model"]: [
            json.loads(line) for line in gzip.open(directory / item["file"], "rt", encoding="utf-8")
        ]
        for item in manifest_of(directory)["data"]
    }


def assert_same_rows(copy, original):
    """The rows of two backups are the same; else name the first model, row and fields that
    differ."""
    copied, rows = rows_of(copy), rows_of(original)
    assert sorted(copied) == sorted(rows)
    for model, items in rows.items():
        assert len(copied[model]) == len(items), model
        for mine, theirs in zip(copied[model], items, strict=True):
            fields = {k for k in mine["fields"] if mine["fields"][k] != theirs["fields"].get(k)}
            assert (mine["pk"], fields) == (theirs["pk"], set()), (
                model,
                {k: (mine["fields"][k], theirs["fields"].get(k)) for k in fields},
            )


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_backup_holds_every_apps_rows_and_the_media(media, site, tmp_path):
    """A backup holds the rows of every app (articles, live versions, translations, revisions'
    and audit tables, users and roles, people, sources) and each media file with its SHA-256,
    and leaves out what a restore makes again (content types, permissions, sessions, the search
    index)."""
    manifest = write_backup(tmp_path / "backup")
    held = {item["model"]: item["rows"] for item in manifest.data}
    assert held["articles.Article"] == Article.objects.count() > 0
    assert held["articles.LiveVersion"] == LiveVersion.objects.count() > 0
    assert held["people.Person"] == Person.objects.count() > 0
    for label in ("articles.Translation", "audit.LogEntry", "auth.User", "auth.Group",
                  "citations.Source", "citations.Citation", "reversion.Revision"):  # fmt: skip
        assert label in held
    for label in ("contenttypes.ContentType", "auth.Permission", "sessions.Session",
                  "articles.SearchEntry"):  # fmt: skip
        assert label not in held
    portrait = Person.objects.get(slug="ayla-demir").portrait.file
    assert {"name": portrait, "size": default_storage.size(portrait),
            "sha256": sha256(Path(media) / portrait)} in manifest.media  # fmt: skip
    rows = rows_of(tmp_path / "backup")
    group = rows["auth.Group"][0]
    assert isinstance(group["fields"]["permissions"][0], list)  # by natural key, not by id


def test_backup_needs_a_new_or_empty_directory(media, site, tmp_path):
    """A backup is never written over another: a directory that holds files is refused."""
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "notes.txt").write_text("keep")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"))
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["notes.txt"]


def test_backup_to_a_url_is_refused_with_the_way_to_do_it(db):
    """An object-storage URL is refused, saying to write a directory and copy it."""
    with pytest.raises(CommandError, match="write the backup to a directory"):
        call_command("backup", "s3://bucket/backups")


# Restores: refusals


def test_restore_refuses_a_database_with_content(media, site, tmp_path):
    """Restoring into a database that holds content is refused, saying what it holds and that
    --force replaces it; nothing is changed."""
    write_backup(tmp_path / "backup")
    Person.objects.create(given_name="Only", family_name="Here", slug="only-here")
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(tmp_path / "backup"))
    message = str(refusal.value)
    assert "not empty" in message and "people.Person" in message and "--force" in message
    assert Person.objects.filter(slug="only-here").exists()


def test_restore_refuses_a_backup_of_other_migrations(media, site, tmp_path):
    """A backup made at migrations this code does not have is refused, naming them."""
    backup = tmp_path / "backup"
    write_backup(backup)
    manifest = manifest_of(backup)
    manifest["migrations"].append("articles.9999_from_the_future")
    (backup / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="articles.9999_from_the_future"):
        restore_backup(backup)


def test_restore_refuses_a_damaged_media_file(media, site, tmp_path):
    """A media file that is not the one backed up (SHA-256) stops the restore before anything
    is written."""
    backup = tmp_path / "backup"
    manifest = write_backup(backup)
    (backup / "media" / manifest.media[0]["name"]).write_bytes(b"not a portrait")
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(backup, replace=True)
    assert Person.objects.filter(slug="ayla-demir").exists()


def test_restore_refuses_a_directory_that_is_not_a_backup(db, tmp_path):
    """A directory without a manifest is not a (finished) backup."""
    with pytest.raises(CommandError, match="not a finished backup"):
        call_command("restore", str(tmp_path))


# Restores: --force


def timestamps():
    """When things happened, as the database holds them."""
    return [
        *LogEntry.objects.order_by("pk").values_list("created_at", flat=True),
        *LiveVersion.objects.order_by("pk").values_list("visible_from", flat=True),
    ]


@pytest.mark.django_db(transaction=True)
def test_force_replaces_the_content_and_rebuilds_the_index(media, site, tmp_path):
    """With --force the database's content is replaced by the backup's (rows equal to a new
    backup of it), a differing media file is overwritten, and search finds the articles again."""
    backup = tmp_path / "backup"
    times = timestamps()
    assert any(moment.microsecond % 1000 for moment in times)
    write_backup(backup)
    Person.objects.create(given_name="Only", family_name="Here", slug="only-here")
    Article.objects.update(title_en="Changed after the backup")
    portrait = Person.objects.get(slug="ayla-demir").portrait.file
    with default_storage.open(portrait, "wb") as stream:
        stream.write(b"changed")
    with pytest.raises(CommandError, match="Media files with other content"):
        call_command("restore", str(backup))

    call_command("restore", str(backup), "--force")

    assert not Person.objects.filter(slug="only-here").exists()
    assert timestamps() == times  # to the microsecond
    assert sha256(Path(media) / portrait) == sha256(backup / "media" / portrait)
    write_backup(tmp_path / "again")
    assert_same_rows(tmp_path / "again", backup)
    live = LiveVersion.objects.visible("en").first()
    assert live.pk in [found.pk for found in search("en", max(live.title.split(), key=len))]
    if connection.vendor == "postgresql":
        assert SearchEntry.objects.count() > 0


# The round trip of a whole site


def crawl(database_url, media_root, at):
    """Start crawling the site on ``database_url`` (tests/site_crawl.py) in a subprocess."""
    out = media_root.parent / f"{media_root.name}-pages.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.site_crawl", str(out), at],
        cwd=ROOT,
        env=site_env(database_url, media_root),
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, out


def site_env(database_url, media_root):
    return {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}


def pages_of(process, out):
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors[-3000:]
    return json.loads(out.read_text())


def media_hashes(root):
    return {p.relative_to(root).as_posix(): sha256(p) for p in root.rglob("*") if p.is_file()}


def scratch_name(name):
    """On PostgreSQL, a scratch database named after this run's test database, so that runs on
    other databases of the same server do not meet (SQLite files are in the test's folder)."""
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("postgresql"):
        return name
    return f"{database['NAME']}_{name}"[-63:]


@pytest.mark.slow
def test_round_trip_gives_the_same_site(tmp_path):
    """The demo backed up and restored into an empty database serves the same HTML on every
    public page (home, lists, each article in each language, citation downloads, people, topics,
    regions, feeds, sitemap, search), the same media bytes, and backs up to the same rows."""
    source_url = scratch_database_url(scratch_name("backup_source"), tmp_path)
    source_media = tmp_path / "source-media"
    source = {"MEDIA_ROOT": str(source_media)}
    run_python(["manage.py", "migrate", "--noinput"], database_url=source_url, env=source)
    run_python(["manage.py", "load_demo", "--quiet"], database_url=source_url, env=source)
    backup = tmp_path / "backup"
    run_python(["manage.py", "backup", str(backup)], database_url=source_url, env=source)

    target_url = scratch_database_url(scratch_name("backup_target"), tmp_path)
    target_media = tmp_path / "target-media"
    output = run_python(
        ["manage.py", "restore", str(backup)],
        database_url=target_url,
        env={"MEDIA_ROOT": str(target_media)},
    )
    assert "Restored" in output

    at = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1)).isoformat()
    crawls = [crawl(source_url, source_media, at), crawl(target_url, target_media, at)]
    before, after = (pages_of(*c) for c in crawls)
    assert len(before) > 100 and all(status in (200, 302) for status, _, _ in before.values())
    for lang, word in (("en", "gas"), ("tr", "gaz"), ("ru", "газ")):
        assert f'href="/{lang}/articles/' in before[f"/{lang}/search/?q={word}"][2]
    assert sorted(after) == sorted(before)
    changed = [url for url in before if after[url] != before[url]]
    assert changed == [], f"{len(changed)} pages differ, first {changed[0]}"

    assert media_hashes(target_media) == media_hashes(source_media) != {}
    again = tmp_path / "backup-of-the-copy"
    run_python(
        ["manage.py", "backup", str(again)],
        database_url=target_url,
        env={"MEDIA_ROOT": str(target_media)},
    )
    assert_same_rows(again, backup)


@pytest.mark.slow
def test_backup_of_sqlite_restores_into_postgresql(tmp_path):
    """A backup made on SQLite restores into PostgreSQL with every row as it was."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: this run's database is SQLite (set DATABASE_URL)")
    source_url = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    env = {"MEDIA_ROOT": str(tmp_path / "media")}
    run_python(["manage.py", "migrate", "--noinput"], database_url=source_url, env=env)
    run_python(["manage.py", "load_demo", "--quiet"], database_url=source_url, env=env)
    run_python(["manage.py", "backup", str(tmp_path / "sqlite")], database_url=source_url, env=env)
    target_url = scratch_database_url(scratch_name("backup_from_sqlite"), tmp_path)
    run_python(["manage.py", "restore", str(tmp_path / "sqlite")], database_url=target_url, env=env)
    run_python(["manage.py", "backup", str(tmp_path / "pg")], database_url=target_url, env=env)
    assert_same_rows(tmp_path / "pg", tmp_path / "sqlite")
    assert manifest_of(tmp_path / "pg")["engine"] == "postgresql"
