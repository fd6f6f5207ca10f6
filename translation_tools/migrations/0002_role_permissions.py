"""Existing Editor and Translator roles get the glossary and memory permissions (new
installations get them from ``accounts.roles`` when the roles are made)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [f"{verb}_{model}" for verb in ("add", "change", "delete", "view")
          for model in ("glossaryterm", "memoryentry")]  # fmt: skip
TRANSLATOR = ["view_glossaryterm", "view_memoryentry"]


def grant(apps, schema_editor):
    config = apps.get_app_config("translation_tools")
    config.models_module = True  # the migration state's stub has none; the permissions need it
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editor", EDITOR), ("Translator", TRANSLATOR)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="translation_tools", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("translation_tools", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
