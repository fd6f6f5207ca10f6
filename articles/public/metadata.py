"""What the public pages tell machines about themselves, built from our models.

schema.org JSON-LD (``ScholarlyArticle``/``NewsArticle``/``Report`` from ``ArticleType.schema_type``,
``ProfilePage``, ``WebSite``/``Organization``, ``CollectionPage``), Google Scholar's Highwire
``citation_*`` tags, and OpenGraph/Twitter cards. Pure functions of objects and absolute URLs;
``articles.public.templatetags.metadata`` renders them, ``json_ld_script`` always safely.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from thinktank.languages import get_language_info

DESCRIPTION_LENGTH = 300
# Inside <script>, "</script>" or "<!--" in a string must not end or change the element.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def json_ld_script(data):
    """``<script type="application/ld+json">`` holding ``data``; no text can leave the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - <, > and & escaped above
    )


def breadcrumb_json_ld(items):
    """schema.org ``BreadcrumbList`` of ``[(name, absolute url), …]``, the page itself last."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def meta_tags(pairs):
    """``<meta>`` tags from ``(attribute, name, content)`` triples, skipping empty content."""
    return format_html_join(
        "\n",
        '<meta {}="{}" content="{}">',
        ((attribute, name, content) for attribute, name, content in pairs if content),
    )


def shorten(text, length=DESCRIPTION_LENGTH):
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


def organization(home_url, logo_url=None):
    data = {"@type": "Organization", "name": settings.SITE_NAME, "url": home_url}
    if logo_url:
        data["logo"] = {"@type": "ImageObject", "url": logo_url}
    return data


def person_data(person, url, photo_url=None):
    data = {
        "@type": "Person",
        "name": person.full_name,
        "givenName": person.given_name,
        "familyName": person.family_name,
        "url": url,
    }
    if person.honorific:
        data["honorificPrefix"] = str(person.get_honorific_display())
    if photo_url:
        data["image"] = photo_url
    if person.orcid:
        data["sameAs"] = [person.orcid_url]
    return data


def credited_people(authorships):
    """The article's authors, or else everyone credited on it (as "cite this article" does)."""
    people = [item.person for item in authorships if item.role == "author"]
    return people or [item.person for item in authorships]


def article_json_ld(
    article,
    lang,
    *,
    schema_type,
    url,
    title,
    description,
    people,
    publisher,
    image_url=None,
    published=None,
    modified=None,
    section="",
    keywords=(),
    language_urls=None,
):
    """schema.org description of ``article`` in ``lang``, linked to its other language versions."""
    schema_type = schema_type or "Article"
    language_urls = language_urls or {}
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": shorten(title, 110),
        "name": title,
        "inLanguage": lang,
        "author": people,
        "publisher": publisher,
        "isAccessibleForFree": True,
    }
    if description:
        data["description"] = description
    if image_url:
        data["image"] = image_url
    if published:
        data["datePublished"] = published.isoformat()
        data["dateModified"] = (modified or published).isoformat()
    if section:
        data["articleSection"] = section
    if keywords:
        data["keywords"] = list(keywords)
    original = article.original_language

    def version(code):
        return {"@type": schema_type, "@id": language_urls[code], "inLanguage": code}

    if lang == original:
        others = [code for code in language_urls if code != lang]
        if others:
            data["workTranslation"] = [version(code) for code in others]
    elif original in language_urls:
        data["translationOfWork"] = version(original)
    return data


def highwire_tags(*, title, people, published, lang, is_report, url):
    """Google Scholar's tags (also read by Zotero): one ``citation_author`` per author."""
    pairs = [("name", "citation_title", title)]
    pairs += [
        ("name", "citation_author", f"{person.family_name}, {person.given_name}".strip(", "))
        for person in people
    ]
    if published:
        pairs.append(
            (
                "name",
                "citation_publication_date",
                timezone.localdate(published).strftime("%Y/%m/%d"),
            )
        )
    pairs += [
        ("name", "citation_language", lang),
        ("name", "citation_publisher", settings.SITE_NAME),
    ]
    if is_report:
        pairs.append(("name", "citation_technical_report_institution", settings.SITE_NAME))
    pairs.append(("name", "citation_fulltext_html_url", url))
    return meta_tags(pairs)


def social_tags(
    *, lang, url, title, description, image_url=None, image_alt="", kind="website", extra=()
):
    """The meta description, OpenGraph and Twitter card of a page."""
    pairs = [
        ("name", "description", description),
        ("property", "og:site_name", settings.SITE_NAME),
        ("property", "og:type", kind),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:locale", get_language_info(lang).og_locale),
        ("property", "og:image", image_url),
        ("property", "og:image:alt", image_alt if image_url else ""),
        *extra,
        ("name", "twitter:card", "summary_large_image" if image_url else "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image_url),
        ("name", "twitter:image:alt", image_alt if image_url else ""),
    ]
    return meta_tags(pairs)
