"""The audit of access: who changed whose access, who made or revoked preview links and who
exported text for translation — each line with the actor, the address and the time."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from audit.models import LogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ADDRESS = "203.0.113.20"


def user_form(user, **changes):
    """The admin change form of ``user`` as posted, with ``changes``."""
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [group.pk for group in user.groups.all()],
        "user_permissions": [p.pk for p in user.user_permissions.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_deactivating_a_user_is_logged_and_ends_their_sessions(client, editor, make_user):
    """The administrator deactivates a translator who is logged in elsewhere: one line says
    so (who, from where), and the translator's next request finds them logged out."""
    translator = make_user("tuna", "Translator", password="password")
    elsewhere = client_class_login(translator)
    assert elsewhere.get("/admin/").status_code == 200
    client.force_login(editor)
    response = client.post(
        f"/admin/auth/user/{translator.pk}/change/",
        user_form(translator, is_active=""),
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LogEntry.objects.get(action="access_change")
    assert (entry.user, entry.subject, entry.address) == (editor, "tuna", ADDRESS)
    assert entry.data["is_active"] is False and "deactivated" in entry.comment
    after = elsewhere.get("/admin/")
    assert after.status_code == 302 and after["Location"].startswith("/admin/login/")


def client_class_login(user):
    other = Client()
    assert other.login(username=user.username, password="password")
    return other


def test_making_a_superuser_and_own_permissions_are_logged(client, editor, make_user):
    """Superuser status and permissions given to one user are on record, by name."""
    user = make_user("sam", "Contributor")
    view = Permission.objects.get(codename="view_logentry", content_type__app_label="audit")
    client.force_login(editor)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        user_form(user, is_superuser="on", user_permissions=[view.pk]),
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(action="access_change")
    assert entry.data["is_superuser"] is True
    assert entry.data["added"] == ["audit.view_logentry"] and entry.data["removed"] == []
    assert entry.address == ADDRESS


def test_saving_a_user_unchanged_logs_nothing(client, editor, make_user):
    """No line when nothing about access changed."""
    user = make_user("sam", "Contributor")
    client.force_login(editor)
    client.post(f"/admin/auth/user/{user.pk}/change/", user_form(user))
    assert not LogEntry.objects.filter(action="access_change").exists()


def test_preview_links_made_and_revoked_name_the_address(client, editor, make_article):
    """Showing the change form makes the links; revoking them: both lines carry the address."""
    article = make_article(published=False)
    client.force_login(editor)
    client.get(reverse("admin:articles_article_change", args=[article.pk]), REMOTE_ADDR=ADDRESS)
    client.post(
        reverse("admin:articles_article_revoke_preview_links", args=[article.pk]),
        REMOTE_ADDR="198.51.100.3",
    )
    made = LogEntry.objects.get(action="preview_links_made")
    revoked = LogEntry.objects.get(action="preview_links_revoked")
    assert (made.user, made.address) == (editor, ADDRESS)
    assert (revoked.user, revoked.address) == (editor, "198.51.100.3")


def test_an_xliff_export_is_logged_per_article(client, editor, make_article):
    """Exporting two articles into Turkish writes one line per article: who, where, which
    language and fields."""
    first = make_article(slug_en="first")
    second = make_article(slug_en="second", title_en="Second piece")
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/",
        {"action": "export_xliff", "_selected_action": [first.pk, second.pk], "language": "tr"},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 200
    lines = LogEntry.objects.filter(action="xliff_export").order_by("object_id")
    assert [line.object_id for line in lines] == [first.pk, second.pk]
    for line in lines:
        assert (line.user, line.language, line.address) == (editor, "tr", ADDRESS)
        assert "title" in line.data["fields"]


def test_the_log_page_shows_the_address(client, editor):
    """Editors read the address in the audit log's list."""
    client.force_login(editor)
    client.post("/admin/login/", {"username": "ghost", "password": "x"}, REMOTE_ADDR="192.0.2.44")
    page = client.get("/admin/audit/logentry/").content.decode()
    assert "192.0.2.44" in page and "Failed login" in page
