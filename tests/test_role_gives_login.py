"""A user created in a role can log in: the add form asks for the role, and staff status (may log
in to the back office) follows the roles, with the change in the audit log."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import ROLES
from audit.models import LogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

User = get_user_model()
ADD_URL = "/admin/auth/user/add/"
PASSWORD = "a-long-enough-passphrase-42"


@pytest.fixture
def as_admin(client, administrator):
    client.force_login(administrator)
    return client


def add_user(client, username, role=None):
    data = {
        "username": username,
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    if role is not None:
        data["role"] = Group.objects.get(name=role).pk
    return client.post(ADD_URL, data)


def change_data(user, roles, **extra):
    """The user change form as posted, with ``roles`` ticked."""
    return {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "groups": [Group.objects.get(name=role).pk for role in roles],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "10:00:00",
        **extra,
    }


def test_the_add_form_asks_for_a_role(as_admin):
    """The add form offers user name, password and the role, each role with what it may do."""
    form = as_admin.get(ADD_URL).context["adminform"].form
    assert {"username", "password1", "password2", "role"} <= set(form.fields)
    labels = [label for value, label in form.fields["role"].choices if value]
    for name, description in ROLES.items():
        assert f"{name} — {description}" in labels


@pytest.mark.parametrize("role", list(ROLES))
def test_a_user_added_in_a_role_can_log_in(as_admin, client, role, settings):
    """Added with a role, the user is staff, has the role, and logs in to the back office."""
    response = add_user(as_admin, "nadia", role)
    assert response.status_code == 302, response.context and response.context["errors"]
    user = User.objects.get(username="nadia")
    assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [role]
    as_admin.logout()
    assert client.login(username="nadia", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_a_user_cannot_be_added_without_a_role(as_admin):
    """Leaving the role empty is refused with a message, and no user is made."""
    response = add_user(as_admin, "nadia")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["role"] == ["This field is required."]
    assert not User.objects.filter(username="nadia").exists()


def test_adding_is_logged_with_the_right_to_log_in(as_admin, administrator):
    """The audit line of the new user names the role and that they can now log in."""
    add_user(as_admin, "nadia", "Editor")
    entry = LogEntry.objects.get(action="role_change", subject="nadia")
    assert entry.user == administrator
    assert "Editor" in entry.comment and "can now log in to the back office" in entry.comment


def test_giving_a_role_makes_a_user_staff(as_admin, make_user):
    """A user with no role and no staff status gets both when an administrator ticks a role."""
    user = make_user("pia")
    User.objects.filter(pk=user.pk).update(is_staff=False)
    response = as_admin.post(f"/admin/auth/user/{user.pk}/change/", change_data(user, ["Editor"]))
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).is_staff


def test_removing_the_last_role_removes_staff_but_not_from_a_superuser(as_admin, make_user):
    """Untick a translator's only role: they can no longer log in, and the log says so. A
    superuser without a role keeps staff status."""
    user = make_user("tom", "Translator")
    as_admin.post(f"/admin/auth/user/{user.pk}/change/", change_data(user, []))
    assert not User.objects.get(pk=user.pk).is_staff
    entry = LogEntry.objects.filter(action="role_change", subject="tom").latest("pk")
    assert "can no longer log in to the back office" in entry.comment
    boss = User.objects.create_superuser("boss", "boss@example.org", PASSWORD)
    data = change_data(boss, [], is_staff="on", is_superuser="on")
    assert as_admin.post(f"/admin/auth/user/{boss.pk}/change/", data).status_code == 302
    assert User.objects.get(pk=boss.pk).is_staff


def test_keeping_one_of_two_roles_keeps_staff(as_admin, make_user):
    """Removing one role of two leaves the user staff."""
    user = make_user("tom", "Translator")
    user.groups.add(Group.objects.get(name="Contributor"))
    as_admin.post(f"/admin/auth/user/{user.pk}/change/", change_data(user, ["Contributor"]))
    assert User.objects.get(pk=user.pk).is_staff


def test_staff_status_cannot_be_unticked_beside_a_role(as_admin, make_user):
    """Staff status is shown, not edited, for a user with a role: a crafted POST leaves it on."""
    user = make_user("pia", "Contributor")
    page = as_admin.get(f"/admin/auth/user/{user.pk}/change/")
    assert "is_staff" not in page.context["adminform"].form.fields
    as_admin.post(f"/admin/auth/user/{user.pk}/change/", change_data(user, ["Contributor"]))
    assert User.objects.get(pk=user.pk).is_staff
