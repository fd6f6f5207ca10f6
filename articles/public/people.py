"""Public pages about the institute's people: the list of experts and one person's page."""

from django.core.paginator import InvalidPage
from django.http import Http404
from django.utils.translation import get_language, override
from django.views.generic import DetailView, ListView

from articles.models import LiveAuthorship, LiveVersion
from articles.models.translation import public_value
from articles.public.paging import UncountedPaginator
from articles.public.views import PAGE_SIZE, all_languages
from people.models import Person
from thinktank.languages import language_codes


def expertise_areas(person: Person, lang: str) -> list[str]:
    """A person's areas of expertise in ``lang``, as approved (comma-separated when stored)."""
    expertise = public_value(person, "expertise", lang) or ""
    return [area.strip() for area in expertise.split(",") if area.strip()]


class PersonListView(ListView):
    """The active experts, alphabetically; ``?expertise=`` keeps those with that area."""

    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 60
    queryset = Person.objects.active().select_related("portrait").prefetch_related("translations")

    def get(self, request, *args, **kwargs):
        request.language_urls = all_languages("people:list")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        lang = get_language()
        people = list(super().get_queryset())
        for person in people:
            person.areas = expertise_areas(person, lang)
        self.areas = sorted({area for person in people for area in person.areas}, key=str.casefold)
        self.chosen = self.request.GET.get("expertise", "").strip()
        if self.chosen:
            wanted = self.chosen.casefold()
            people = [p for p in people if wanted in {area.casefold() for area in p.areas}]
        return people

    def get_context_data(self, **kwargs):
        return super().get_context_data(areas=self.areas, chosen=self.chosen, **kwargs)


class PersonDetailView(DetailView):
    """A person's biography, expertise and links — in the page's language as approved — and their
    articles live in it."""

    template_name = "people/person_detail.html"
    context_object_name = "person"
    queryset = Person.objects.select_related("portrait").prefetch_related("links", "translations")

    def get_context_data(self, **kwargs):
        lang = get_language()
        self.request.language_urls = {}
        for code in language_codes():
            with override(code):
                self.request.language_urls[code] = self.object.get_absolute_url()
        articles = (
            LiveVersion.objects.visible(lang)
            .for_cards()
            .filter(pk__in=LiveAuthorship.objects.filter(person=self.object).values("version_id"))
        )
        paginator = UncountedPaginator(articles, PAGE_SIZE, query=self.request.GET)
        try:
            page = paginator.page(self.request.GET.get("page", 1))
        except InvalidPage as exc:
            raise Http404 from exc
        expertise = public_value(self.object, "expertise", lang)
        return super().get_context_data(
            position=public_value(self.object, "position", lang),
            biography=public_value(self.object, "biography", lang),
            expertise=[area.strip() for area in expertise.split(",") if area.strip()],
            articles=page.object_list,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            **kwargs,
        )
