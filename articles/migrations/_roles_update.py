"""Bring the role groups up to date with ``articles.roles`` (used by role-changing migrations)."""

from django.contrib.auth.management import create_permissions

from articles import roles


def update_roles(apps, schema_editor):
    # Permissions are normally made after all migrations ran; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles.create_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
