"""What readers get, rendered when a live version is made rather than on every request.

A live version stores the HTML of its article page — the head tags (canonical, hreflang, social
cards, JSON-LD, Google Scholar tags) and the ``<article>`` element — the card that lists show,
the addresses of its other languages for the language switcher, and which articles are similar
to it. A request reads that row and the similar articles' cards, and fills the site's shell
around them (``views.ArticleDetailView``).

What a version shows can change after it was made without it being replaced: another language
of the article goes live or ends (its links), a credited person, a term or a cited source is
edited, a new article becomes similar. ``render_versions`` renders such versions again and
``refresh_similar`` recomputes similar articles; ``articles.public.dependents`` says which
versions each change reaches. A render that changes nothing leaves the version alone
(``rendered_digest``), so validators and caches stay.

Absolute addresses are written with a stand-in origin (``ORIGIN``), replaced by the origin of
each request (``fill``): the same HTML serves every host and scheme the site answers on.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from articles.models import LiveVersion
from articles.public import article_queries
from articles.public.article_page import SIMILAR_COUNT, page_context

ORIGIN = "http://origin.thinktank.invalid"
_QUOTED_ORIGIN = quote(ORIGIN, safe="")


class RenderRequest:
    """What the page's templates ask of a request, with the stand-in origin."""

    method = "GET"
    META: dict = {}
    COOKIES: dict = {}

    def __init__(self, path: str, language: str):
        self.path = path
        self.path_info = path
        self.GET = QueryDict()
        self.LANGUAGE_CODE = language
        self.language_urls: dict[str, str] = {}

    def build_absolute_uri(self, location: str | None = None) -> str:
        return ORIGIN + (location or self.path)

    def get_full_path(self) -> str:
        return self.path


def fill(html: str, request) -> SafeString:
    """Stored HTML with the stand-in origin replaced by this request's."""
    origin = f"{request.scheme}://{request.get_host()}"
    html = html.replace(ORIGIN, origin).replace(_QUOTED_ORIGIN, quote(origin, safe=""))
    return mark_safe(html)  # noqa: S308 - our own templates' output, rendered when published


def with_heading(card: str, level: int) -> str:
    """A stored card (with an ``h3`` title) as a list of ``h{level}`` cards shows it."""
    if level == 3:
        return card
    return card.replace('<h3 class="card-title">', f'<h{level} class="card-title">', 1).replace(
        "</h3>", f"</h{level}>", 1
    )


@dataclass
class Rendered:
    """The stored parts of one version."""

    head: str
    article: str
    card: str
    language_urls: dict
    similar_ids: list
    source_ids: list

    def digest(self) -> str:
        parts = [self.head, self.article, self.card, repr(sorted(self.language_urls.items()))]
        return hashlib.sha256("\x00".join([*parts, repr(self.similar_ids)]).encode()).hexdigest()


def render(version: LiveVersion, *, preview: bool = False, canonical_path: str = "") -> Rendered:
    """Render ``version`` (saved, or unsaved for a preview) as readers will get it.

    ``canonical_path``: where the page says it lives when that is not its own public address
    (a preview of a language with no address yet)."""
    lang = version.language
    path = version.get_absolute_url() if version.slug else f"/{lang}/"
    request = RenderRequest(path, lang)
    with override(lang):
        context = page_context(version, request=request, preview=preview)
        request.language_urls = context["language_urls"]
        if canonical_path:
            context["canonical_url"] = ORIGIN + canonical_path
        context.update(request=request, site_name=settings.SITE_NAME)
        return Rendered(
            head=render_to_string("articles/_article_head.html", context),
            article=render_to_string("articles/_article.html", context),
            card="" if preview else render_card(version),  # a preview is in no list
            language_urls=context["language_urls"],
            similar_ids=[other.article_id for other in context["similar"]],
            source_ids=sorted({item["source"] for item in version.citations}),
        )


def similar_cards(version: LiveVersion, *, request=None) -> SafeString:
    """The "similar publications" of ``version``: the cards of those still live (one query)."""
    ids = version.similar_ids
    if not ids:
        return mark_safe("")
    # The stored cards only, not model instances: this runs on every uncached article page.
    found = article_queries.visible_cards(version.language, ids)
    unrendered = [pk for pk, card in found.items() if not card]
    if unrendered:  # made before cards were rendered when published (rare)
        for other in LiveVersion.objects.visible(version.language).filter(
            article_id__in=unrendered
        ):
            found[other.article_id] = render_card(other)
    cards = [mark_safe(with_heading(found[pk], 3)) for pk in ids if pk in found]  # noqa: S308
    with override(version.language):
        return mark_safe(render_to_string("articles/_similar.html", {"cards": cards}))  # noqa: S308


def render_card(version: LiveVersion) -> str:
    """The card lists show for ``version`` (its title with an ``h3``)."""
    with override(version.language):
        return render_to_string("articles/_article_card.html", {"article": version})


def store(version: LiveVersion, rendered: Rendered, *, now=None) -> bool:
    """Keep ``rendered`` on the version; whether anything readers see changed."""
    digest = rendered.digest()
    if digest == version.rendered_digest:
        return False
    moment = now or timezone.now()
    first = not version.rendered_digest
    version.rendered_head = rendered.head
    version.rendered_article = rendered.article
    version.rendered_card = rendered.card
    version.language_urls = rendered.language_urls
    version.similar_ids = rendered.similar_ids
    version.rendered_digest = digest
    # When what readers get last changed: its opening for a new version, now for a later change.
    version.changed_at = version.visible_from if first else max(moment, version.visible_from)
    version.save(
        update_fields=[
            "rendered_head",
            "rendered_article",
            "rendered_card",
            "language_urls",
            "similar_ids",
            "rendered_digest",
            "changed_at",
        ]
    )
    version.sources.set(rendered.source_ids)
    return True


def render_versions(versions) -> list[LiveVersion]:
    """Render each version again; the ones whose page changed."""
    changed = []
    with transaction.atomic():
        for version in versions:
            if store(version, render(version)):
                changed.append(version)
    return changed


def render_article(article_id: int) -> list[LiveVersion]:
    """Render every version of an article readers see now or later (after one of them was made,
    closed or approved: each links to the others)."""
    versions = (
        LiveVersion.objects.filter(article_id=article_id)
        .not_ended()
        .select_related("article", "article_type")
        .order_by("visible_from", "pk")
    )
    return render_versions(versions)


def refresh_similar(versions) -> list[LiveVersion]:
    """Recompute which articles are similar to each version (no page is rendered again: the
    cards are read with the page); the versions whose list changed."""
    changed = []
    for version in versions:
        ids = list(
            LiveVersion.objects.visible(version.language)
            .similar_to(version)
            .values_list("article_id", flat=True)[:SIMILAR_COUNT]
        )
        if ids != version.similar_ids:
            LiveVersion.objects.filter(pk=version.pk).update(similar_ids=ids)
            version.similar_ids = ids
            changed.append(version)
    return changed
