from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from articles.forms import HighlightFormSet
from articles.models import Article, ArticleType, Authorship, Highlight, Region, Topic
from citations.admin import CitationInline
from thinktank.languages import language_codes, translated_value


class TaxonomyAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "slug", "sort_order"]
    search_fields = ["name_en", "name_tr", "name_ru"]
    ordering = ["sort_order", "name_en"]


admin.site.register(Topic, TaxonomyAdmin)
admin.site.register(Region, TaxonomyAdmin)


@admin.register(ArticleType)
class ArticleTypeAdmin(TaxonomyAdmin):
    list_display = ["__str__", "slug", "schema_type", "sort_order"]


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    min_num = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "sort_order"]


class HighlightInline(TranslationTabularInline):
    model = Highlight
    formset = HighlightFormSet
    extra = 0
    fields = ["text", "sort_order"]


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "article_type", "status", "languages", "publish_at", "is_featured"]
    list_filter = [
        "status",
        "article_type",
        "original_language",
        "is_featured",
        "topics",
        "regions",
    ]
    search_fields = [
        "title_en",
        "title_tr",
        "title_ru",
        "authors__family_name",
        "authors__given_name",
    ]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["topics", "regions"]
    readonly_fields = ["status", "first_published_at", "created_at", "updated_at"]
    inlines = [AuthorshipInline, HighlightInline, CitationInline]
    list_select_related = ["article_type"]
    fieldsets = [
        (
            None,
            {"fields": ["article_type", "original_language", "title", "slug", "summary", "body"]},
        ),
        (_("Image"), {"fields": ["image", "image_caption", "image_alt"], "classes": ["collapse"]}),
        (_("Classification"), {"fields": ["topics", "regions", "is_featured"]}),
        (
            _("Publication"),
            {"fields": ["status", "publish_at", "first_published_at", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("languages"))
    def languages(self, article):
        """Which languages have a title, the original first: “en*, tr”."""
        codes = [code for code in language_codes() if translated_value(article, "title", code)]
        return ", ".join(
            f"{code}*" if code == article.original_language else code for code in codes
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
