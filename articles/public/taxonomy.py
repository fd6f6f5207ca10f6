"""Topics and regions as readers can open them in a language, with how many articles each has
(or, for the home page, those of the newest articles)."""

from articles.listings import visible_counts
from articles.models import LiveVersion
from articles.models.translation import public_value


def terms_with_articles(model, lang: str) -> list[dict]:
    """``[{"name", "slug", "count"}]`` of the ``model`` terms (Topic, Region) named in ``lang``
    with articles live in it, alphabetically (two queries).

    The counts are kept per term and language as versions change (``articles.listings``):
    counting every term's versions here cost ~320 ms at 100,000 articles."""
    found = visible_counts(model.objects.named_in(lang), lang).order_by("sort_order", "pk")
    return [term for term in _public(found, lang) if term["count"] > 0]


def recent_terms(model, lang: str, *, among: int) -> list[dict]:
    """``[{"name", "slug"}]`` of the ``model`` terms named in ``lang`` on at least one of its
    ``among`` newest visible versions, alphabetically (three queries): what the home page offers.

    Bounded by design: the newest versions are a short walk of the listing index and their terms
    a probe each, where finding every term with *any* visible version in the language joined or
    probed all of them (~50–250 ms at 100,000 articles, most for a term with no article in it).
    """
    newest = LiveVersion.objects.visible(lang).order_by("-publish_at", "-pk").values("pk")
    links = model.live_versions.through.objects.filter(liveversion__in=newest[:among])
    # Asked apart (one more query): inside the terms' query the planner scanned each term's links.
    term_ids = set(links.values_list(f"{model._meta.model_name}_id", flat=True))
    found = model.objects.named_in(lang).filter(pk__in=term_ids)
    return _public(found.order_by("sort_order", "pk"), lang)


def _public(found, lang: str) -> list[dict]:
    terms = []
    for term in found:
        name, slug = public_value(term, "name", lang), public_value(term, "slug", lang)
        if name and slug:
            terms.append({"name": name, "slug": slug, "count": getattr(term, "count", None)})
    return sorted(terms, key=lambda term: term["name"].casefold())
