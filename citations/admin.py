from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from citations.models import Citation, Source


class CitationInline(TranslationTabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["number", "source", "accessed_on", "locator", "note"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "outlet", "published_on", "citation_count"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "outlet", "authors", "url", "doi"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "authors", "outlet", "published_on", "language"]}),
        (_("Locators"), {"fields": ["url", "doi"]}),
        (
            _("Journals and books"),
            {"fields": ["volume", "issue", "pages", "place"], "classes": ["collapse"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(citation_total=Count("citations"))
            .order_by("title")
        )

    @admin.display(description=_("cited"), ordering="citation_total")
    def citation_count(self, source):
        return source.citation_total
