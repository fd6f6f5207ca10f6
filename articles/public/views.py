"""The public reading site: home, the article list, the article page, taxonomy pages, search.

Every view reads live versions — ``LiveVersion.objects.visible(lang)``, the one definition of what
readers see — never the working version editors and translators edit. The article page is built
by ``articles.public.article_page.page_context`` so that an editor's preview can show an unsaved
version exactly as readers will see it.
"""

import hashlib
from itertools import groupby
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language, override
from django.views import View
from django.views.generic import ListView, TemplateView

from articles import listings
from articles.models import LiveVersion, Region, Topic, people_with_articles
from articles.models.translation import public_value
from articles.public import article_queries, rendering, shell
from articles.public.caching import filter_options, keep_article
from articles.public.paging import UncountedPagingMixin
from articles.public.taxonomy import recent_terms
from articles.search.filters import ArticleFilterForm
from articles.search.query import SearchPaginator, clean_query, search
from articles.search.snippets import highlight_results
from thinktank.languages import language_codes, native_name

PAGE_SIZE = 20
HOME_FEATURED = 3
HOME_PER_TYPE = 4
HOME_TOPICS = 8
# The home page's topics are those of the newest this many articles of the language.
HOME_RECENT = 1000
HOME_EXPERTS = 4
# Bump when the article template changes in a way cached copies must not keep.
ARTICLE_PAGE_VERSION = "5"


def all_languages(view_name, **kwargs):
    """``request.language_urls`` for a page that exists in every language."""
    urls = {}
    for code in language_codes():
        with override(code):
            urls[code] = reverse(view_name, kwargs=kwargs)
    return urls


class LiveVersionsMixin:
    """Every public view starts from the versions visible in the page's language."""

    @property
    def lang(self):
        return get_language()

    def live_versions(self):
        """The versions visible in the page's language, as their rendered cards."""
        return LiveVersion.objects.visible(self.lang).for_cards()


class HomeView(LiveVersionsMixin, TemplateView):
    """Featured articles, then the latest few of each type."""

    template_name = "articles/home.html"

    def get(self, request, *args, **kwargs):
        request.language_urls = all_languages("home")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        live = (
            self.live_versions()
            .select_related("article_type")
            .prefetch_related("article_type__translations")
        )
        featured = list(live.filter(is_featured=True)[:HOME_FEATURED])
        latest = live.exclude(pk__in=[version.pk for version in featured]).latest_of_each_type(
            HOME_PER_TYPE
        )
        sections = []
        for _type_id, versions in groupby(latest, key=lambda version: version.article_type_id):
            versions = list(versions)
            article_type = versions[0].article_type
            sections.append(
                {
                    "name": public_value(article_type, "name", self.lang),
                    "slug": public_value(article_type, "slug", self.lang),
                    "articles": versions,
                }
            )
        lead = featured[0] if featured else (sections[0]["articles"][0] if sections else None)
        return super().get_context_data(
            lead=lead,
            featured=[version for version in featured if version != lead],
            sections=sections,
            topics=recent_terms(Topic, self.lang, among=HOME_RECENT)[:HOME_TOPICS],
            experts=list(
                people_with_articles(self.lang)
                .filter(is_active=True)
                .select_related("portrait")
                .prefetch_related("translations")[:HOME_EXPERTS]
            ),
            **kwargs,
        )


class FilteredListMixin:
    """Lists with the type/topic/region/(author)/year filters of ``ArticleFilterForm``."""

    with_authors = False

    def filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = ArticleFilterForm(
                self.request.GET, lang=self.lang, authors=self.with_authors
            )
        return self._filter_form

    def filter_context(self):
        form = self.filter_form()
        options = filter_options(self.lang)
        return {
            "selected": form.selected,
            "filters": form.choices(options),
            "chosen": form.chosen_names(options),
        }


class ArticleListView(FilteredListMixin, LiveVersionsMixin, UncountedPagingMixin, ListView):
    """All articles live in the language, filtered by type, topic, region and year."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get(self, request, *args, **kwargs):
        request.language_urls = all_languages("articles:list")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_form().filter(self.live_versions())

    def get_listing(self):
        return self.filter_form().listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.filter_context(), **kwargs)


class ArticleDetailView(LiveVersionsMixin, View):
    """One article in the page's language, from what was rendered when its version was made:
    one query, and a 304 when nothing changed."""

    def get_object(self):
        return article_queries.visible_version(self.lang, self.kwargs["slug"])

    def same_article_elsewhere(self, slug):
        """The URL in this language of an article reached through another language's slug."""
        article_ids = LiveVersion.objects.visible_now().filter(slug=slug).values("article_id")
        version = LiveVersion.objects.visible(self.lang).filter(article_id__in=article_ids).first()
        return version.get_absolute_url() if version else None

    def other_languages_of(self, slug):
        """``{code: url}`` of the languages an article reached by another language's slug is live
        in (it is not live in this one)."""
        article_ids = LiveVersion.objects.visible_now().filter(slug=slug).values("article_id")
        found = dict(
            LiveVersion.objects.visible_now()
            .filter(article_id__in=article_ids)
            .values_list("language", "slug")
        )
        return {
            code: LiveVersion(language=code, slug=found[code]).get_absolute_url()
            for code in language_codes()
            if code in found
        }

    def not_in_this_language(self, request, slug):
        """The 404 page of an article that exists, but not in this language: it names and links
        the languages it can be read in."""
        others = self.other_languages_of(slug)
        if not others:
            raise Http404
        request.language_urls = others
        return render(
            request,
            "articles/not_in_language.html",
            {
                "language": native_name(self.lang),
                "available": [(code, url, native_name(code)) for code, url in others.items()],
            },
            status=404,
        )

    @staticmethod
    def validators(version):
        """ETag and Last-Modified: what was rendered, and when it last changed for readers."""
        digest = hashlib.sha256(
            f"{version.pk}:{version.rendered_digest}:{version.similar_ids}:{ARTICLE_PAGE_VERSION}".encode()
        ).hexdigest()[:32]
        return quote_etag(digest), int(version.changed_at.timestamp())

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        if version is None:
            elsewhere = self.same_article_elsewhere(self.kwargs["slug"])
            if elsewhere:
                return redirect(elsewhere, permanent=True)
            return self.not_in_this_language(request, self.kwargs["slug"])
        if not version.rendered_digest:  # made before pages were rendered when published
            rendering.render_versions([LiveVersion.objects.get(pk=version.pk)])
            version = self.get_object()
        etag, last_modified = self.validators(version)
        headers = {
            "ETag": etag,
            "Last-Modified": http_date(last_modified),
            "Cache-Control": "no-cache",
        }
        probe = HttpResponse(headers=headers)
        answer = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=probe
        )
        if answer is not probe:
            return answer  # 304 Not Modified (or 412), with the validators
        request.language_urls = version.language_urls
        response = HttpResponse(
            shell.article_page(
                request,
                title=version.title,
                head_html=rendering.fill(version.rendered_head, request),
                switcher_html=shell.switcher_html(request),
                article_html=rendering.fill(version.rendered_article, request),
                similar_html=rendering.similar_cards(version),
            )
        )
        for name, value in headers.items():
            response[name] = value
        return keep_article(response, version.article_id, version.similar_ids)


class TermArticlesView(LiveVersionsMixin, UncountedPagingMixin, ListView):
    """A topic's or region's page: its live articles in the page's language."""

    template_name = "articles/term_articles.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    term_model = None
    view_name = None

    def get_queryset(self):
        self.term = (
            self.term_model.objects.with_public_slug(self.lang, self.kwargs["slug"])
            .prefetch_related("translations")
            .first()
        )
        if self.term is None:
            raise Http404
        self.request.language_urls = {}
        for code in language_codes():
            name = public_value(self.term, "name", code)
            slug = public_value(self.term, "slug", code)
            if name and slug:
                with override(code):
                    self.request.language_urls[code] = reverse(
                        self.view_name, kwargs={"slug": slug}
                    )
        relation = self.term_model._meta.model_name + "s"
        return self.live_versions().filter(**{relation: self.term})

    def get_listing(self):
        return listings.visible_rows(self.term_model, self.lang, self.term)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            term=self.term,
            term_name=public_value(self.term, "name", self.lang),
            term_slug=public_value(self.term, "slug", self.lang),
            kind=self.term_model._meta.verbose_name,
            **kwargs,
        )


class TopicView(TermArticlesView):
    term_model = Topic
    view_name = "articles:topic"


class RegionView(TermArticlesView):
    term_model = Region
    view_name = "articles:region"


class SearchView(FilteredListMixin, LiveVersionsMixin, ListView):
    """Search in the page's language: ranked results with highlighted snippets and filters."""

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    paginator_class = SearchPaginator
    with_authors = True

    def get(self, request, *args, **kwargs):
        self.query = clean_query(request.GET.get("q", ""))
        request.language_urls = all_languages("articles:search")
        if self.query:
            suffix = "?" + urlencode({"q": self.query})
            request.language_urls = {
                code: url + suffix for code, url in request.language_urls.items()
            }
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return search(self.lang, self.query, self.filter_form().selected)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        highlight_results(context["articles"], self.lang, self.query)
        context.update(
            query=self.query,
            result_count=context["paginator"].count if self.query else 0,
            more_results=bool(self.query) and context["paginator"].is_capped,
            **self.filter_context(),
        )
        return context
