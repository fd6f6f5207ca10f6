"""Security headers on every response: a Content-Security-Policy and a Permissions-Policy.

Readers' pages get a strict policy: scripts, styles, images and fonts from this site only, no
inline script or style at all (the public templates have none; the one JSON-LD block is data,
which a policy does not govern), no plugins, no ``<base>``, no framing. The admin gets its own,
explicit policy: inline styles (Django's admin and CKEditor 4 write them) but no inline script,
so text that slipped past the server's sanitizer could not run there either. The one exception
is a page that loads CKEditor 4: its toolbar is built from inline event handlers and its editing
frame from an inline script, so it cannot work without ``'unsafe-inline'`` scripts. That page
gets them, and nothing else does (README, "Security": the server's sanitizer is the boundary).
The other editor, django-prose-editor (``thinktank.editors``), needs one inline script, its
import map: the admin's policy names that script's hash, so it runs and nothing else inline does.

The page cache (``thinktank.pagecache``) keeps pages with the headers this middleware gave
them, so a page answered from the cache has the same headers as one just built; its keys include
a digest of these settings, so a restart with another policy needs no cache flush.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from thinktank import editors

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    # CKEditor 4 sets style attributes and writes <style> into its editing frame.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Only the admin pages that load CKEditor 4 (found by its script's address in the page).
EDITOR_POLICY = {**ADMIN_POLICY, "script-src": ["'self'", "'unsafe-inline'"]}
EDITOR_MARKERS = (b"ckeditor/ckeditor.js",)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def _origins() -> list[str]:
    """Where static and media files come from when they are not on this host (a CDN, S3)."""
    found = []
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        parts = urlsplit(str(url or ""))
        if parts.scheme in ("http", "https") and parts.netloc:
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in found:
                found.append(origin)
    return found


def render_policy(policy: dict[str, list[str]], *, report_uri: str = "") -> str:
    """The header value for ``policy``, with the static/media origins added where files load."""
    extra = _origins()
    parts = []
    for directive, sources in policy.items():
        if directive in ("script-src", "style-src", "img-src", "font-src") and extra:
            sources = [*sources, *extra]
        parts.append(" ".join([directive, *sources]))
    if report_uri:
        parts.append(f"report-uri {report_uri}")
    return "; ".join(parts)


def loads_editor(response: HttpResponse) -> bool:
    """Whether ``response`` is an HTML page loading CKEditor 4."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.get("Content-Encoding"):
        return False
    return any(marker in response.content for marker in EDITOR_MARKERS)


class SecurityHeadersMiddleware:
    """Adds ``Content-Security-Policy`` (the admin's or the readers') and ``Permissions-Policy``
    to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        report_uri = getattr(settings, "CSP_REPORT_URI", "")
        self.public = render_policy(
            getattr(settings, "CSP_PUBLIC_POLICY", PUBLIC_POLICY), report_uri=report_uri
        )
        self.report_uri = report_uri
        self.admin_policy = getattr(settings, "CSP_ADMIN_POLICY", ADMIN_POLICY)
        self.admins: dict[tuple[str, ...], str] = {}
        self.editor = render_policy(
            getattr(settings, "CSP_EDITOR_POLICY", EDITOR_POLICY), report_uri=report_uri
        )
        self.header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )
        self.permissions = getattr(settings, "PERMISSIONS_POLICY", PERMISSIONS_POLICY)
        self._admin_prefix = ""

    def admin_prefix(self) -> str:
        if not self._admin_prefix:
            self._admin_prefix = reverse("admin:index")
        return self._admin_prefix

    def admin(self) -> str:
        """The admin's policy, allowing the configured editor's own inline scripts by hash."""
        hashes = editors.script_hashes()
        if hashes not in self.admins:
            policy = {
                **self.admin_policy,
                "script-src": [*self.admin_policy["script-src"], *hashes],
            }
            self.admins[hashes] = render_policy(policy, report_uri=self.report_uri)
        return self.admins[hashes]

    def policy(self, request: HttpRequest, response: HttpResponse) -> str:
        """The readers' policy, the admin's, or the admin's for a page with CKEditor 4."""
        if not request.path_info.startswith(self.admin_prefix()):
            return self.public
        if loads_editor(response):
            return self.editor
        return self.admin()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header(self.header):
            response[self.header] = self.policy(request, response)
        if self.permissions and not response.has_header("Permissions-Policy"):
            response["Permissions-Policy"] = self.permissions
        return response
