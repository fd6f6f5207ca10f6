"""The migrations stand alone: from an empty database, backwards to zero and forwards again."""

import pytest

from tests.scratch import run_python, scratch_database_url


@pytest.mark.slow
def test_migrate_from_empty_back_to_zero_and_forward(tmp_path):
    """``migrate``, ``migrate articles zero``, ``migrate``: each works, and the demo loads and
    is searchable afterwards (on SQLite or PostgreSQL, like the suite)."""
    url = scratch_database_url("thinktank_migrate", tmp_path)

    def manage(*args):
        return run_python(["manage.py", *args], database_url=url)

    manage("migrate", "--noinput")
    manage("load_demo", "--quiet")
    manage("migrate", "articles", "zero", "--noinput")
    assert "[X]" not in manage("showmigrations", "articles", "citations")
    manage("migrate", "--noinput")
    manage("load_demo", "--quiet")
    found = manage(
        "shell",
        "-c",
        "from articles.search.query import search; print(len(list(search('en', 'gas'))))",
    )
    assert int(found.strip().splitlines()[-1]) > 0
    manage("makemigrations", "--check", "--dry-run")
