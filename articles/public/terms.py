"""The topics and regions indexes: every term with articles live in the page's language."""

from django.utils.translation import get_language
from django.views.generic import TemplateView

from articles.models import Region, Topic
from articles.public.taxonomy import terms_with_articles
from articles.public.views import all_languages


class TermIndexView(TemplateView):
    """The terms of one taxonomy readers can open in this language, with their article counts."""

    template_name = "articles/term_index.html"
    term_model = Topic
    view_name = "articles:topics"
    term_view_name = "articles:topic"

    def get(self, request, *args, **kwargs):
        request.language_urls = all_languages(self.view_name)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            terms=terms_with_articles(self.term_model, get_language()),
            heading=self.term_model._meta.verbose_name_plural.capitalize(),
            term_view_name=self.term_view_name,
            **kwargs,
        )


class TopicIndexView(TermIndexView):
    pass


class RegionIndexView(TermIndexView):
    term_model = Region
    view_name = "articles:regions"
    term_view_name = "articles:region"
