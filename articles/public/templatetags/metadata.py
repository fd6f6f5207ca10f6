"""Head metadata of the public pages: canonical and hreflang links, social cards, JSON-LD.

``{% head_links %}`` is in ``base.html``; each page template adds its own description with
``{% article_head %}``, ``{% person_head %}`` or ``{% page_head %}`` in its ``meta`` block.
"""

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.models.translation import public_value
from articles.public import metadata
from thinktank.languages import language_codes

register = template.Library()


def _absolute(context, url):
    return context["request"].build_absolute_uri(url) if url else ""


def _portrait_url(context, person) -> str:
    """A person's picture for metadata: their library portrait's largest square crop."""
    image = person.portrait if person.portrait_id else None
    square = image.rendition(320, crop="square") if image is not None else None
    return _absolute(context, default_storage.url(square["name"])) if square else ""


def canonical_url(context):
    """This page's address: its own language's URL (a list keeps its page number)."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context["request"]
    path = getattr(request, "language_urls", {}).get(get_language()) or request.path
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        path += ("&" if "?" in path else "?") + f"page={page.number}"
    return request.build_absolute_uri(path)


def _home(context):
    return _absolute(context, reverse("home"))


def _publisher(context):
    return metadata.organization(_home(context), _absolute(context, static("favicon.svg")))


@register.simple_tag(takes_context=True)
def head_links(context):
    """Canonical URL, ``hreflang`` alternates and ``x-default`` (the original language of an
    article, else the site's default language)."""
    request = context["request"]
    known = getattr(request, "language_urls", {})
    alternates = [
        (code, request.build_absolute_uri(known[code]))
        for code in language_codes()
        if code in known
    ]
    links = [format_html('<link rel="canonical" href="{}">', canonical_url(context))]
    if alternates:
        links.append(
            format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', alternates)
        )
        article = context.get("article")
        default = getattr(article, "original_language", None) or settings.LANGUAGE_CODE
        if default not in known:
            default = alternates[0][0]
        links.append(
            format_html(
                '<link rel="alternate" hreflang="x-default" href="{}">',
                request.build_absolute_uri(known[default]),
            )
        )
    return mark_safe("\n".join(links))  # noqa: S308 - every piece built with format_html


@register.simple_tag(takes_context=True)
def article_head(context):
    """Description, OpenGraph/Twitter, Highwire tags and schema.org JSON-LD of an article page."""
    version, lang = context["version"], context["lang"]
    url = canonical_url(context)
    title = context["title"]
    people = metadata.credited_people(context["credits"])
    description = metadata.shorten(" ".join(context["highlights"]) or version.summary)
    hero = context.get("hero")
    social = hero.social() if hero else None
    image_url = _absolute(context, default_storage.url(social["name"])) if social else ""
    image_alt = hero.alt_in(lang) if social else ""
    if not image_url:
        pictured = (_portrait_url(context, person) for person in people)
        image_url = next((url for url in pictured if url), "")
        image_alt = ""
    published, updated = context.get("published"), context.get("updated")
    topics = [name for _term, name, _slug in context["terms"]]
    person_urls = [_absolute(context, person.get_absolute_url()) for person in people]
    extra = [("property", "article:published_time", published.isoformat() if published else "")]
    if updated:
        extra.append(("property", "article:modified_time", updated.isoformat()))
    extra += [("property", "article:author", person_url) for person_url in person_urls]
    extra.append(("property", "article:section", context.get("type_name", "")))
    extra += [("property", "article:tag", name) for name in topics]
    language_urls = {
        code: _absolute(context, path) for code, path in context.get("language_urls", {}).items()
    }
    data = metadata.article_json_ld(
        version.article,
        lang,
        schema_type=version.article_type.schema_type,
        url=url,
        title=title,
        description=description,
        people=[
            metadata.person_data(person, person_url, _portrait_url(context, person))
            for person, person_url in zip(people, person_urls, strict=True)
        ],
        publisher=_publisher(context),
        image_url=image_url,
        published=published,
        modified=updated,
        section=context.get("type_name", ""),
        keywords=topics,
        language_urls=language_urls,
    )
    parts = [
        metadata.social_tags(
            lang=lang,
            url=url,
            title=title,
            description=description,
            image_url=image_url,
            image_alt=image_alt,
            kind="article",
            extra=extra,
        ),
        metadata.highwire_tags(
            title=title,
            people=people,
            published=published,
            lang=lang,
            is_report=version.article_type.is_report,
            url=url,
        ),
        pdf_tag(context, lang),
        metadata.json_ld_script(data),
    ]
    crumbs = [(name, _absolute(context, path)) for name, path in context.get("breadcrumbs", [])]
    if crumbs and url:
        parts.append(metadata.json_ld_script(metadata.breadcrumb_json_ld([*crumbs, (title, url)])))
    return mark_safe("\n".join(part for part in parts if part))  # noqa: S308 - each part is built with format_html


def pdf_tag(context, lang: str) -> str:
    """``citation_pdf_url`` (Google Scholar, Zotero): the full text as a PDF in the page's
    language, when the article has one."""
    document = next((item for item in context.get("documents", ()) if item.language == lang), None)
    if document is None:
        return ""
    return metadata.meta_tags(
        [("name", "citation_pdf_url", _absolute(context, document.get_absolute_url()))]
    )


@register.simple_tag(takes_context=True)
def person_head(context):
    """Description, OpenGraph profile card and schema.org ``ProfilePage`` of a person's page."""
    person = context["person"]
    lang = get_language()
    url = canonical_url(context)
    photo_url = _portrait_url(context, person)
    position = public_value(person, "position", lang)
    description = metadata.shorten(
        f"{person.display_name}, {position}" if position else person.display_name
    )
    subject = metadata.person_data(person, url, photo_url)
    if position:
        subject["jobTitle"] = position
    links = [link.url for link in person.links.all()]
    if links:
        subject["sameAs"] = subject.get("sameAs", []) + links
    subject["worksFor"] = _publisher(context)
    data = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": lang,
        "name": person.display_name,
        "mainEntity": subject,
    }
    social = metadata.social_tags(
        lang=lang,
        url=url,
        title=person.display_name,
        description=description,
        image_url=photo_url,
        image_alt=person.full_name,
        kind="profile",
        extra=[
            ("property", "profile:first_name", person.given_name),
            ("property", "profile:last_name", person.family_name),
        ],
    )
    return mark_safe(social + "\n" + metadata.json_ld_script(data))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_head(context, title, description="", kind="CollectionPage"):
    """Description, OpenGraph card and JSON-LD of the home page (``WebSite`` and
    ``Organization``), a list (``CollectionPage``) or search (``SearchResultsPage``)."""
    lang = get_language()
    url = canonical_url(context)
    title = str(title)
    description = metadata.shorten(description or title)
    if kind == "WebSite":
        search_url = _absolute(context, reverse("articles:search"))
        data = [
            {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": settings.SITE_NAME,
                "url": url,
                "inLanguage": lang,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": search_url + "?q={search_term_string}",
                    },
                    "query-input": "required name=search_term_string",
                },
            },
            {"@context": "https://schema.org", **_publisher(context)},
        ]
    else:
        data = {
            "@context": "https://schema.org",
            "@type": kind,
            "name": title,
            "url": url,
            "inLanguage": lang,
            "isPartOf": {"@type": "WebSite", "name": settings.SITE_NAME, "url": _home(context)},
        }
    social = metadata.social_tags(lang=lang, url=url, title=title, description=description)
    return mark_safe(social + "\n" + metadata.json_ld_script(data))  # noqa: S308
