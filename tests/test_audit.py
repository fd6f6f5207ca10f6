"""The audit log: one log for articles, people, terms, sources, users and roles, with filters."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from articles.editorial import transitions as workflow
from articles.translations import status as translation_status
from audit.log import log
from audit.models import LogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def test_a_line_names_its_object_and_keeps_its_name_after_deletion(person, editor):
    """The line points at the person; deleting the person leaves the line readable."""
    entry = log(editor, "translation_approve", person, language="tr", note="checked")
    assert entry.content_type == ContentType.objects.get_for_model(person)
    assert entry.object_id == person.pk and entry.subject == "Dr. Ayla Demir"
    assert entry.data == {"note": "checked"}
    person.delete()
    entry.refresh_from_db()
    assert (
        entry.subject == "Dr. Ayla Demir" and str(entry) == "Translation approved: Dr. Ayla Demir"
    )


def test_translation_of_a_person_is_logged_against_the_person(person, editor):
    """Approving a person's Turkish text writes a line about the person, not an article."""
    person.position_tr = "Enerji analisti"
    person.save()
    translation_status.approve(person, ["tr"], by=editor)
    entry = LogEntry.objects.for_object(person).get()
    assert (entry.action, entry.language, entry.to_status) == (
        "translation_approve",
        "tr",
        "approved",
    )


def test_changing_a_roles_permissions_is_logged_naming_the_role(client, editor):
    """Saving a group with other permissions logs which were added and removed."""
    group = Group.objects.create(name="Proofreaders")
    view = Permission.objects.get(codename="view_article")
    client.force_login(editor)
    response = client.post(
        f"/admin/auth/group/{group.pk}/change/", {"name": "Proofreaders", "permissions": [view.pk]}
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(action="role_permissions_change")
    assert entry.subject == "Proofreaders" and entry.user == editor
    assert entry.data == {"added": ["articles.view_article"], "removed": []}
    assert entry.content_type == ContentType.objects.get_for_model(Group)


def test_the_log_page_filters_by_action_and_kind_of_object(client, editor, make_article, person):
    """Editors filter the log to one action, or to lines about people."""
    article = make_article(published=False)
    workflow.publish(article, by=editor)
    log(editor, "translation_approve", person, language="tr")
    client.force_login(editor)
    page = client.get("/admin/audit/logentry/", {"action": "publish"})
    assert [entry.action for entry in page.context["cl"].result_list] == ["publish"]
    people = ContentType.objects.get_for_model(person)
    page = client.get("/admin/audit/logentry/", {"content_type__id__exact": people.pk})
    assert [entry.subject for entry in page.context["cl"].result_list] == ["Dr. Ayla Demir"]
    assert f'href="/admin/people/person/{person.pk}/change/"' in page.content.decode()
