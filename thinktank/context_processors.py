from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, override

from thinktank.languages import get_language_info, language_codes


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
        links.append((code, url, get_language_info(code).native_name))
    alternates = [
        (code, request.build_absolute_uri(known[code]))
        for code in language_codes()
        if code in known
    ]
    current = get_language()
    return {
        "site_name": settings.SITE_NAME,
        "text_direction": get_language_info(current).direction
        if current in language_codes()
        else "ltr",
        "language_links": links,
        "alternate_links": alternates,
    }
