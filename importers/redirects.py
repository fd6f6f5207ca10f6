"""Old WordPress addresses of imported articles answer with a permanent redirect to the
article's page in the same language, once it is live there (until then, still "not found")."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from articles.models import LiveVersion
from importers.models import ImportedRedirect


def new_address(path: str) -> str | None:
    """Where ``path`` (an imported post's old address) lives now, if readers may see it."""
    candidates = {path, path.rstrip("/") + "/", path.rstrip("/")}
    old = ImportedRedirect.objects.filter(old_path__in=candidates).first()
    if old is None:
        return None
    versions = LiveVersion.objects.visible(old.language).filter(article_id=old.article_id)
    version = versions.first()
    return version.get_absolute_url() if version is not None else None


class OldAddressMiddleware:
    """Turns a "not found" on an old address into a 301 to the article (one query otherwise
    never made: only 404 answers are looked up)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = new_address(request.path_info)
        return HttpResponsePermanentRedirect(target) if target else response
