"""The editorial roles: groups with exactly the permissions each needs.

After every ``migrate`` (and ``flush``) a role group that is missing is made again, and the
Administrator role gets every permission, including those of models added since. A role an
administrator has edited on purpose is otherwise left alone; a later change to a role's
permissions ships as a data migration of this app with the permissions written out in it.
"""

from django.contrib.auth.models import Group, Permission
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
        # The media library: pick an article's hero image, upload a new one.
        "library.view_image",
        "library.add_image",
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
        "articles.approve_translation",
        "articles.view_translation",
        *(f"articles.{verb}_translatorlanguage" for verb in CRUD),
        *(f"translation_tools.{verb}_glossaryterm" for verb in CRUD),
        *(f"translation_tools.{verb}_memoryentry" for verb in CRUD),
        *(f"citations.{verb}_{model}" for verb in CRUD for model in ("citation", "source")),
        *(f"people.{verb}_{model}" for verb in CRUD for model in ("person", "personlink")),
        *(f"library.{verb}_{model}" for verb in CRUD for model in ("image", "document")),
        "audit.view_logentry",
        # The failed background jobs: to see them, and to retry them (nothing else changes).
        "thinktank.view_failedtask",
        "thinktank.change_failedtask",
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
        "translation_tools.view_glossaryterm",
        "translation_tools.view_memoryentry",
        "library.view_image",
        "citations.view_citation",
        "citations.change_citation",
        "citations.view_source",
        "people.view_person",
    ],
    ADMINISTRATOR: ALL,
}

ROLES = {
    CONTRIBUTOR: _("writes and submits their own drafts"),
    EDITOR: _("reviews, edits, publishes, schedules and unpublishes any article"),
    TRANSLATOR: _(
        "fills in the language versions of articles, people and terms, in assigned languages"
    ),
    ADMINISTRATOR: _("everything, including users and roles"),
}


def resolve(permissions):
    """The permission rows for ``permissions``; ``LookupError`` names any that do not exist."""
    if permissions == ALL:
        return list(Permission.objects.all())
    wanted = {tuple(dotted.split(".")) for dotted in permissions}
    found = [
        permission
        for permission in Permission.objects.filter(
            codename__in={codename for _app, codename in wanted}
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(
            "Unknown permissions: " + ", ".join(sorted(".".join(key) for key in missing))
        )
    return found


def create_roles(*, only_missing=False):
    """Create the role groups with their permissions.

    With ``only_missing``, existing roles keep the permissions they have (an administrator may
    have changed them), except Administrator, which always gets every permission.
    """
    for name, permissions in ROLE_PERMISSIONS.items():
        exists = Group.objects.filter(name=name).exists()
        if only_missing and exists and permissions != ALL:
            continue
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(resolve(permissions))


def restore_roles(sender, using="default", **kwargs):
    """After each migrate or flush (``post_migrate`` of this app, the last one): make missing
    roles again and give Administrator every permission."""
    if using != "default":
        return
    create_roles(only_missing=True)


def staff_follows_roles(user) -> bool | None:
    """A user with a role may log in to the back office (``is_staff``); one without any may not,
    unless a superuser, who keeps what they have. Saves the change and returns the new
    ``is_staff`` when it changed, else ``None``."""
    if user.groups.exists():
        staff = True
    elif user.is_superuser:
        return None
    else:
        staff = False
    if user.is_staff == staff:
        return None
    user.is_staff = staff
    user.save(update_fields=["is_staff"])
    return staff
