"""The editorial roles as groups, each with exactly the permissions it needs.

The lists live in ``articles.roles.ROLE_PERMISSIONS``; a later change of a role is a new
migration that calls ``roles.create_roles`` again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles import roles


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations ran; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles.create_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=roles.ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("citations", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
