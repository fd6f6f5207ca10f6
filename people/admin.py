from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from audit.edits import AuditedAdminMixin
from people.models import Person, PersonLink
from thinktank.languages import localized_names


class PersonLinkInline(admin.TabularInline):
    model = PersonLink
    extra = 0


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, TabbedTranslationAdmin):
    """People and their public profiles. The articles app adds the translation panel and the
    translators' way in (``articles.translations.admin.make_translatable``). Edits are logged,
    and a save over a newer version of the person or their links is refused."""

    list_display = ["display_name", "position", "email", "is_active"]
    list_filter = ["is_active", "honorific"]
    search_fields = ["given_name", "family_name", "email", *localized_names("position")]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    inlines = [PersonLinkInline]
    autocomplete_fields = ["portrait"]
    fieldsets = [
        (None, {"fields": ["honorific", "given_name", "family_name", "slug", "is_active"]}),
        (
            _("Public profile"),
            {"fields": ["position", "expertise", "biography", "portrait"]},
        ),
        (_("Identifiers and contact"), {"fields": ["orcid", "email"]}),
    ]

    @admin.display(description=_("name"), ordering="family_name")
    def display_name(self, person):
        return person.display_name
