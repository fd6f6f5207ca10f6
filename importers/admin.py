"""The imports in the back office: the record of what came from where, and the Word upload."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.permissions import article_policy
from importers.archive import original_date, publish_archived, written_translations
from importers.forms import MAX_UPLOAD, ArchivePublicationForm, WordImportForm
from importers.models import ImportRecord
from importers.problems import ImportProblem
from importers.word import content_key, import_document
from thinktank.admin import PageMixin
from thinktank.uploads import reads_uploads_up_to


@admin.register(ImportRecord)
class ImportRecordAdmin(PageMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "origin", "key", "original_published_at", "archive_link"]
    list_select_related = ["article"]
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

    def get_queryset(self, request):
        """Editors see every record; a contributor only those of articles they may open (never
        the titles of other people's drafts)."""
        records = super().get_queryset(request)
        if article_policy.sees_all(request.user):
            return records
        return records.filter(article__in=article_policy.visible(request.user).values("pk"))

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
            path(
                "archive/<int:article_id>/",
                self.admin_site.admin_view(self.archive_view),
                name="importers_importrecord_archive",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("archive"))
    def archive_link(self, record):
        if record.article_id is None or record.article.status != "draft":
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:importers_importrecord_archive", args=[record.article_id]),
            gettext("Publish with its original date"),
        )

    def archive_view(self, request, article_id):
        """An editor publishes an article with its original (past) publication date."""
        article = get_object_or_404(article_policy.visible(request.user), pk=article_id)
        if not article_policy.user_has_permission_for_instance(request.user, "backdate", article):
            raise PermissionDenied
        form = ArchivePublicationForm(
            request.POST or None,
            initial={"published_on": original_date(article)},
            translations=written_translations(article),
        )
        if request.method == "POST" and form.is_valid():
            try:
                publish_archived(
                    article,
                    on=form.cleaned_data["published_on"],
                    by=request.user,
                    languages=form.cleaned_data.get("languages", []),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    gettext("“%(article)s” is published with the date %(date)s.")
                    % {
                        "article": article,
                        "date": formats.date_format(
                            form.cleaned_data["published_on"], "SHORT_DATE_FORMAT"
                        ),
                    },
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        return self.render_page(
            request,
            "admin/importers/archive.html",
            gettext("Publish with its original date"),
            http_status=400 if form.errors else 200,
            form=form,
            article=article,
            media=form.media,
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "word_url": reverse("admin:importers_importrecord_word"),
        }
        return super().changelist_view(request, extra_context)

    @reads_uploads_up_to(lambda: MAX_UPLOAD)
    def word_view(self, request):
        """Upload a .docx (or paste text): a draft with its footnotes, then a review of what
        was read. A file that cannot be read is refused with the reason, changing nothing; one
        over the limit is not read past it."""
        if not article_policy.may_import(request.user):
            raise PermissionDenied
        cut_short = request.upload_limit.too_large
        form = WordImportForm(request.POST or None, request.FILES or None, cut_short=cut_short)
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
            http_status=413 if cut_short else 400 if form.errors else 200,
            form=form,
            result=result,
            article=article,
            citations=article.citations.select_related("source") if article else [],
        )
