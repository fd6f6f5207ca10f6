from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from thinktank.languages import NATIVE_NAMES, language_codes


def site(request):
    """The site's name and the language switcher's links.

    A view that knows where the same page lives in other languages sets
    ``request.language_urls = {"tr": "/tr/...", ...}``; any language it leaves out links to that
    language's home page, so the switcher never leads to a missing page. The known ones are also
    announced to search engines as ``<link rel="alternate" hreflang>``.
    """
    known = getattr(request, "language_urls", {})
    links = []
    for code in language_codes():
        url = known.get(code)
        if url is None:
            with override(code):
                url = reverse("home")
        links.append((code, url, NATIVE_NAMES[code]))
    alternates = [
        (code, request.build_absolute_uri(known[code]))
        for code in language_codes()
        if code in known
    ]
    return {
        "site_name": settings.SITE_NAME,
        "language_links": links,
        "alternate_links": alternates,
    }
