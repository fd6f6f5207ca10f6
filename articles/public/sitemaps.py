"""/sitemap.xml: every public page once per language it exists in, with its hreflang alternates.

An article appears once per language it is live in; each of its URLs lists all of them
(``xhtml:link rel="alternate" hreflang``) plus ``x-default``, its original language. Home, list,
people, person, topic and region pages are listed the same way (``x-default``: the site's
default language).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import override

from articles.models import LiveVersion, Region, Topic
from articles.models.translation import public_value
from people.models import Person
from thinktank.languages import language_codes


@dataclass
class Page:
    """One page in one language, and where it lives in every language it exists in."""

    lang: str
    urls: dict = field(default_factory=dict)
    default: str = settings.LANGUAGE_CODE
    lastmod: object = None


def _reverse_in(code, name, **kwargs):
    with override(code):
        return reverse(name, kwargs=kwargs or None)


def pages_in_languages(urls, *, default=None, lastmod=None):
    default = default if default in urls else next(iter(urls), None)
    return [Page(code, urls, default, lastmod) for code in urls]


class AlternatesSitemap(Sitemap):
    """Items are ``Page`` objects; ``get_urls`` adds their alternates and ``x-default``."""

    def location(self, item):
        return item.urls[item.lang]

    def lastmod(self, item):
        return item.lastmod

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for info in urls:
            item = info["item"]
            origin = info["location"][: -len(item.urls[item.lang])]
            info["alternates"] = [
                {"lang_code": code, "location": origin + path} for code, path in item.urls.items()
            ]
            if item.default:
                info["alternates"].append(
                    {"lang_code": "x-default", "location": origin + item.urls[item.default]}
                )
        return urls


class ArticleSitemap(AlternatesSitemap):
    changefreq = "monthly"

    def items(self):
        """One query: the visible versions' slugs, languages and last changes, by article."""
        found = {}
        rows = (
            LiveVersion.objects.visible_now()
            .order_by("-publish_at", "-pk")
            .values_list(
                "article_id", "language", "slug", "visible_from", "article__original_language"
            )
        )
        for pk, code, slug, made, original in rows:
            entry = found.setdefault(pk, {"urls": {}, "lastmod": made, "orig": original})
            entry["lastmod"] = max(entry["lastmod"], made)
            entry["urls"][code] = _reverse_in(code, "articles:detail", slug=slug)
        pages = []
        for entry in found.values():
            pages += pages_in_languages(
                entry["urls"], default=entry["orig"], lastmod=entry["lastmod"]
            )
        return pages


class SectionSitemap(AlternatesSitemap):
    """Home, publications and experts: in every language."""

    changefreq = "daily"

    def items(self):
        pages = []
        for name in ("home", "articles:list", "people:list"):
            urls = {code: _reverse_in(code, name) for code in language_codes()}
            pages += pages_in_languages(urls, default=settings.LANGUAGE_CODE)
        return pages


class PersonSitemap(AlternatesSitemap):
    changefreq = "weekly"

    def items(self):
        pages = []
        for person in Person.objects.active().only("slug"):
            urls = {
                code: _reverse_in(code, "people:detail", slug=person.slug)
                for code in language_codes()
            }
            pages += pages_in_languages(urls, default=settings.LANGUAGE_CODE)
        return pages


class TermSitemap(AlternatesSitemap):
    """Topic and region pages, in the languages the term has a name and slug in."""

    changefreq = "weekly"

    def items(self):
        pages = []
        for model, name in ((Topic, "articles:topic"), (Region, "articles:region")):
            for term in model.objects.prefetch_related("translations"):
                urls = {
                    code: _reverse_in(code, name, slug=public_value(term, "slug", code))
                    for code in language_codes()
                    if public_value(term, "name", code) and public_value(term, "slug", code)
                }
                pages += pages_in_languages(urls, default=settings.LANGUAGE_CODE)
        return pages


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "terms": TermSitemap,
}
