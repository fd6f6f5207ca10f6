"""Every management command of the project explains itself with ``--help``."""

import io
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parent.parent
OURS = sorted(
    (app, name)
    for name, app in get_commands().items()
    if Path(app.replace(".", "/")).parts[0] in {"articles", "people", "citations", "accounts",
                                                "audit", "thinktank"}
)  # fmt: skip


def test_the_project_has_its_commands():
    """The commands the README documents are found."""
    names = {name for _app, name in OURS}
    assert {"load_demo", "create_user_in_role", "export_xliff", "import_xliff"} <= names
    assert {"check_links", "compile_translations"} <= names


@pytest.mark.parametrize(("app", "name"), OURS, ids=[name for _app, name in OURS])
def test_help_works(app, name):
    """``manage.py <command> --help`` prints its usage and what it does."""
    command = load_command_class(app, name)
    out = io.StringIO()
    parser = command.create_parser("manage.py", name)
    parser.print_help(file=out)
    text = out.getvalue()
    assert f"usage: manage.py {name}" in text
    assert str(command.help).split()[0] in text
