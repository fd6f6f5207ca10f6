"""Editorial roles: the groups the migration creates, their permissions, the command, the audit."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import LogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def perms(role):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def test_migration_creates_the_four_roles():
    """Contributor, Editor, Translator and Administrator exist after migrating."""
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Contributor",
        "Editor",
        "Translator",
        "Administrator",
    }


def test_contributor_writes_and_submits_but_cannot_publish_or_review():
    """A contributor adds, changes and submits articles and their rows; nothing more."""
    granted = perms("Contributor")
    assert {"articles.add_article", "articles.change_article", "articles.submit_article"} <= granted
    assert {"citations.add_citation", "articles.add_authorship", "people.view_person"} <= granted
    assert not granted & {
        "articles.publish_article",
        "articles.review_article",
        "articles.edit_any_article",
        "articles.delete_article",
        "people.change_person",
        "auth.change_user",
    }


def test_editor_reviews_publishes_and_manages_people_taxonomies_and_sources():
    """An editor has the whole article workflow and manages people, topics, regions and sources."""
    granted = perms("Editor")
    assert {
        "articles.review_article",
        "articles.publish_article",
        "articles.edit_any_article",
        "articles.delete_article",
        "articles.change_topic",
        "articles.change_region",
        "people.change_person",
        "citations.change_source",
        "audit.view_logentry",
    } <= granted
    assert not granted & {
        "auth.change_user",
        "auth.change_group",
        "audit.change_logentry",
    }


def test_editors_manage_the_media_library_and_contributors_pick_and_upload_images():
    """Editors manage images and documents; contributors choose an article's hero image and
    upload new ones, but cannot delete or replace what others use."""
    editor, contributor = perms("Editor"), perms("Contributor")
    assert {f"library.{verb}_{model}" for verb in ("add", "change", "delete", "view")
            for model in ("image", "document")} <= editor  # fmt: skip
    assert {"library.view_image", "library.add_image"} <= contributor
    assert not contributor & {
        "library.change_image",
        "library.delete_image",
        "library.add_document",
    }


def test_translator_cannot_run_the_workflow():
    """A translator edits translations but may not submit, review, publish or delete."""
    granted = perms("Translator")
    assert "articles.translate_article" in granted
    assert not granted & {
        "articles.submit_article",
        "articles.review_article",
        "articles.publish_article",
        "articles.delete_article",
        "articles.add_article",
    }


def test_administrator_has_every_permission_including_users():
    """The administrator role holds every permission, those of later models included."""
    granted = perms("Administrator")
    assert {"auth.change_user", "auth.change_group", "articles.publish_article"} <= granted
    assert len(granted) == Permission.objects.count()


def test_command_creates_a_staff_user_in_a_role(capsys):
    """create_user_in_role makes a staff member of the group, password set, and logs it."""
    call_command("create_user_in_role", "nadia", "editor", "--password", "long-enough-passphrase-7")
    user = get_user_model().objects.get(username="nadia")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]
    assert user.check_password("long-enough-passphrase-7")
    assert user.has_perm("articles.publish_article")
    assert "Created nadia as Editor" in capsys.readouterr().out
    entry = LogEntry.objects.get(action="role_change")
    assert entry.subject == "nadia" and "Editor" in entry.comment


def test_command_without_password_leaves_an_unusable_one():
    """No password given: the user exists but must set one with changepassword."""
    call_command("create_user_in_role", "omar", "Contributor")
    assert not get_user_model().objects.get(username="omar").has_usable_password()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["zoe", "Boss"],
            "Unknown role “Boss”: use one of Contributor, Editor, Translator, Administrator.",
        ),
        (["editor", "Editor"], "The user “editor” already exists."),
        (["zoe", "Editor", "--password", "123"], "This password is too short"),
        (["bad name!", "Editor"], "Enter a valid username"),
    ],
)
def test_command_refuses_bad_input_with_one_line(args, message, editor):
    """Unknown role, taken name, weak password or bad name: one clear line, no user created."""
    users_before = get_user_model().objects.count()
    with pytest.raises(CommandError) as error:
        call_command("create_user_in_role", *args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert get_user_model().objects.count() == users_before


def test_command_exits_non_zero_on_bad_role(tmp_path):
    """Run as a program, a bad role exits with status 1 and one line on stderr."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'roles.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "create_user_in_role", "zoe", "Boss"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "CommandError: Unknown role “Boss”: use one of Contributor, Editor, Translator, Administrator."
    ]


def test_role_change_in_the_user_admin_is_logged(client, editor, make_user):
    """Adding a user to a group through the admin writes an audit line."""
    user = make_user("pia")
    client.force_login(editor)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": "pia",
            "email": "pia@example.org",
            "is_active": "on",
            "is_staff": "on",
            "groups": [Group.objects.get(name="Translator").pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    entry = LogEntry.objects.get(action="role_change")
    assert entry.subject == "pia" and entry.user == editor and "Translator" in entry.comment
