"""Users and roles in the admin: every change of a user's roles or of a role's permissions is
written to the audit log. A user is created with a role, and staff status (may log in to the back
office) follows the roles."""

from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from accounts.audit import (
    permission_names,
    record_access_change,
    record_role_change,
    record_role_permissions_change,
)
from accounts.forms import ThrottledAuthenticationForm
from accounts.roles import ROLES, staff_follows_roles

User = get_user_model()
admin.site.login_form = ThrottledAuthenticationForm
if admin.site.is_registered(User):
    admin.site.unregister(User)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class RoleChoiceField(forms.ModelChoiceField):
    """A role (group), shown with what it may do: “Editor — reviews, edits, publishes …”."""

    def label_from_instance(self, group):
        description = ROLES.get(group.name)
        return f"{group.name} — {description}" if description else group.name


class UserCreationWithRoleForm(AdminUserCreationForm):
    """The add form of a user: user name, password and the role they work in."""

    role = RoleChoiceField(
        queryset=Group.objects.none(),
        label=_("Role"),
        help_text=_("What the user may do. A user with a role can log in to the back office."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Group.objects.order_by("name")


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    add_form = UserCreationWithRoleForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2", "role"),
            },
        ),
    )
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Permissions"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": _(
                    "Staff status follows the roles: a user with a role can log in to the back "
                    "office, a user without one cannot (a superuser keeps it)."
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_readonly_fields(self, request, obj=None):
        """Staff status is set by the roles, except for a superuser's own choice."""
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is None or not obj.is_superuser:
            readonly.append("is_staff")
        return readonly

    def save_related(self, request, form, formsets, change):
        user = form.instance
        before = set(user.groups.values_list("name", flat=True)) if change else set()
        permissions_before = (
            permission_names(user.user_permissions.select_related("content_type"))
            if change
            else set()
        )
        super().save_related(request, form, formsets, change)
        if change:
            changed = form.changed_data
            record_access_change(
                user,
                by=request.user,
                active=user.is_active if "is_active" in changed else None,
                superuser=user.is_superuser if "is_superuser" in changed else None,
                permissions_before=permissions_before,
                permissions_after=permission_names(
                    user.user_permissions.select_related("content_type")
                ),
            )
        role = None if change else form.cleaned_data.get("role")
        if role is not None:
            user.groups.add(role)
        after = set(user.groups.values_list("name", flat=True))
        record_role_change(
            user,
            by=request.user,
            added=after - before,
            removed=before - after,
            staff=staff_follows_roles(user),
        )


@admin.register(Group)
class GroupAdmin(auth_admin.GroupAdmin):
    def save_related(self, request, form, formsets, change):
        before = set(form.instance.permissions.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.permissions.values_list("pk", flat=True))
        record_role_permissions_change(form.instance, by=request.user, before=before, after=after)
