from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit import registry
from audit.models import LogEntry
from thinktank.admin import ReadOnlyAdmin


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return registry.action_choices()

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """The audit log: read-only for everyone, visible to editors and administrators."""

    list_display = [
        "created_at",
        "user",
        "action_label",
        "kind",
        "object_link",
        "language",
        "change_label",
        "comment",
        "address",
    ]
    list_filter = [ActionFilter, "content_type", "language", "user"]
    search_fields = ["subject", "comment", "user__username"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, entry):
        return entry.get_action_display()

    @admin.display(description=_("kind of object"), ordering="content_type")
    def kind(self, entry):
        model = entry.content_type.model_class() if entry.content_type else None
        return model._meta.verbose_name if model else ""

    @admin.display(description=_("subject"), ordering="subject")
    def object_link(self, entry):
        """The object's name, linked to its admin page while it exists."""
        if entry.content_type is None or entry.object_id is None:
            return entry.subject
        opts = entry.content_type
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model}_change", args=[entry.object_id])
        except NoReverseMatch:
            return entry.subject
        return format_html('<a href="{}">{}</a>', url, entry.subject)

    @admin.display(description=_("change"))
    def change_label(self, entry):
        if not (entry.from_status or entry.to_status):
            return ""
        return f"{entry.get_from_status_display()} → {entry.get_to_status_display()}"
