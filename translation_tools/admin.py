"""The glossary and the translation memory in the admin: editors keep them, translators read."""

from django.contrib import admin

from translation_tools.models import GlossaryTerm, MemoryEntry


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "translation", "source_language", "target_language", "note"]
    list_filter = ["source_language", "target_language"]
    search_fields = ["term", "translation", "note"]
    fields = ["source_language", "target_language", "term", "translation", "note"]


@admin.register(MemoryEntry)
class MemoryEntryAdmin(admin.ModelAdmin):
    list_display = [
        "source_text",
        "target_text",
        "source_language",
        "target_language",
        "approved_at",
    ]
    list_filter = ["source_language", "target_language"]
    search_fields = ["source_text", "target_text"]
    fields = ["source_language", "target_language", "source_text", "target_text"]
    readonly_fields = ["source_language", "target_language", "source_text"]

    def has_add_permission(self, request):
        return False  # entries come from approved translations
