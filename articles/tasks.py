"""Background jobs of the articles app: keeping what readers are served up to date.

Each job takes ids, reads the current state and rewrites what it derives from it, so running it
again does no harm.
"""

from articles.editorial import publishing
from articles.search import schema
from thinktank.tasks import task


@task(retries=3, backoff=30)
def refresh_search_index(article_id: int) -> None:
    """Rewrite the search entries of article ``article_id`` from its live versions."""
    schema.refresh([article_id])


@task(retries=3, backoff=30)
def refresh_dependents(kind: str, pk: int) -> None:
    """Render again what shows the ``kind`` object ``pk`` ("article", "person", "topic",
    "region", "articletype"): its own pages, and the pages and lists that show it.

    The rendering is ``articles.editorial.publishing.rerender_dependents(kind, pk)``, made with
    the pages rendered at publish time; until it exists there is nothing to render again.
    """
    rerender = getattr(publishing, "rerender_dependents", None)
    if rerender is not None:
        rerender(kind, pk)
