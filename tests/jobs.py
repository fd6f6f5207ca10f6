"""Tasks for the background-job tests (a module, so that a worker process can import them).

``rename_source`` fails while the source's outlet says "broken", so a test controls from the
database whether a run fails, whichever process runs it.
"""

from citations.models import Source
from thinktank.tasks import task


@task(retries=2, backoff=0)
def rename_source(source_id: int, title: str) -> str:
    source = Source.objects.get(pk=source_id)
    if source.outlet == "broken":
        raise RuntimeError(f"source {source_id} is broken")
    Source.objects.filter(pk=source_id).update(title=title)
    return title


@task(retries=2, backoff=30)
def always_fails(label: str) -> None:
    raise RuntimeError(f"{label} cannot work")


@task()
def copy_source(source_id: int) -> None:
    """Fails with a database error: sources are unique by address."""
    source = Source.objects.get(pk=source_id)
    Source.objects.create(kind=source.kind, title="Copy", url=source.url)
