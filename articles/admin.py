"""The back office of articles and taxonomy terms: forms, workflow buttons, revisions, XLIFF.

Thin: who may do what is ``articles.permissions``; state changes are the functions of
``articles.editorial.transitions`` and ``articles.translations.status``.
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from reversion.models import Version

from articles.editorial import confirmations, preview, publishing, revisions
from articles.editorial import transitions as editorial
from articles.editorial.admin_search import search_articles
from articles.editorial.forms import ArticleAdminForm, HeadlineField, HighlightFormSet
from articles.models import (
    Article,
    ArticleType,
    Authorship,
    Highlight,
    LiveVersion,
    Region,
    Status,
    Topic,
)
from articles.permissions import article_policy, translation_policy
from articles.translations import status as translation_status
from articles.translations import xliff
from articles.translations.admin import (
    TranslatableAdminMixin,
    TranslatableChangeFormMixin,
    extend_registered_admin,
    make_readable,
    make_translatable,
    posted_changes,
)
from audit.edits import AuditedAdminMixin
from audit.models import LogEntry
from citations.admin import CitationInline
from citations.models import Citation, Source
from citations.validation import article_citation_warnings
from library.models import Image
from people.models import Person
from thinktank.admin_paging import LargeChangeList, LargeListPaginator, ManyToManyInFilter
from thinktank.admin_widgets import KnownRelatedInlineMixin
from thinktank.languages import language_codes, language_name, localized_names, translated_value
from thinktank.uploads import reads_uploads_up_to


class TaxonomyAdmin(AuditedAdminMixin, TranslatableChangeFormMixin, TabbedTranslationAdmin):
    """Article types, topics and regions: edits are logged, a save over a newer one refused."""

    list_display = ["__str__", "slug", "sort_order"]
    search_fields = localized_names("name")
    ordering = ["sort_order", localized_names("name")[0]]


admin.site.register(Topic, TaxonomyAdmin)
admin.site.register(Region, TaxonomyAdmin)


@admin.register(ArticleType)
class ArticleTypeAdmin(TaxonomyAdmin):
    list_display = ["__str__", "slug", "schema_type", "sort_order"]


class EditableWithArticleMixin:
    """An inline row can be changed only by someone who may change its article now."""

    def _article_editable(self, request, obj):
        return obj is None or article_policy.user_has_permission_for_instance(
            request.user, "change", obj
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class AuthorshipInline(EditableWithArticleMixin, KnownRelatedInlineMixin, admin.TabularInline):
    model = Authorship
    extra = 0
    min_num = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "sort_order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class HighlightInline(EditableWithArticleMixin, TranslationTabularInline):
    model = Highlight
    formset = HighlightFormSet
    extra = 0
    fields = ["text", "sort_order"]


class ArticleCitationInline(EditableWithArticleMixin, CitationInline):
    pass


class ArticlesWithRowFilter(admin.SimpleListFilter):
    """Articles with a row of ``rows(chosen id)`` (an authorship, a citation): ``id IN`` their
    article ids, no join to de-duplicate."""

    def rows(self, value: int):
        raise NotImplementedError

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            raise IncorrectLookupParameters(value)
        return queryset.filter(pk__in=self.rows(int(value)).values("article_id"))


class AuthorFilter(ArticlesWithRowFilter):
    """Articles by one author. Offered: the people who wrote an article this user may see."""

    title = _("author")
    parameter_name = "author"

    def lookups(self, request, model_admin):
        authorships = Authorship.objects.filter(person=OuterRef("pk"))
        if not article_policy.sees_all(request.user):  # everyone's articles: no need to ask
            visible = model_admin.get_queryset(request).order_by().values("pk")
            authorships = authorships.filter(article__in=visible)
        people = Person.objects.filter(Exists(authorships)).order_by(
            "family_name", "given_name", "pk"
        )
        return [(str(person.pk), person.display_name) for person in people]

    def rows(self, value: int):
        return Authorship.objects.filter(person_id=value)


class CitedSourceFilter(ArticlesWithRowFilter):
    """Articles citing one source: where the source list's "and 12 more citations" leads.
    Offered only once chosen (there are thousands of sources): it then names the source and
    can be cleared."""

    title = _("cited source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        value = self.value()
        if not (value and value.isdigit()):
            return []
        source = Source.objects.filter(pk=int(value)).only("title", "outlet").first()
        return [(value, str(source))] if source else []

    def rows(self, value: int):
        return Citation.objects.filter(source_id=value)


UNLISTED_TEXTS = [
    name for field in ("body", "summary") for name in (field, *localized_names(field))
]


class ArticleChangeList(LargeChangeList):
    """The article list, with each article's authors fetched in one query for the page; the
    texts it does not show (bodies and summaries in every language) are not read.

    While searching, the date drill-down is not offered: its years would each cost a pass over
    every match of a common word (a chosen year still narrows the search)."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if self.query:
            self.date_hierarchy = None

    def get_results(self, request):
        super().get_results(request)
        self.result_list = self.result_list.defer(*UNLISTED_TEXTS).prefetch_related(
            Prefetch("authorships", queryset=Authorship.objects.select_related("person"))
        )


# Workflow actions offered on the change form, in the order of the buttons.
TRANSITIONS = {
    "submit": editorial.submit_for_review,
    "request_changes": editorial.request_changes,
    "publish": editorial.publish,
    "schedule": editorial.schedule,
    "publish_changes": editorial.publish_changes,
    "schedule_changes": editorial.schedule,
    "discard_changes": editorial.discard_changes,
    "unpublish": editorial.unpublish,
}
BULK_ACTIONS = ("submit_selected", "publish_selected", "unpublish_selected", "delete_selected")


@admin.register(Article)
class ArticleAdmin(AuditedAdminMixin, TranslatableAdminMixin, TabbedTranslationAdmin):
    form = ArticleAdminForm
    audit_deletions = False  # editorial.delete_article writes the line
    list_display = [
        "__str__",
        "author_names",
        "article_type",
        "state",
        "languages",
        "publish_at",
        "created_by",
        "is_featured",
    ]
    list_filter = [
        "status",
        AuthorFilter,
        "article_type",
        "original_language",
        "is_featured",
        ("topics", ManyToManyInFilter),
        ("regions", ManyToManyInFilter),
        CitedSourceFilter,
    ]
    search_fields = [*localized_names("title"), "authors__family_name", "authors__given_name"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["topics", "regions", "hero"]
    # At 100,000 articles: no second count of the whole table, an estimated count past 10,000
    # and pages read by primary key (``thinktank.admin_paging``).
    paginator = LargeListPaginator
    show_full_result_count = False
    readonly_fields = [
        "status",
        "publish_at",
        "first_published_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [AuthorshipInline, HighlightInline, ArticleCitationInline]
    list_select_related = ["article_type", "created_by"]
    actions = ["submit_selected", "publish_selected", "unpublish_selected", "export_xliff"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "article_type",
                    "original_language",
                    "title",
                    "slug",
                    "summary",
                    "body",
                    "minor_edit",
                    "version_token",
                ]
            },
        ),
        (_("Hero image"), {"fields": ["hero"]}),
        (_("Classification"), {"fields": ["topics", "regions", "is_featured"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "first_published_at",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-article.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Titles in a box as wide as the column, two lines high: long headlines read in full."""
        if db_field.name in localized_names("title"):
            kwargs.update(form_class=HeadlineField, widget=HeadlineField.widget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_search_results(self, request, queryset, search_term):
        """Words in a title (any language) or an author's name, through indexes on PostgreSQL
        (``articles.editorial.admin_search``); never duplicates."""
        return search_articles(queryset, search_term), False

    @admin.display(description=_("authors"))
    def author_names(self, article):
        """The article's authors in byline order (prefetched for the whole page)."""
        return ", ".join(authorship.person.display_name for authorship in article.authorships.all())

    @admin.display(description=_("languages"))
    def languages(self, article):
        """Which languages have a title, the original first: “en*, tr”."""
        codes = [code for code in language_codes() if translated_value(article, "title", code)]
        return ", ".join(
            f"{code}*" if code == article.original_language else code for code in codes
        )

    def view_on_site(self, article):
        """The public page once the article is live; until then, its preview."""
        lang = article.original_language
        version = LiveVersion.objects.visible(lang).filter(article=article).first()
        if version is not None:
            return version.get_absolute_url()
        return reverse("preview:article", args=[article.pk, lang])

    @admin.display(description=_("state"), ordering="status")
    def state(self, article):
        """The real state: "Scheduled for …", "Published, changes pending" …"""
        label = editorial.state_label(article)
        if editorial.state_of(article) == editorial.SCHEDULED and article.publish_at:
            return gettext("Scheduled for %(time)s") % {
                "time": formats.date_format(
                    timezone.localtime(article.publish_at), "SHORT_DATETIME_FORMAT"
                )
            }
        return label

    # Who sees and changes what: the policy of articles.permissions ----------------------------

    def get_queryset(self, request):
        return article_policy.visible(request.user, super().get_queryset(request)).with_live_state()

    def _may(self, request, action, obj):
        if obj is None:
            return article_policy.user_has_permission(request.user, action)
        return article_policy.user_has_permission_for_instance(request.user, action, obj)

    def has_view_permission(self, request, obj=None):
        return self._may(request, "view", obj)

    def has_add_permission(self, request):
        return self._may(request, "add", None)

    def has_change_permission(self, request, obj=None):
        return self._may(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, "delete", obj)

    def save_model(self, request, obj, form, change):
        if change:
            article_policy.check_can_edit(request.user, obj)
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.translation_changed(request, form)
        for warning in article_citation_warnings(form.instance):
            self.message_user(request, warning, messages.WARNING)

    def delete_model(self, request, obj):
        editorial.delete_article(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for article in queryset:
                editorial.delete_article(article, by=request.user)

    # Revisions: every save through this admin is one, with who and what ----------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        reversion.set_comment(entry.get_change_message() or gettext("Created."))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        reversion.set_comment(entry.get_change_message() or gettext("Saved without changes."))
        return entry

    # Extra pages -----------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "import-xliff/",
                view(self.import_xliff_view),
                name="articles_article_import_xliff",
            ),
            path(
                "<path:object_id>/transition/<str:action>/",
                view(self.transition_view),
                name="articles_article_transition",
            ),
            path(
                "<path:object_id>/preview-links/revoke/",
                view(self.revoke_preview_links_view),
                name="articles_article_revoke_preview_links",
            ),
            path(
                "<path:object_id>/transition/<str:action>/confirm/",
                view(self.confirm_transition_view),
                name="articles_article_transition_confirm",
            ),
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _visible_article(self, request, object_id):
        """The article if this user may see it; 403 if it exists but is not theirs to see."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            try:
                exists = Article.objects.filter(pk=unquote(object_id)).exists()
            except (ValueError, ValidationError):
                exists = False
            if exists:
                raise PermissionDenied
            raise Http404
        return article

    def _translator_only(self, request, article):
        """A translator (not an editor, not the writer of this draft) changes only their
        languages, through the translation form."""
        return translation_policy.translator_only(request.user, article)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self._visible_article(request, object_id)
        if article is not None and self._translator_only(request, article):
            return self.translator_change_view(request, article)
        if article is not None:
            extra_context = {**(extra_context or {}), **self.workflow_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def translator_change_view(self, request, article):
        """A translator is sent to the translation form of their language. A POST to the full
        form that would change any field outside their languages answers 403, saving nothing."""
        languages = translation_policy.translator_languages_for(request.user, article)
        if request.method == "POST":
            translation_policy.check_may_change(
                request.user, article, posted_changes(article, request.POST)
            )
            messages.warning(
                request, gettext("Nothing was saved: translations are made in this form.")
            )
        if not languages:
            raise PermissionDenied(gettext("You have no language to translate this article into."))
        return HttpResponseRedirect(
            reverse("admin:articles_article_translate", args=[article.pk, languages[0]])
        )

    def workflow_context(self, request, article):
        user = request.user
        actions = editorial.available_actions(article, user)
        lines = self.translation_panel(request, article)
        activities = (
            LogEntry.objects.for_object(article)
            .exclude(action=preview.LINKS_MADE)
            .select_related("user")
        )
        returned = (
            activities.filter(action="request_changes").first()
            if article.status == Status.DRAFT
            else None
        )
        state = editorial.state_of(article)
        live = publishing.current_versions(article)
        return {
            "workflow_state": state,
            "workflow_state_label": editorial.article_workflow.state_label(state),
            "workflow_actions": [step.name for step in actions],
            "live_languages": [(code, language_name(code)) for code in live],
            "change_kinds": list(editorial.KINDS.items()),
            "pending_differences": publishing.differences(article)
            if state in editorial.LIVE_STATES and state != Status.PUBLISHED
            else [],
            "confirmed_actions": list(confirmations.CONFIRMATIONS),
            "workflow_activities": activities[:10],
            "changes_requested": returned,
            "is_scheduled": article.is_scheduled,
            "translation_lines": lines,
            "approvable_with_publish": [
                line
                for line in lines
                if line["status"] != "approved"
                and not line["live"]
                and any(key == "approve" for key, _label, _url in line["actions"])
                and not translation_status.missing_for(article, line["code"])
            ],
            "preview_links": preview.links_for(request, article)
            if article_policy.user_has_permission_for_instance(user, "preview", article)
            else [],
        }

    def transition_view(self, request, object_id, action):
        """POST only: apply one workflow transition; refused ones change nothing and answer 403."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in TRANSITIONS:
            raise Http404
        article = self._visible_article(request, object_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        kwargs = {"by": request.user}
        comment = request.POST.get("comment", "")
        if action == "request_changes" or comment:
            kwargs["comment"] = comment
        if action in ("schedule", "schedule_changes"):
            kwargs["at"] = confirmations.publication_time(request.POST.get("publish_at", ""))
        if action in ("publish_changes", "schedule_changes"):
            kwargs["kind"] = request.POST.get("kind", editorial.MINOR)
            kwargs["notes"] = {
                code: request.POST.get(f"note_{code}", "").strip() for code in language_codes()
            }
        function = TRANSITIONS[action]
        approve = [code for code in request.POST.getlist("approve") if code in language_codes()]
        if action in ("publish", "schedule") and approve:
            # the translations go live with the article
            function = translation_status.publish_with_translations
            kwargs["languages"] = approve
        try:
            function(article, **kwargs)
        except PermissionDenied as exc:
            return self._refused(request, article, exc)
        except editorial.TransitionError as exc:
            if exc.code == "wrong_state":
                return self._refused(request, article, exc)
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(change_url)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(change_url)
        messages.success(
            request,
            gettext("“%(article)s”: %(action)s.")
            % {"article": article, "action": str(editorial.article_workflow[action].label).lower()},
        )
        if article_policy.user_has_permission_for_instance(request.user, "view", article):
            return HttpResponseRedirect(change_url)
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def revoke_preview_links_view(self, request, object_id):
        """POST only: every shared preview link of the article made until now stops working."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._visible_article(request, object_id)
        try:
            preview.revoke_links(article, by=request.user)
        except PermissionDenied as exc:
            return self._refused(request, article, exc)
        messages.success(
            request,
            gettext(
                "The preview links of “%(article)s” shared until now no longer work; "
                "the links shown now are new."
            )
            % {"article": article},
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def confirm_transition_view(self, request, object_id, action):
        """GET only: what readers will see after a public or destructive step, and the button
        that takes it (a POST to the step's own URL). Refused or impossible steps say why."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if action not in TRANSITIONS or action not in confirmations.CONFIRMATIONS:
            raise Http404
        article = self._visible_article(request, object_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        try:
            editorial.article_workflow.check(
                action, article, request.user, state=editorial.state_of(article)
            )
        except (PermissionDenied, editorial.TransitionError) as exc:
            return self._refused(request, article, exc)
        try:
            confirmation = confirmations.confirmation_for(action, article, request.GET)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(change_url)
        return self.render_page(
            request,
            [
                f"admin/articles/article/confirm_{action}.html",
                "admin/articles/article/confirm_transition.html",
            ],
            confirmation.question,
            original=article,
            action=action,
            confirmation=confirmation,
            change_url=change_url,
        )

    def _refused(self, request, article, exc):
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return self.render_page(
            request,
            "admin/articles/article/transition_refused.html",
            gettext("Not allowed"),
            http_status=403,
            original=article,
            message=message or gettext("You are not allowed to do this."),
        )

    def revisions_view(self, request, object_id):
        article = self._visible_article(request, object_id)
        return self.render_page(
            request,
            "admin/articles/article/revisions.html",
            gettext("Revisions of “%(article)s”") % {"article": article},
            original=article,
            versions=list(revisions.versions_of(article)),
            can_restore=self.has_change_permission(request, article)
            and not self._translator_only(request, article),
        )

    def compare_view(self, request, object_id):
        """Two revisions, one language at a time (the original language first): the changed
        fields as readable text with the changed words marked, then the inline changes."""
        article = self._visible_article(request, object_id)
        own = revisions.versions_of(article)
        try:
            old = own.get(pk=request.GET.get("old"))
            new = own.get(pk=request.GET.get("new"))
        except (Version.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        fields, inlines = revisions.compare(old, new)
        lang = request.GET.get("lang")
        if lang not in language_codes():
            lang = article.original_language
        query = request.GET.copy()
        languages = []
        for code in language_codes():
            query["lang"] = code
            languages.append(
                {
                    "code": code,
                    "name": language_name(code),
                    "count": sum(1 for change in fields if change.language == code),
                    "url": f"?{query.urlencode()}",
                    "current": code == lang,
                }
            )
        return self.render_page(
            request,
            "admin/articles/article/compare.html",
            gettext("Changes in “%(article)s”") % {"article": article},
            original=article,
            old=old,
            new=new,
            lang=lang,
            language_name=language_name(lang),
            languages=languages,
            any_changes=bool(fields or inlines),
            field_changes=[change for change in fields if change.language == lang],
            common_changes=[change for change in fields if not change.language],
            inline_changes=inlines,
        )

    def restore_view(self, request, object_id, version_id):
        """Asks first: what the revision brings back, and that readers see it only once it is
        published. Only the confirmed POST restores."""
        article = self._visible_article(request, object_id)
        version = get_object_or_404(revisions.versions_of(article), pk=version_id)
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        try:
            if self._translator_only(request, article):
                raise PermissionDenied(gettext("Translators cannot restore whole revisions."))
            article_policy.check_can_edit(request.user, article)
            if request.method == "POST" and request.POST.get("confirm") == "yes":
                restored = revisions.restore(article, version, by=request.user)
            else:
                return self.render_page(
                    request,
                    "admin/articles/article/restore_confirm.html",
                    gettext("Restore a revision of “%(article)s”") % {"article": article},
                    original=article,
                    version=version,
                    changes=revisions.restored_changes(article, version),
                )
        except PermissionDenied as exc:
            return self._refused(request, article, exc)
        translation_status.source_edited(restored, by=request.user)
        messages.success(request, gettext("The revision was restored as a new revision."))
        return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[article.pk]))

    # Changelist actions: thin wrappers over the same workflow functions ----------------------

    def changelist_view(self, request, extra_context=None):
        """A crafted POST of an action this user may not run answers 403, not a quiet no-op."""
        action = request.POST.get("action") if request.method == "POST" else None
        if action in BULK_ACTIONS and action not in self.get_actions(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def has_submit_permission(self, request):
        return article_policy.may_run(request.user, "submit")

    def has_publish_permission(self, request):
        return article_policy.may_run(request.user, "publish")

    def _bulk(self, request, queryset, function, done_message):
        refused, done = [], 0
        with transaction.atomic():
            for article in queryset:
                try:
                    function(article, by=request.user)
                except ValidationError as exc:  # wrong state or incomplete: report, go on
                    refused.append(f"“{article}”: {' '.join(exc.messages)}")
                else:
                    done += 1
        if done:
            messages.success(request, done_message % {"count": done})
        for line in refused:
            messages.error(request, line)

    @admin.action(description=_("Submit selected articles for review"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, editorial.submit_for_review, gettext("%(count)d submitted."))

    def _confirm_bulk(self, request, queryset, *, action, step, question, button):
        """Django's intermediate page before a bulk step: how many articles, which, and what
        readers will see of each; ``None`` once the editor has confirmed (``post=yes``).

        ``question(count)`` is the page's heading for ``count`` articles."""
        if request.POST.get("post") == "yes":
            return None
        articles = []
        for article in queryset:
            try:
                readers_see = confirmations.confirmation_for(step, article).readers_see
            except ValidationError as exc:
                readers_see = exc.messages
            articles.append((article, readers_see))
        return self.render_page(
            request,
            "admin/articles/article/confirm_bulk.html",
            question(len(articles)),
            articles=articles,
            action=action,
            button=button,
            action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
        )

    @admin.action(description=_("Publish selected articles now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        page = self._confirm_bulk(
            request,
            queryset,
            action="publish_selected",
            step="publish",
            question=lambda count: (
                ngettext("Publish %(count)d article now?", "Publish %(count)d articles now?", count)
                % {"count": count}
            ),
            button=gettext("Yes, publish now"),
        )
        if page is None:
            self._bulk(request, queryset, editorial.publish, gettext("%(count)d published."))
        return page

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        page = self._confirm_bulk(
            request,
            queryset,
            action="unpublish_selected",
            step="unpublish",
            question=lambda count: (
                ngettext("Unpublish %(count)d article?", "Unpublish %(count)d articles?", count)
                % {"count": count}
            ),
            button=gettext("Yes, unpublish"),
        )
        if page is None:
            self._bulk(request, queryset, editorial.unpublish, gettext("%(count)d unpublished."))
        return page

    # Exchange with translators' tools (XLIFF 1.2) ----------------------------------------------

    def has_translate_permission(self, request):
        return translation_policy.may_exchange_files(request.user)

    @admin.action(
        description=_("Export untranslated and stale fields for translation (XLIFF)"),
        permissions=["translate"],
    )
    def export_xliff(self, request, queryset):
        """Ask for the language, then download the XLIFF file of the selected articles."""
        lang = request.POST.get("language", "")
        layout = request.POST.get("layout", "fields")
        if lang in language_codes() and layout in dict(xliff.formats()):
            response = HttpResponse(
                xliff.export_by(request.user, queryset.order_by("pk"), lang, layout=layout),
                content_type="application/x-xliff+xml; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="articles-{lang}.xlf"'
            return response
        assigned = translation_policy.assigned_languages(request.user)
        return self.render_page(
            request,
            "admin/articles/article/export_xliff.html",
            gettext("Export for translation"),
            articles=queryset,
            languages=[
                (code, language_name(code))
                for code in language_codes()
                if not assigned or code in assigned
            ],
            action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
            layouts=xliff.formats(),
        )

    @reads_uploads_up_to(xliff.max_bytes)
    def import_xliff_view(self, request):
        """Upload an XLIFF file: every unit is checked; all are saved, or none. A file over
        the limit is not read past it."""
        if not self.has_translate_permission(request):
            raise PermissionDenied
        report, refused = None, None
        if request.method == "POST":
            upload = request.FILES.get("file")
            lang = request.POST.get("language") or None
            if upload is None and not request.upload_limit.too_large:
                messages.error(request, gettext("Choose an XLIFF file to import."))
                refused = 400
            elif request.upload_limit.too_large or upload.size > xliff.max_bytes():
                messages.error(
                    request,
                    gettext("The file is larger than %(size)s.")
                    % {"size": filesizeformat(xliff.max_bytes())},
                )
                refused = 413
            else:
                report = xliff.import_(upload.read(), by=request.user, lang=lang)
                if report.ok:
                    messages.success(
                        request,
                        gettext("Imported %(count)d fields into %(articles)d articles.")
                        % {
                            "count": sum(len(names) for names in report.saved.values()),
                            "articles": len(report.saved),
                        }
                        if report.only_articles
                        else report.mixed_summary(),
                    )
                    return HttpResponseRedirect(reverse("admin:articles_translation_changelist"))
        return self.render_page(
            request,
            "admin/articles/article/import_xliff.html",
            gettext("Import translations (XLIFF)"),
            http_status=refused or (400 if report is not None and not report.ok else 200),
            languages=[(code, language_name(code)) for code in language_codes()],
            report=report,
        )


class VisibleCitingArticlesMixin:
    """The Sources admin names only the citing articles the user may see (the policy's
    ``visible``): a contributor never reads the titles of other people's drafts. One subquery
    in the same prefetch, so the page's query count does not change."""

    def listed_citations(self, request):
        citations = super().listed_citations(request)
        user = request.user
        if article_policy.sees_all(user) and article_policy.user_has_permission(user, "view"):
            return citations  # every article: no subquery per source
        return citations.filter(article__in=article_policy.visible(user).values("pk"))


def list_only_visible_citing_articles(model):
    """Give the admin registered for ``model`` (``citations.Source``, an app below this one)
    the policy's view of which citing articles it may name."""
    extend_registered_admin(model, VisibleCitingArticlesMixin)


make_translatable(Person)
make_readable(Image)
list_only_visible_citing_articles(Source)
