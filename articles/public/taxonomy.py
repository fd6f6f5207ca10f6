"""Topics and regions as readers can open them in a language, with how many articles each has."""

from django.db.models import Count

from articles.models import LiveVersion
from articles.models.translation import public_value


def terms_with_articles(model, lang: str) -> list[dict]:
    """``[{"name", "slug", "count"}]`` of the ``model`` terms (Topic, Region) named in ``lang``
    with articles live in it, alphabetically (two queries)."""
    found = (
        model.objects.named_in(lang)
        .filter(live_versions__in=LiveVersion.objects.visible(lang))
        .annotate(count=Count("live_versions"))
        .order_by("sort_order", "pk")
    )
    terms = []
    for term in found:
        name, slug = public_value(term, "name", lang), public_value(term, "slug", lang)
        if name and slug:
            terms.append({"name": name, "slug": slug, "count": term.count})
    return sorted(terms, key=lambda term: term["name"].casefold())
