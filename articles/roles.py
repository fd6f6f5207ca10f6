"""The editorial roles: groups with exactly the permissions each needs.

The migration ``0003_editorial_roles`` creates them (``0004_translation_workflow`` brings them up
to date with the translation workflow); after every ``migrate`` a role group that
is missing is made again (an emptied database, a flushed test database), and the Administrator
role gets the permissions of models added since. A role an administrator has edited on purpose
is otherwise left alone.
"""

from django.utils.translation import gettext_lazy as _

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"
TRANSLATOR = "Translator"
ADMINISTRATOR = "Administrator"

ALL = "__all__"
CRUD = ("add", "change", "delete", "view")

ROLE_PERMISSIONS = {
    CONTRIBUTOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.submit_article",
        "articles.preview_article",
        *(f"articles.{verb}_authorship" for verb in CRUD),
        *(f"articles.{verb}_highlight" for verb in CRUD),
        *(f"citations.{verb}_citation" for verb in CRUD),
        "citations.add_source",
        "citations.view_source",
        "people.view_person",
        "articles.view_articletype",
        "articles.view_topic",
        "articles.view_region",
    ],
    EDITOR: [
        *(
            f"articles.{verb}_{model}"
            for verb in CRUD
            for model in ("article", "authorship", "highlight", "articletype", "topic", "region")
        ),
        "articles.submit_article",
        "articles.review_article",
        "articles.publish_article",
        "articles.edit_any_article",
        "articles.preview_article",
        "articles.view_articleactivity",
        "articles.approve_translation",
        "articles.view_translation",
        *(f"articles.{verb}_translatorlanguage" for verb in CRUD),
        *(f"citations.{verb}_{model}" for verb in CRUD for model in ("citation", "source")),
        *(f"people.{verb}_{model}" for verb in CRUD for model in ("person", "personlink")),
    ],
    TRANSLATOR: [
        "articles.view_article",
        "articles.change_article",
        "articles.translate_article",
        "articles.preview_article",
        "articles.view_authorship",
        "articles.view_highlight",
        "articles.change_highlight",
        "articles.view_articletype",
        "articles.view_topic",
        "articles.view_region",
        "articles.view_translation",
        "citations.view_citation",
        "citations.change_citation",
        "citations.view_source",
        "people.view_person",
    ],
    ADMINISTRATOR: ALL,
}

# Permissions of models that a migration after 0003 creates: an earlier migration making the roles
# cannot find them yet, and the later migration (which updates the roles again) adds them.
ADDED_BY_LATER_MIGRATIONS = {
    "articles.approve_translation",
    "articles.view_translation",
    *(f"articles.{verb}_translatorlanguage" for verb in CRUD),
}

ROLES = {
    CONTRIBUTOR: _("writes and submits their own drafts"),
    EDITOR: _("reviews, edits, publishes, schedules and unpublishes any article"),
    TRANSLATOR: _(
        "fills in the language versions of articles, people and terms, in assigned languages"
    ),
    ADMINISTRATOR: _("everything, including users and roles"),
}


def _resolve(permission_model, permissions):
    """The permission rows for ``permissions``; ``LookupError`` names any that do not exist."""
    if permissions == ALL:
        return list(permission_model.objects.all())
    wanted = {tuple(dotted.split(".")) for dotted in permissions}
    found = [
        permission
        for permission in permission_model.objects.filter(
            codename__in={codename for _app, codename in wanted}
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    missing -= {tuple(dotted.split(".")) for dotted in ADDED_BY_LATER_MIGRATIONS}
    if missing:
        raise LookupError(
            "Unknown permissions: " + ", ".join(sorted(".".join(key) for key in missing))
        )
    return found


def create_roles(group_model, permission_model, *, only_missing=False):
    """Create the role groups with their permissions; real or migration-state models.

    With ``only_missing``, existing roles keep the permissions they have (an administrator may
    have changed them), except Administrator, which always gets every permission.
    """
    for name, permissions in ROLE_PERMISSIONS.items():
        exists = group_model.objects.filter(name=name).exists()
        if only_missing and exists and permissions != ALL:
            continue
        found = _resolve(permission_model, permissions)
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.set(found)


def restore_roles(**kwargs):
    """After each migrate (``post_migrate``): make missing roles again, complete Administrator."""
    from django.contrib.auth.models import Group, Permission

    try:
        create_roles(Group, Permission, only_missing=True)
    except LookupError:
        return  # some app's permissions are not made yet; a later post_migrate completes this
