from django.utils.translation import get_language
from django.views.generic import DetailView

from articles.models import Article
from people.models import Person


class PersonDetailView(DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"
    queryset = Person.objects.prefetch_related("links")

    def get_context_data(self, **kwargs):
        articles = Article.objects.live(get_language()).for_listing().filter(authors=self.object)
        return super().get_context_data(articles=articles, **kwargs)
