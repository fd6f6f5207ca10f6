from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Count, F, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationStackedInline

from audit.edits import AuditedAdminMixin
from citations.actions import merge_sources
from citations.footnotes import markers_in, numbers_for_unnumbered
from citations.formatting import format_reference
from citations.models import Citation, Source
from citations.validation import bodies, citation_errors
from thinktank.admin_paging import LargeListPaginator
from thinktank.admin_widgets import KnownRelatedInlineMixin
from thinktank.languages import localized_names, translated_value


class CitationForm(forms.ModelForm):
    """One citation row: the number may be left empty, the formset then gives it one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.fields["number"]
        number.required = False
        number.help_text = _(
            "Empty: the first footnote marker in the text that no citation answers yet."
        )
        number.widget.attrs.update({"class": "vSmallNumberField", "min": 1})

    def clean(self):
        cleaned = super().clean()
        # A typed access date that is not a date has its own message; the model must not add
        # "give the date" on top of it, as if none had been typed.
        self.instance.access_date_unreadable = "accessed_on" in self.errors
        return cleaned


class CitationFormSet(BaseInlineFormSet):
    """Numbers the rows left without a number, then refuses an article whose body marks a footnote
    that no citation row answers.

    ``self.instance`` is the article with the submitted body values; the rows are this formset's
    forms. Warnings (citations never marked, access before publication) cannot stop a save: the
    article admin shows them with ``citations.validation.article_citation_warnings``.
    """

    def clean(self):
        self.number_unnumbered_rows()
        super().clean()
        rows = []
        for form in self._kept_forms():
            number = form.cleaned_data.get("number")
            if number:
                rows.append(Citation(number=number))
        errors = citation_errors(bodies(self.instance), rows)
        if errors:
            raise ValidationError(errors, code="missing_citation")

    def _kept_forms(self):
        """Rows that will be saved: filled in (or saved before) and not marked for deletion."""
        return [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not (self.can_delete and self._should_delete_form(form))
        ]

    def number_unnumbered_rows(self):
        """Give each row without a number the next marker of the original text no row answers."""
        kept = self._kept_forms()
        unnumbered = [
            form
            for form in kept
            if form.cleaned_data.get("number") is None and "number" not in form.errors
        ]
        if not unnumbered:
            return
        taken = {form.cleaned_data["number"] for form in kept if form.cleaned_data.get("number")}
        original = translated_value(self.instance, "body", self.instance.original_language)
        numbers = numbers_for_unnumbered(markers_in(original or ""), taken, len(unnumbered))
        for form, number in zip(unnumbered, numbers, strict=True):
            form.cleaned_data["number"] = number
            form.instance.number = number


class CitationInline(KnownRelatedInlineMixin, TranslationStackedInline):
    """The citations of an article, one compact block each: number and source, access date and
    locator, the note per language, then how the note reads; it fits a 1280 px screen."""

    model = Citation
    form = CitationForm
    formset = CitationFormSet
    extra = 0
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": [("number", "source"), ("accessed_on", "locator"), "note", "reads_as"]})
    ]
    readonly_fields = ["reads_as"]
    classes = ["citation-inline"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "source")

    @admin.display(description=_("reads as"))
    def reads_as(self, citation):
        """The saved note as readers of the original language see it in the footnotes."""
        if citation.pk is None or citation.source_id is None:
            return ""
        return format_reference(
            citation.source,
            lang=citation.article.original_language,
            accessed_on=citation.accessed_on,
            locator=citation.locator,
        )


class LinkStatusFilter(admin.SimpleListFilter):
    title = _("link")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [
            ("broken", _("Broken")),
            ("ok", _("Working")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "broken":
            return queryset.broken()
        if self.value() == "ok":
            return queryset.filter(link_ok=True)
        if self.value() == "unchecked":
            return queryset.with_url().filter(link_ok__isnull=True)
        return queryset


class MergeSourcesForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        widget=forms.RadioSelect,
        label=_("Source to keep"),
        empty_label=None,
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = sources


# A source's row names its first citing articles (the others are counted, with a link to the
# article list filtered by the source); its page names its first citations.
PREVIEW = 3
LISTED = 20


def count_of(citations: models.QuerySet) -> Coalesce:
    """How many of ``citations`` cite the source of the row: a subquery per row shown, read
    through the index of ``Citation.source`` (for users who may not open every citing article;
    the others read the count kept on the source, ``Source.citation_count``)."""
    counted = (
        citations.filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(total=Count("*"))  # the index of ``source`` alone answers ``*``
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


LISTED_ORDER = ("article_id", "number")


def first_article_ids(citations: models.QuerySet) -> models.Expression:
    """PostgreSQL: the ids of the first ``PREVIEW`` articles whose ``citations`` cite the row's
    source, as an array: one walk of the index ``(source, article, number)`` per source shown,
    stopped after ``PREVIEW`` articles, however often the source is cited."""
    first = (
        citations.filter(source=OuterRef("pk"))
        .order_by("article_id")
        .values("article_id")
        .distinct()
    )
    return ArraySubquery(first[:PREVIEW])


def _article_titles(ids) -> dict:
    """The articles ``ids`` with what their names need, not their texts."""
    article = Citation.article.field.related_model
    return article.objects.only("original_language", *localized_names("title"), "title").in_bulk(
        ids
    )


def attach_citing_articles(sources: list[Source], citations: models.QuerySet) -> None:
    """Give each of ``sources`` its first ``PREVIEW`` citing articles as ``citing``, a list of
    (article, how many of its ``citations`` cite the source), and ``previewed`` (the citations
    these hold): two queries whatever the number of sources and citations."""
    if not sources:
        return
    ids = [source.pk for source in sources]
    per_pair = (
        citations.filter(source_id__in=ids)
        .order_by()
        .values("source_id", "article_id")
        .annotate(total=Count("*"))
    )
    if all(hasattr(source, "first_article_ids") for source in sources):  # PostgreSQL
        chosen = {(source.pk, pk) for source in sources for pk in source.first_article_ids or []}
        per_pair = per_pair.filter(article_id__in={pk for _source, pk in chosen})
    else:  # elsewhere (SQLite): the pairs numbered in a window
        chosen = None
        per_pair = per_pair.annotate(
            rank=Window(RowNumber(), partition_by=F("source_id"), order_by=F("article_id").asc())
        ).filter(rank__lte=PREVIEW)
    pairs = [
        (source_id, article_id, total)
        for source_id, article_id, total in per_pair.values_list("source_id", "article_id", "total")
        if chosen is None or (source_id, article_id) in chosen
    ]
    articles = _article_titles({article_id for _s, article_id, _n in pairs})
    change_url = article_change_urls()
    by_source = {pk: [] for pk in ids}
    for source_id, article_id, total in sorted(pairs, key=lambda pair: pair[1]):
        by_source[source_id].append((articles[article_id], total, change_url(article_id)))
    changelist = reverse("admin:articles_article_changelist")  # once for the whole page
    for source in sources:
        source.citing = [(article, total) for article, total, _url in by_source[source.pk]]
        source.citing_links = [(url, article) for article, _total, url in by_source[source.pk]]
        source.previewed = sum(total for _article, total in source.citing)
        source.all_citing_url = articles_citing(source, changelist)


def attach_listed_citations(source: Source, citations: models.QuerySet) -> None:
    """Give ``source`` its first ``LISTED`` ``citations`` (``listed_citations``), with their
    articles but not their texts: one query, however often the source is cited."""
    article_fields = ["original_language", *localized_names("title"), "title"]
    source.listed_citations = list(
        citations.filter(source=source)
        .select_related("article")
        .only("article_id", "number", "source_id", *(f"article__{f}" for f in article_fields))
        .order_by(*LISTED_ORDER)[:LISTED]
    )


def articles_citing(source: Source, changelist: str = "") -> str:
    """The article list (at ``changelist``, if already known), filtered by this source
    (``articles.admin.CitedSourceFilter``)."""
    changelist = changelist or reverse("admin:articles_article_changelist")
    return f"{changelist}?source={source.pk}"


def article_change_urls():
    """A function giving the address of an article's change form from its primary key, with
    one ``reverse`` for a whole list (300 links) instead of one per link."""
    marker = "0"
    head, tail = reverse("admin:articles_article_change", args=[marker]).rsplit(f"/{marker}/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


class SourceChangeList(ChangeList):
    """The source list, each shown source with its first citing articles
    (``attach_citing_articles``)."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if connections[queryset.db].vendor == "postgresql":
            listed = self.model_admin.listed_citations(request)
            queryset = queryset.annotate(first_article_ids=first_article_ids(listed))
        return queryset

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        attach_citing_articles(self.result_list, self.model_admin.listed_citations(request))


@admin.register(Source)
class SourceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Sources: edits are logged, and a save over a newer version is refused (the link-check
    fields, read-only here, are not compared)."""

    list_display = [
        "title",
        "kind",
        "outlet",
        "published_on",
        "cited",
        "link_state",
        "cited_in",
    ]
    list_filter = [LinkStatusFilter, "kind", "language"]
    search_fields = ["title", "outlet", "authors", "url", "doi"]
    paginator = LargeListPaginator
    show_full_result_count = False
    actions = ["merge_selected"]
    readonly_fields = [
        "link_ok",
        "link_status",
        "link_final_url",
        "link_error",
        "link_checked_at",
        "citation_count",
        "citing_articles",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "title", "authors", "outlet", "published_on", "language"]}),
        (_("Locators"), {"fields": ["url", "doi", "archived_url"]}),
        (
            _("Journals and books"),
            {"fields": ["volume", "issue", "pages", "place"], "classes": ["collapse"]},
        ),
        (
            _("Link check"),
            {
                "fields": [
                    "link_ok",
                    "link_status",
                    "link_final_url",
                    "link_error",
                    "link_checked_at",
                ],
                "description": _("Updated by the check_links command."),
            },
        ),
        (_("Cited in"), {"fields": ["citation_count", "citing_articles"]}),
    ]

    def listed_citations(self, request):
        """The citations whose articles the “cited in” lists name: all of them here; the
        articles app narrows them to the articles ``request.user`` may see."""
        return Citation.objects.all()

    def get_changelist(self, request, **kwargs):
        return SourceChangeList

    def get_queryset(self, request):
        """Each source with how many of its citations the user may open (``listed_total``): the
        count kept on the source when they may open every citing article, else a subquery
        per row. The list adds the first citing articles (``SourceChangeList``)."""
        if getattr(request.resolver_match, "url_name", "") == "autocomplete":
            return super().get_queryset(request)  # names only: nothing counted or listed
        listed = self.listed_citations(request)
        return (
            super()
            .get_queryset(request)
            .annotate(
                listed_total=count_of(listed) if listed.query.has_filters() else F("citation_count")
            )
            .order_by("title")
        )

    def get_object(self, request, object_id, from_field=None):
        source = super().get_object(request, object_id, from_field)
        if source is not None and hasattr(source, "listed_total"):
            attach_listed_citations(source, self.listed_citations(request))
        return source

    @admin.display(description=_("cited"), ordering="citation_count")
    def cited(self, source):
        return source.citation_count

    @admin.display(description=_("link"), ordering="link_ok")
    def link_state(self, source):
        if source.link_ok is None:
            return "–" if source.url else ""
        if source.link_ok:
            return format_html("✓ {}", source.link_status or "")
        return format_html(
            "<strong>✗ {}</strong>",
            source.link_status or source.link_error,
        )

    def _articles(self, source):
        """Each listed citing article once, with its note numbers, in article order."""
        articles = {}
        for citation in source.listed_citations:
            articles.setdefault(citation.article, []).append(citation.number)
        return articles

    def _more(self, source, shown: int) -> str:
        """ "and 12 more citations", linking to the article list filtered by the source, when
        the user may open more citations than the ``shown`` ones."""
        more = source.listed_total - shown
        if more <= 0:
            return ""
        return format_html(
            '<a href="{}" class="more-citations">{}</a>',
            getattr(source, "all_citing_url", None) or articles_citing(source),
            ngettext("and %(count)d more citation", "and %(count)d more citations", more)
            % {"count": more},
        )

    @admin.display(description=_("cited in"))
    def cited_in(self, source):
        """The first citing articles (a few, whatever the count) and a link to all of them."""
        more = self._more(source, source.previewed)
        return format_html(
            "{}{}",
            format_html_join(", ", '<a href="{}">{}</a>', source.citing_links),
            format_html(" {}", more) if more else "",
        )

    @admin.display(description=_("articles citing this source"))
    def citing_articles(self, source):
        articles = self._articles(source)
        unlisted = source.citation_count > source.listed_total
        if not articles:
            if unlisted:
                return _("Cited only in articles you cannot open.")
            return _("No article cites this source yet.")
        more = self._more(source, len(source.listed_citations))
        return format_html(
            "<ul>{}</ul>{}{}",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:articles_article_change", args=[article.pk]),
                        article,
                        ", ".join(f"[{number}]" for number in numbers),
                    )
                    for article, numbers in articles.items()
                ),
            ),
            format_html("<p>{}</p>", more) if more else "",
            format_html("<p>{}</p>", _("Also cited in articles you cannot open."))
            if unlisted
            else "",
        )

    @admin.action(description=_("Merge selected sources into one"), permissions=["change"])
    def merge_selected(self, request, queryset):
        sources = Source.objects.filter(pk__in=queryset.values("pk")).order_by("title", "pk")
        if sources.count() < 2:
            self.message_user(request, _("Select at least two sources to merge."), messages.ERROR)
            return None
        form = MergeSourcesForm(
            request.POST if "confirm" in request.POST else None, sources=sources
        )
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            duplicates = [source for source in sources if source.pk != keep.pk]
            moved = merge_sources(keep, duplicates)
            self.message_user(
                request,
                ngettext(
                    "Merged %(count)d source into “%(keep)s”; %(moved)d citation moved.",
                    "Merged %(count)d sources into “%(keep)s”; %(moved)d citations moved.",
                    len(duplicates),
                )
                % {"count": len(duplicates), "keep": keep, "moved": moved},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge sources"),
            "opts": self.model._meta,
            "form": form,
            "sources": sources,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "citations/admin/merge_sources.html", context)
