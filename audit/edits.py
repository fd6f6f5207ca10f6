"""Edits made in the admin, in the audit log; and who saved an object last.

``AuditedAdminMixin`` gives a ModelAdmin (people, sources, taxonomy terms, articles) one audit
line for every add, change and delete, and gives its change form the no-lost-updates check of
``thinktank.conflicts`` over the object and its inline rows. ``AuditedForm`` names who saved
last, and when, from these lines.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import log
from audit.models import LogEntry
from audit.registry import register_actions
from thinktank.conflicts import VersionCheckedForm

ADD, CHANGE, DELETE = "add", "change", "delete"
register_actions(
    [
        (ADD, gettext_lazy("Added")),
        (CHANGE, gettext_lazy("Changed")),
        (DELETE, gettext_lazy("Deleted")),
    ]
)
EDIT_ACTIONS = (ADD, CHANGE, DELETE)


def record_edit(
    user: Any,
    action: str,
    obj: models.Model,
    *,
    comment: str = "",
    language: str = "",
    fields: Iterable[str] = (),
) -> LogEntry:
    """Log that ``user`` added, changed (``fields``, in ``language``) or deleted ``obj``."""
    return log(user, action, obj, comment=comment, language=language, fields=list(fields))


def last_entry(obj: models.Model, since: datetime.datetime | None = None) -> LogEntry | None:
    """The newest edit of ``obj`` in the audit log (else its newest line of any kind, such as
    a workflow step), written after ``since`` when given."""
    entries = LogEntry.objects.for_object(obj).select_related("user")
    if since is not None:
        entries = entries.filter(created_at__gt=since)
    return entries.filter(action__in=EDIT_ACTIONS).first() or entries.first()


def user_name(user: Any) -> str:
    """How the admin names a user in messages: full name, else user name."""
    if user is None:
        return _("an unknown user")
    return user.get_full_name() or user.get_username()


class AuditedForm(VersionCheckedForm):
    """A form refusing a save over a newer version, naming who saved it from the audit log."""

    def last_change(self, obj, since):
        entry = last_entry(obj, since)
        return None if entry is None else (user_name(entry.user), entry.created_at)


def audited_form(
    form_class: type, *, relations: dict[str, None], ignore: Iterable[str] = ()
) -> type:
    """``form_class`` with the version check (unless it has its own) over its model's fields but
    ``ignore``, and the rows of ``relations``."""
    if issubclass(form_class, VersionCheckedForm):
        return form_class
    return type(
        form_class.__name__,
        (AuditedForm, form_class),
        {
            "__module__": form_class.__module__,
            "version_relations": relations,
            "version_ignore": tuple(ignore),
        },
    )


class AuditedAdminMixin:
    """For a ModelAdmin: adds, changes and deletes go into the audit log, and the change form
    refuses a save over a newer version of the object or of its inline rows (read-only fields
    are not compared: this form cannot overwrite them)."""

    audit_deletions = True  # False where deleting already writes its own line

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.form = audited_form(
            self.form, relations=self.inline_relations(), ignore=self.readonly_fields
        )

    def inline_relations(self) -> dict[str, None]:
        """The reverse foreign keys behind this admin's inlines: ``{"links": None}``."""
        relations = {}
        for inline in self.inlines:
            for field in inline.model._meta.fields:
                if (
                    field.many_to_one
                    and field.related_model is self.model
                    and inline.fk_name in (None, field.name)
                ):
                    relations[field.remote_field.get_accessor_name()] = None
        return relations

    def get_fieldsets(self, request, obj=None):
        """The hidden token goes with the first fieldset of a change form that can save, and
        nowhere else."""
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "version_token"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not fieldsets or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version_token"]}), *rest]

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        record_edit(request.user, ADD, obj, comment=entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        """A save that changed something is logged; one that changed nothing is not."""
        entry = super().log_change(request, obj, message)
        if message:
            record_edit(request.user, CHANGE, obj, comment=entry.get_change_message())
        return entry

    def log_deletions(self, request, queryset):
        if self.audit_deletions:
            for obj in queryset:
                record_edit(request.user, DELETE, obj)
        return super().log_deletions(request, queryset)
