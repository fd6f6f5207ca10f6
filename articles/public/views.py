"""The public reading site: home, the article list, the article page and taxonomy pages.

Every view starts from ``Article.objects.live(lang)``: nothing else decides what readers see.
The article page is built by ``article_page_context`` / ``render_article_page`` so that another
view (an editor's preview) can show any article object exactly as readers will see it.
"""

import hashlib
from itertools import groupby
from urllib.parse import quote, urlencode

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language, override
from django.views import View
from django.views.generic import ListView, TemplateView

from articles.models import Article, Authorship, Highlight, Region, Topic
from articles.search.filters import ArticleFilterForm
from articles.search.query import SearchPaginator, clean_query, search
from articles.search.snippets import highlight_results
from citations.footnotes import footnotes_for
from citations.models import Citation
from thinktank.languages import language_codes, native_name, translated_value

PAGE_SIZE = 20
HOME_FEATURED = 3
HOME_PER_TYPE = 4
SIMILAR_COUNT = 3
# Bump when the article template changes in a way cached copies must not keep.
ARTICLE_PAGE_VERSION = "1"

ARTICLE_PAGE_PREFETCHES = (
    Prefetch("authorships", queryset=Authorship.objects.select_related("person")),
    "topics",
    "regions",
    Prefetch("highlights", queryset=Highlight.objects.order_by("sort_order", "id")),
    Prefetch("citations", queryset=Citation.objects.select_related("source")),
)


def all_languages(view_name, **kwargs):
    """``request.language_urls`` for a page that exists in every language."""
    urls = {}
    for code in language_codes():
        with override(code):
            urls[code] = reverse(view_name, kwargs=kwargs)
    return urls


def share_links(url, title):
    """Plain links to share a page: no third-party script is ever loaded."""
    u, t = quote(url, safe=""), quote(title, safe="")
    both = quote(f"{title} {url}", safe="")
    return [
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        ("WhatsApp", f"https://wa.me/?text={both}"),
        ("e-mail", f"mailto:?subject={t}&body={both}"),
    ]


def live_languages(article):
    """The languages ``article`` is live in, from ``with_live_languages()`` or one query."""
    codes = language_codes()
    if not all(hasattr(article, f"live_in_{code}") for code in codes):
        if article.pk is None:
            return []
        flags = (
            Article.objects.filter(pk=article.pk)
            .with_live_languages()
            .values(*[f"live_in_{code}" for code in codes])
            .first()
        ) or {}
        for code in codes:
            setattr(article, f"live_in_{code}", bool(flags.get(f"live_in_{code}")))
    return [code for code in codes if getattr(article, f"live_in_{code}")]


def article_page_context(article, lang, *, request):
    """Everything the article template needs to show ``article`` in ``lang``.

    Works for any ``Article`` instance, live or not (a preview passes a draft); it fetches what
    is missing in a fixed number of queries, whatever the counts of authors, notes and topics.
    """
    prefetch_related_objects([article], *ARTICLE_PAGE_PREFETCHES)
    footnotes = footnotes_for(article, lang)
    others = [code for code in live_languages(article) if code != lang]
    language_urls = {code: article.get_absolute_url(code) for code in others}
    if translated_value(article, "slug", lang):
        language_urls[lang] = article.get_absolute_url(lang)
    url = request.build_absolute_uri(language_urls.get(lang, request.path))
    title = translated_value(article, "title", lang)

    published = article.publish_at
    updated = article.updated_at
    if not (published and updated and timezone.localdate(updated) > timezone.localdate(published)):
        updated = None

    article_type = article.article_type
    similar = (
        Article.objects.live(lang).for_listing().similar_to(article)[:SIMILAR_COUNT]
        if article.pk
        else Article.objects.none()
    )
    return {
        "article": article,
        "lang": lang,
        "title": title,
        "has_notes": bool(footnotes.notes),
        "citable": bool(translated_value(article, "slug", lang)),
        "authorships": list(article.authorships.all()),
        "highlights": [h for h in article.highlights.all() if translated_value(h, "text", lang)],
        "topics": [t for t in article.topics.all() if translated_value(t, "name", lang)],
        "regions": [r for r in article.regions.all() if translated_value(r, "name", lang)],
        "type_name": translated_value(article_type, "name", lang),
        "type_slug": translated_value(article_type, "slug", lang),
        "published": published,
        "updated": updated,
        "reading_minutes": article.reading_minutes(lang),
        "share_links": share_links(url, title),
        "also_available": [(code, language_urls[code], native_name(code)) for code in others],
        "similar": list(similar),
        "language_urls": language_urls,
        "canonical_url": url,
    }


def render_article_page(request, article, lang):
    """The article page for ``article`` in ``lang``, rendered now (e.g. for a preview)."""
    with override(lang):
        context = article_page_context(article, lang, request=request)
        request.language_urls = context["language_urls"]
        return render(request, "articles/article_detail.html", context)


class LiveArticlesMixin:
    """Every public view starts from the articles live in the page's language."""

    @property
    def lang(self):
        return get_language()

    def live_articles(self):
        return Article.objects.live(self.lang).for_listing()


class HomeView(LiveArticlesMixin, TemplateView):
    """Featured articles, then the latest few of each type."""

    template_name = "articles/home.html"

    def get(self, request, *args, **kwargs):
        request.language_urls = all_languages("home")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        live = self.live_articles()
        featured = list(live.filter(is_featured=True)[:HOME_FEATURED])
        latest = live.exclude(pk__in=[article.pk for article in featured]).latest_of_each_type(
            HOME_PER_TYPE
        )
        sections = []
        for _type_id, articles in groupby(latest, key=lambda article: article.article_type_id):
            articles = list(articles)
            article_type = articles[0].article_type
            sections.append(
                {
                    "name": translated_value(article_type, "name", self.lang),
                    "slug": translated_value(article_type, "slug", self.lang),
                    "articles": articles,
                }
            )
        return super().get_context_data(featured=featured, sections=sections, **kwargs)


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
        terms = form.terms()
        return {
            "selected": form.selected,
            "filters": form.choices(terms),
            "chosen": form.chosen_names(terms),
        }


class ArticleListView(FilteredListMixin, LiveArticlesMixin, ListView):
    """All live articles of the language, filtered by type, topic, region and year."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get(self, request, *args, **kwargs):
        request.language_urls = all_languages("articles:list")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_form().filter(self.live_articles())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.filter_context(), **kwargs)


class ArticleDetailView(LiveArticlesMixin, View):
    """One article in the page's language; conditional GET answers 304 when nothing changed."""

    def get_object(self):
        slug = self.kwargs["slug"]
        return (
            Article.objects.live(self.lang)
            .select_related("article_type")
            .with_live_languages()
            .filter(**{f"slug_{self.lang}": slug})
            .first()
        )

    def same_article_elsewhere(self, slug):
        """The URL in this language of an article reached through another language's slug."""
        for code in language_codes():
            if code == self.lang:
                continue
            article = Article.objects.live(self.lang).filter(**{f"slug_{code}": slug}).first()
            if article:
                return article.get_absolute_url(self.lang)
        return None

    def validators(self, article):
        """ETag and Last-Modified: the article's last change, its language and live languages."""
        live = ",".join(live_languages(article))
        key = f"{article.pk}:{self.lang}:{article.updated_at.isoformat()}:{live}"
        digest = hashlib.sha256(f"{key}:{ARTICLE_PAGE_VERSION}".encode()).hexdigest()[:32]
        return quote_etag(digest), article.updated_at.timestamp()

    def get(self, request, *args, **kwargs):
        article = self.get_object()
        if article is None:
            elsewhere = self.same_article_elsewhere(self.kwargs["slug"])
            if elsewhere:
                return redirect(elsewhere, permanent=True)
            raise Http404
        etag, last_modified = self.validators(article)
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
        response = render_article_page(request, article, self.lang)
        for name, value in headers.items():
            response[name] = value
        return response


class TermArticlesView(LiveArticlesMixin, ListView):
    """A topic's or region's page: its live articles in the page's language."""

    template_name = "articles/term_articles.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    term_model = None
    view_name = None

    def get_queryset(self):
        self.term = get_object_or_404(
            self.term_model.objects.named_in(self.lang),
            **{f"slug_{self.lang}": self.kwargs["slug"]},
        )
        self.request.language_urls = {}
        for code in language_codes():
            if translated_value(self.term, "name", code) and translated_value(
                self.term, "slug", code
            ):
                with override(code):
                    self.request.language_urls[code] = reverse(
                        self.view_name, kwargs={"slug": translated_value(self.term, "slug", code)}
                    )
        relation = self.term_model._meta.model_name + "s"
        return self.live_articles().filter(**{relation: self.term})

    def get_context_data(self, **kwargs):
        kind = self.term_model._meta.verbose_name
        return super().get_context_data(term=self.term, kind=kind, **kwargs)


class TopicView(TermArticlesView):
    term_model = Topic
    view_name = "articles:topic"


class RegionView(TermArticlesView):
    term_model = Region
    view_name = "articles:region"


class SearchView(FilteredListMixin, LiveArticlesMixin, ListView):
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
