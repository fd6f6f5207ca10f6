"""Audit lines for accounts: roles a user gained or lost, permissions a role gained or lost."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import log
from audit.models import LogEntry
from audit.registry import register_actions

ROLE_CHANGE = "role_change"
ROLE_PERMISSIONS_CHANGE = "role_permissions_change"
ACCESS_CHANGE = "access_change"

register_actions(
    [
        (ROLE_CHANGE, gettext_lazy("Roles changed")),
        (ROLE_PERMISSIONS_CHANGE, gettext_lazy("Permissions of a role changed")),
        (ACCESS_CHANGE, gettext_lazy("Access changed")),
    ]
)


def record_access_change(
    user,
    *,
    by,
    active: bool | None = None,
    superuser: bool | None = None,
    permissions_before: Iterable[str] = (),
    permissions_after: Iterable[str] = (),
) -> LogEntry | None:
    """Log that ``user`` was (de)activated, made or unmade a superuser, or given or refused
    permissions of their own (None: unchanged); nothing when none happened."""
    before, after = set(permissions_before), set(permissions_after)
    parts, details = [], {}
    if active is not None:
        parts.append(_("account activated") if active else _("account deactivated"))
        details["is_active"] = active
    if superuser is not None:
        parts.append(_("made a superuser") if superuser else _("no longer a superuser"))
        details["is_superuser"] = superuser
    if before != after:
        details["added"], details["removed"] = sorted(after - before), sorted(before - after)
        parts.append(
            _("own permissions: %(added)s added, %(removed)s removed")
            % {"added": len(after - before), "removed": len(before - after)}
        )
    if not parts:
        return None
    return log(
        by, ACCESS_CHANGE, user, subject=user.get_username(), comment="; ".join(parts), **details
    )


def permission_names(permissions: Iterable[Permission]) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def record_role_change(
    user,
    *,
    by,
    added: Iterable[str] = (),
    removed: Iterable[str] = (),
    staff: bool | None = None,
) -> LogEntry | None:
    """Log that ``user`` gained or lost roles (groups), and with them the right to log in to the
    back office (``staff``: True gained, False lost, None unchanged); nothing when none
    happened."""
    added, removed = sorted(added), sorted(removed)
    parts = []
    if added:
        parts.append(_("added: %(roles)s") % {"roles": ", ".join(added)})
    if removed:
        parts.append(_("removed: %(roles)s") % {"roles": ", ".join(removed)})
    if staff is True:
        parts.append(_("can now log in to the back office"))
    elif staff is False:
        parts.append(_("can no longer log in to the back office"))
    if not parts:
        return None
    details = {} if staff is None else {"is_staff": staff}
    return log(
        by,
        ROLE_CHANGE,
        user,
        subject=user.get_username(),
        comment="; ".join(parts),
        added=added,
        removed=removed,
        **details,
    )


def record_role_permissions_change(
    group: Group, *, by, before: set[int], after: set[int]
) -> LogEntry | None:
    """Log which permissions a role (group) gained and lost; nothing when it kept the same."""
    if before == after:
        return None
    names = {
        permission.pk: f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Permission.objects.filter(pk__in=before ^ after).select_related(
            "content_type"
        )
    }
    added = sorted(names[pk] for pk in after - before)
    removed = sorted(names[pk] for pk in before - after)
    return log(
        by,
        ROLE_PERMISSIONS_CHANGE,
        group,
        comment=_("Permissions of the role changed: %(added)s added, %(removed)s removed.")
        % {"added": len(added), "removed": len(removed)},
        added=added,
        removed=removed,
    )
