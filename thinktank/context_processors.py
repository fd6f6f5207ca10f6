from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, override

from thinktank.languages import get_language_info, language_codes
from thinktank.site_links import site_links


def site(request):
    """The site's name, its configured links and the language switcher's links.

    A view that knows where the same page lives in other languages sets
    ``request.language_urls = {"tr": "/tr/...", ...}``. A language it leaves out has no such page:
    the switcher shows that language as not available (``url`` is None) and the page says so,
    rather than sending the reader to another page than the one they asked for. A page that sets
    nothing (an error page) offers each language's home page. The known ones are also announced to search engines as ``<link rel="alternate" hreflang>``.
    """
    switcher = language_switcher(request)
    alternates = [
        (code, request.build_absolute_uri(url))
        for code, url, _native in switcher["language_links"]
        if code in getattr(request, "language_urls", {})
    ]
    current = get_language()
    match = getattr(request, "resolver_match", None)
    return {
        "site_name": settings.SITE_NAME,
        "site_links": site_links(),
        "section": match.view_name if match else "",
        "text_direction": get_language_info(current).direction
        if current in language_codes()
        else "ltr",
        **switcher,
        "alternate_links": alternates,
    }


def language_switcher(request) -> dict:
    """What ``_language_switcher.html`` shows: ``language_links`` (code, URL or None, native
    name) and the ``missing_languages`` the page is not available in."""
    known = getattr(request, "language_urls", None)
    if known is None:  # a page that knows of no other language (an error page): the home pages
        known = {}
        for code in language_codes():
            with override(code):
                known[code] = reverse("home")
    links = [
        (code, known.get(code), get_language_info(code).native_name) for code in language_codes()
    ]
    current = get_language()
    return {
        "language_links": links,
        "missing_languages": [
            native for code, url, native in links if url is None and code != current
        ],
    }
