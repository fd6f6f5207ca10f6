"""Users and roles in the admin: every change of a user's roles or of a role's permissions is
written to the audit log."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.audit import record_role_change, record_role_permissions_change

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    def save_related(self, request, form, formsets, change):
        before = set(form.instance.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.groups.values_list("name", flat=True))
        record_role_change(
            form.instance, by=request.user, added=after - before, removed=before - after
        )


@admin.register(Group)
class GroupAdmin(auth_admin.GroupAdmin):
    def save_related(self, request, form, formsets, change):
        before = set(form.instance.permissions.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.permissions.values_list("pk", flat=True))
        record_role_permissions_change(form.instance, by=request.user, before=before, after=after)
