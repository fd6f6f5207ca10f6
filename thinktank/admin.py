"""Admin pieces shared by the apps, and the list of failed background jobs."""

import json

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from thinktank.models import FailedTask
from thinktank.tasks import retry


class PageMixin:
    """Extra admin pages (forms, reports) with the admin's own frame around them."""

    def page_context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def render_page(self, request, template, title, *, http_status=200, **extra):
        return TemplateResponse(
            request, template, self.page_context(request, title, **extra), status=http_status
        )


class ReadOnlyAdmin(PageMixin, admin.ModelAdmin):
    """Records people may look at but never add, change or delete here (audit logs and
    dashboards); what changes them are the workflow functions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    """Background jobs that are failing: which task, its arguments, the error and traceback,
    how many runs failed, and when. Nothing here is edited; "retry" (for those who may change
    failed tasks: editors and administrators) sends a job to the queue again."""

    list_display = ["last_failed_at", "task_name", "arguments_text", "error", "attempts", "state"]
    list_filter = ["state", "task"]
    search_fields = ["task", "error"]
    date_hierarchy = "last_failed_at"
    actions = ["retry_selected"]
    fields = [
        "task",
        "arguments_text",
        "state",
        "attempts",
        "first_failed_at",
        "last_failed_at",
        "next_attempt_at",
        "retried_by",
        "retried_at",
        "error",
        "traceback_text",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        """The change permission is the one to retry (a list action); a record itself is only
        read."""
        return obj is None and super().has_change_permission(request)

    @admin.display(description=_("task"), ordering="task")
    def task_name(self, row):
        return row.task

    @admin.display(description=_("arguments"))
    def arguments_text(self, row):
        values = [json.dumps(value, ensure_ascii=False) for value in row.args]
        values += [
            f"{name}={json.dumps(value, ensure_ascii=False)}" for name, value in row.kwargs.items()
        ]
        return ", ".join(values)

    @admin.display(description=_("traceback"))
    def traceback_text(self, row):
        return format_html("<pre>{}</pre>", row.traceback)

    @admin.action(description=_("Retry the selected tasks"), permissions=["change"])
    def retry_selected(self, request, queryset):
        done = 0
        for row in queryset:
            try:
                retry(row, by=request.user)
            except (ImportError, TypeError):
                self.message_user(
                    request,
                    gettext("“%(task)s” is no longer a task and cannot run again.")
                    % {"task": row.task},
                    messages.ERROR,
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d task sent to the queue again.",
                    "%(count)d tasks sent to the queue again.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )
