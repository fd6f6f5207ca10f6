"""Existing editorial roles get the media library's permissions (new installations get them
from ``accounts.roles`` when the roles are made): editors manage images and documents,
contributors pick and upload images, translators see them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")
GRANTS = {
    "Editor": [f"{verb}_{model}" for verb in CRUD for model in ("image", "document")],
    "Contributor": ["view_image", "add_image"],
    "Translator": ["view_image"],
}


def grant(apps, schema_editor):
    config = apps.get_app_config("library")
    config.models_module = True  # the migration state's stub has none; the permissions need it
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="library", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
