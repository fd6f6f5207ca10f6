"""What the page cache (``thinktank.pagecache``) may keep of the reading site, and what each page
shows — so that exactly the pages showing a changed thing are forgotten.

- An article page shows its article and the cards of its similar articles:
  ``article:<id>`` for each.
- Every other public page (home, lists, topics, regions, people, corrections, feeds, the sitemap,
  citation downloads) shows lists of articles, people or terms: ``lists``, forgotten whenever
  anything readers see changes. Lists are cheap to build again; the article pages are the many.

Every cached page also lasts only until the next scheduled opening or closing of a version, so
an article scheduled for nine o'clock appears at nine, cache or not. Search results are not
kept: every query is another page — but the filters' choices they show with the article list
are, per language, under ``lists`` too (``filter_options``).
"""

from collections.abc import Callable, Iterable
from functools import partial, wraps

from django.http import HttpRequest, HttpResponse

from articles.models import LiveVersion
from articles.search import filters
from thinktank.keptvalues import kept
from thinktank.pagecache import cacheable

LISTS = "lists"  # every page that lists articles, people or terms
# Bump when ``FilterOptions`` changes shape: kept copies of the old one are then not read.
FILTER_OPTIONS_VERSION = 1


def article_tag(article_id: int) -> str:
    return f"article:{article_id}"


def keep(response: HttpResponse, tags: Iterable[str]) -> HttpResponse:
    """Make a public response cacheable until the next scheduled change, showing ``tags``."""
    return cacheable(response, tags, until=LiveVersion.objects.next_change())


def keep_article(response: HttpResponse, article_id: int, similar_ids: Iterable[int]):
    """An article page: its article and the similar ones it shows."""
    return keep(response, [article_tag(article_id), *(article_tag(pk) for pk in similar_ids)])


def filter_options(lang: str) -> filters.FilterOptions:
    """The choices of the article list's and search's filters in ``lang``: made once (a few
    queries), then kept — in the shared cache and each process — until anything a list shows
    changes (``lists``: a term or its translation, a person, what is live) or the next
    scheduled change."""
    return kept(
        f"filters:{FILTER_OPTIONS_VERSION}:{lang}",
        [LISTS],
        partial(filters.filter_options, lang),
        until=LiveVersion.objects.next_change,
    )


def listing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose successful pages show lists: cacheable under ``lists``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return keep(response, [LISTS])

    return wrapped
