"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.template.response import TemplateResponse


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
