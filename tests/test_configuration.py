"""Configuration comes from the environment, and a wrong value stops start-up with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from thinktank.environment import ConfigurationError, database_from_url

PROJECT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_sqlite_url_is_relative_to_the_project():
    """sqlite:///name.db puts the file in the project folder; four slashes give an absolute path."""
    assert (
        database_from_url("sqlite:///db.sqlite3", base_dir="/srv/app")["NAME"]
        == "/srv/app/db.sqlite3"
    )
    assert (
        database_from_url("sqlite:////var/lib/app.db", base_dir="/srv/app")["NAME"]
        == "/var/lib/app.db"
    )


def test_postgres_url_is_parsed():
    """A postgres:// URL gives the psycopg backend with every part in place, percent-escapes decoded."""
    config = database_from_url(
        "postgres://editor:p%40ss@db.internal:6543/thinktank?sslmode=require", base_dir="/"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "editor", "p@ss", "db.internal", "6543", "thinktank")  # fmt: skip
    assert config["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root@localhost/x",
        "postgres://localhost:5432/",
        "sqlite://",
        "postgres://h:notaport/x",
    ],
)
def test_bad_database_urls_raise_configuration_error(url):
    """Unsupported schemes, missing names and bad ports are configuration errors."""
    with pytest.raises(ConfigurationError):
        database_from_url(url, base_dir="/")


def test_bad_database_url_stops_start_up_with_one_line():
    """manage.py with a bad DATABASE_URL exits non-zero printing a single readable line."""
    result = run_manage("check", DATABASE_URL="mysql://root@localhost/x", DEBUG="1")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DATABASE_URL scheme 'mysql' is not supported: use sqlite:/// or postgres://."
    ]


def test_missing_secret_in_production_stops_start_up_with_one_line():
    """With DEBUG off and no SECRET_KEY, start-up stops and says what to set."""
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SECRET_KEY" in lines[0]


def test_malformed_debug_flag_is_refused():
    """DEBUG=maybe is an error, not silently false."""
    result = run_manage("check", DEBUG="maybe", SECRET_KEY="x")
    assert result.returncode != 0 and "DEBUG" in result.stderr


def test_migrations_match_models():
    """Every model change has its migration (makemigrations --check)."""
    result = run_manage("makemigrations", "--check", "--dry-run", SECRET_KEY="x")
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_stops_every_command_with_one_line():
    """Even commands Django runs before loading apps (makemigrations) stop with the one line."""
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=PROJECT,
        env={"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY must be set when DEBUG is off (export SECRET_KEY=...)."
    ]
