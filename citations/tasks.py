"""Background jobs of the citations app: checking one source's address."""

from citations.actions import record_link_check
from citations.linkcheck import DEFAULT_TIMEOUT, check_url
from citations.models import Source
from thinktank.tasks import task


@task(retries=3, backoff=60)
def check_source_link(source_id: int, timeout: float = DEFAULT_TIMEOUT) -> bool | None:
    """Check the address of source ``source_id`` and record the outcome; whether it works
    (``None`` when the source is gone or has no address). Running it again checks again."""
    source = Source.objects.with_url().filter(pk=source_id).first()
    if source is None:
        return None
    result = check_url(source.url, timeout=timeout)
    record_link_check(source, result)
    return result.ok
