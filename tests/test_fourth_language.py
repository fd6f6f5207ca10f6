"""Adding a language is one line in the registry, ``makemigrations``, and a catalogue.

The procedure of the README ("Adding a language"), run on a copy of the project: German and
Arabic (right to left) are added to ``thinktank.languages.REGISTRY``, ``makemigrations`` writes
the new columns, and the suite's language-dependent checks (``tests/test_languages.py``) run
against the copy for all five languages, on the same database engine as this run.
"""

import shutil
from pathlib import Path

import pytest

from tests.scratch import run_python, scratch_database_url

ROOT = Path(__file__).resolve().parent.parent
NEW_LINES = (
    '    Language("de", _("German"), "Deutsch", "de_DE", "german", "d.m.Y", "j. F Y", "Y, j. F"),\n'
    '    Language("ar", _("Arabic"), "العربية", "ar_EG", "arabic", "d.m.Y", "j F Y", "Y, j F",'
    ' "rtl"),\n'
)
ANCHOR = '    Language("ru", _("Russian")'
SKIPPED = {".git", ".venv", "node_modules", "staticfiles", "media", "__pycache__", ".pytest_cache"}


def copy_project(target: Path) -> None:
    def ignore(directory, names):
        return [name for name in names if name in SKIPPED or name.endswith(".sqlite3")]

    shutil.copytree(ROOT, target, ignore=ignore)


def add_languages(project: Path) -> None:
    registry = project / "thinktank" / "languages.py"
    text = registry.read_text()
    line_end = text.index("\n", text.index(ANCHOR)) + 1
    registry.write_text(text[:line_end] + NEW_LINES + text[line_end:])


@pytest.mark.slow
def test_german_and_arabic_are_one_registry_line_each(tmp_path):
    """Registry lines, makemigrations, then every language check passes in five languages."""
    project = tmp_path / "project"
    copy_project(project)
    add_languages(project)
    url = scratch_database_url("thinktank_fourth", tmp_path)

    def run(args):
        return run_python(args, database_url=url, cwd=project)

    made = run(["manage.py", "makemigrations"])
    assert "title_de" in made and "title_ar" in made
    new = sorted(
        str(path.relative_to(project))
        for path in project.glob("*/migrations/0*.py")
        if not (ROOT / path.relative_to(project)).exists()
    )
    translated_apps = {"articles", "people", "citations", "library", "translation_tools"}
    assert {path.split("/")[0] for path in new} <= translated_apps
    run(["manage.py", "makemigrations", "--check", "--dry-run"])

    output = run(["-m", "pytest", "-p", "no:cacheprovider", "tests/test_languages.py"])
    assert "failed" not in output and "error" not in output.lower()
    passed = int(output.strip().splitlines()[-1].split(" passed")[0].split()[-1])
    assert passed >= 5 * 7  # every check, for each of the five languages
