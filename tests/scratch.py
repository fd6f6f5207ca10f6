"""Running ``manage.py`` in a subprocess on a scratch database of its own.

For tests of whole procedures (migrating back and forth, adding a language): a SQLite file in
the test's temporary folder, or a PostgreSQL database on the server of the test database, made
empty first. The suite's own database is never touched.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def scratch_database_url(name: str, tmp_path: Path) -> str:
    """A fresh, empty database called ``name``, on the engine the tests run on."""
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("postgresql"):
        return f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
    host, port, user = database["HOST"], database["PORT"] or 5432, database["USER"]
    with psycopg.connect(
        host=host, port=port, user=user or None, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{user + '@' if user else ''}{host}:{port}/{name}"


def run_python(
    args, *, database_url: str, cwd: Path = ROOT, timeout: int = 600, env: dict | None = None
) -> str:
    """``python <args>`` with ``DEBUG=1`` on ``database_url`` (and the variables ``env``); its
    output, or a failed assert that shows the end of it."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url, **(env or {})}
    result = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout
