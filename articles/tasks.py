"""Background jobs of the articles app: keeping what readers are served up to date.

Each job takes ids, reads the current state and rewrites what it derives from it, so running it
again does no harm.
"""

from articles.public import dependents
from articles.search import schema
from thinktank.tasks import task


@task(retries=3, backoff=30)
def refresh_search_index(article_id: int) -> None:
    """Rewrite the search entries of article ``article_id`` from its live versions."""
    schema.refresh([article_id])


@task(retries=3, backoff=30)
def refresh_dependents(kind: str, pk: int) -> None:
    """Render again what shows the ``kind`` object ``pk`` ("similar" for the similar lists an
    article enters or leaves, "person", "source", "articletype", "topic", "region"), and tell
    the page cache to forget those pages."""
    dependents.refresh(kind, pk)
