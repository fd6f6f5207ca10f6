from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView

from articles.models import Article, Highlight, Region, Topic
from citations.models import Citation
from thinktank.languages import language_codes

PAGE_SIZE = 20


class LiveArticlesMixin:
    """Every public view starts from the articles live in the page's language."""

    @property
    def lang(self):
        return get_language()

    def live_articles(self):
        return Article.objects.live(self.lang).for_listing()


class HomeView(LiveArticlesMixin, ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return self.live_articles()


class ArticleDetailView(LiveArticlesMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        queryset = self.live_articles().prefetch_related(
            "topics",
            "regions",
            Prefetch("highlights", queryset=Highlight.objects.order_by("sort_order", "id")),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
        )
        article = queryset.filter(**{f"slug_{self.lang}": slug}).first()
        if article is None:
            self.redirect_to = self.same_article_elsewhere(slug)
            raise Http404
        return article

    def same_article_elsewhere(self, slug):
        """The URL in this language of an article reached through another language's slug."""
        for code in language_codes():
            if code == self.lang:
                continue
            article = Article.objects.live(self.lang).filter(**{f"slug_{code}": slug}).first()
            if article:
                return article.get_absolute_url(self.lang)
        return None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if getattr(self, "redirect_to", None):
                return redirect(self.redirect_to, permanent=True)
            raise


class TermArticlesView(LiveArticlesMixin, ListView):
    template_name = "articles/term_articles.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    term_model = None

    def get_queryset(self):
        self.term = get_object_or_404(self.term_model, **{f"slug_{self.lang}": self.kwargs["slug"]})
        return self.live_articles().filter(**{self.term_model._meta.model_name + "s": self.term})

    def get_context_data(self, **kwargs):
        return super().get_context_data(term=self.term, **kwargs)


class TopicView(TermArticlesView):
    term_model = Topic


class RegionView(TermArticlesView):
    term_model = Region
