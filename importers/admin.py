"""The imports in the back office: the record of what came from where, and the Word upload."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext

from articles.models import Article
from articles.permissions import article_policy
from importers.forms import WordImportForm
from importers.models import ImportRecord
from importers.problems import ImportProblem
from importers.word import content_key, import_document
from thinktank.admin import PageMixin


@admin.register(ImportRecord)
class ImportRecordAdmin(PageMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "origin", "key", "imported_at"]
    list_filter = ["kind", "origin"]
    search_fields = ["key", "origin"]
    readonly_fields = [
        "origin",
        "kind",
        "key",
        "article",
        "person",
        "topic",
        "region",
        "article_type",
        "imported_at",
    ]

    def has_module_permission(self, request):
        return article_policy.may_import(request.user)

    def has_view_permission(self, request, obj=None):
        return article_policy.may_import(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "word/",
                self.admin_site.admin_view(self.word_view),
                name="importers_importrecord_word",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "word_url": reverse("admin:importers_importrecord_word"),
        }
        return super().changelist_view(request, extra_context)

    def word_view(self, request):
        """Upload a .docx (or paste text): a draft with its footnotes, then a review of what
        was read. A file that cannot be read is refused with the reason, changing nothing."""
        if not article_policy.may_import(request.user):
            raise PermissionDenied
        form = WordImportForm(request.POST or None, request.FILES or None)
        result = article = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                result = import_document(
                    form.document,
                    key=content_key(form.content),
                    label=upload.name if upload else gettext("pasted text"),
                    language=form.cleaned_data["language"],
                    article_type=form.cleaned_data["article_type"],
                    by=request.user,
                )
            except ImportProblem as exc:
                form.add_error(None, str(exc))
            else:
                article = Article.objects.filter(pk=result.article_id).first()
        return self.render_page(
            request,
            "admin/importers/word.html",
            gettext("Import a Word document"),
            http_status=400 if form.errors else 200,
            form=form,
            result=result,
            article=article,
            citations=article.citations.select_related("source") if article else [],
        )
