"""The article page: everything its template shows of one live version.

``page_context`` works for any ``LiveVersion`` — a saved one (what readers see) or an unsaved
one built from the working version for an editor's preview — and fetches what it needs in a
fixed number of queries, whatever the numbers of authors, notes and topics.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote, urlencode

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext, override

from articles.models import Correction, LiveAuthorship, LiveVersion, Translation
from articles.models.translation import public_value
from citations.footnotes import Footnotes, render_footnotes
from citations.models import Source
from library.embedded import render_embedded
from library.public import documents_of, hero_context
from thinktank.languages import language_codes, native_name

SIMILAR_COUNT = 3
WORDS_PER_MINUTE = 220


@dataclass
class LiveCitation:
    """One note of a live version, with its source (as ``render_footnotes`` takes it)."""

    number: int
    source: Source
    accessed_on: date | None
    locator: str
    note: str


def live_citations(version: LiveVersion) -> list[LiveCitation]:
    """The version's notes with their sources (one query)."""
    items = version.citations
    sources = Source.objects.in_bulk([item["source"] for item in items])
    return [
        LiveCitation(
            number=item["number"],
            source=sources[item["source"]],
            accessed_on=date.fromisoformat(item["accessed_on"]) if item["accessed_on"] else None,
            locator=item.get("locator", ""),
            note=item.get("note", ""),
        )
        for item in items
        if item["source"] in sources
    ]


def footnotes_of(version: LiveVersion) -> Footnotes:
    """The body with its markers linked and its sections anchored, and the notes in reading
    order (cached on the version)."""
    if not hasattr(version, "_footnotes"):
        body = render_embedded(version.body, version.language)
        rendered = render_footnotes(body, live_citations(version))
        body, version._sections = anchored_sections(rendered.body)
        version._footnotes = replace(rendered, body=body)
    return version._footnotes


SECTION = re.compile(r"<h([23])>(.*?)</h\1>", re.S)
MIN_SECTIONS = 2  # a table of contents from two headed sections on


def anchored_sections(body: str) -> tuple[str, list[dict]]:
    """The body with an ``id`` on each of its ``<h2>``/``<h3>`` headings, and those headings
    (``id``, ``text``, ``level``) for the article's table of contents."""
    sections: list[dict] = []
    used: set[str] = set()

    def anchor(match: re.Match) -> str:
        level, inner = match.group(1), match.group(2)
        text = strip_tags(inner).strip()
        base = "section-" + (slugify(text, allow_unicode=True)[:60] or str(len(sections) + 1))
        ident, number = base, 2
        while ident in used:
            ident, number = f"{base}-{number}", number + 1
        used.add(ident)
        sections.append({"id": ident, "text": text, "level": int(level)})
        return f'<h{level} id="{ident}">{inner}</h{level}>'

    return SECTION.sub(anchor, body), sections


def reading_minutes(version: LiveVersion) -> int:
    words = len(re.findall(r"\w+", strip_tags(version.body)))
    return max(1, round(words / WORDS_PER_MINUTE))


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """Plain links to share a page: no third-party script is ever loaded."""
    u, t = quote(url, safe=""), quote(title, safe="")
    both = quote(f"{title} {url}", safe="")
    return [
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        ("WhatsApp", f"https://wa.me/?text={both}"),
        ("e-mail", f"mailto:?subject={t}&body={both}"),
    ]


@dataclass
class Credit:
    """A credited person as the page shows them: current name and photo, the position they
    held when the version was made, their public biography in the page's language."""

    person: object
    role: str
    position: str
    biography: str


def credits(version: LiveVersion, lang: str) -> list[Credit]:
    return [
        Credit(
            person=authorship.person,
            role=authorship.role,
            position=authorship.position,
            biography=public_value(authorship.person, "biography", lang),
        )
        for authorship in version.author_list
    ]


def with_people(version: LiveVersion) -> LiveVersion:
    """Fetch the version's people (with their translations), topics and regions."""
    if version.pk is not None:
        people = LiveAuthorship.objects.select_related("person__portrait").prefetch_related(
            "person__translations"
        )
        prefetch_related_objects(
            [version],
            Prefetch("authorships", queryset=people),
            "topics__translations",
            "regions__translations",
            "article_type__translations",
        )
    return version


def other_languages(version: LiveVersion) -> dict[str, str]:
    """``{code: url}`` of the languages the article is live in besides this version's."""
    if version.article_id is None:
        return {}
    rows = (
        LiveVersion.objects.visible_now()
        .filter(article_id=version.article_id)
        .exclude(language=version.language)
        .values_list("language", "slug")
    )
    found = dict(rows)
    return {
        code: LiveVersion(language=code, slug=found[code]).get_absolute_url()
        for code in language_codes()
        if code in found
    }


def source_changed(version: LiveVersion) -> object:
    """When the original changed under this translation (still "needs update"), or None."""
    if version.article_id is None or version.language == version.article.original_language:
        return None
    return (
        Translation.objects.filter(
            article_id=version.article_id, language=version.language, status="needs_update"
        )
        .values_list("source_changed_at", flat=True)
        .first()
    )


def corrections(version: LiveVersion) -> list[dict]:
    """The article's updates and corrections readers of this version are told of in its language
    (those published up to the moment it opens)."""
    if version.article_id is None:
        return []
    lang = version.language
    return [
        {"kind": item.get_kind_display(), "when": item.visible_from, "note": note}
        for item in Correction.objects.filter(
            article_id=version.article_id, visible_from__lte=version.visible_from
        ).order_by("visible_from", "pk")
        if (note := getattr(item, f"note_{lang}") or "")
    ]


def breadcrumbs(lang: str, type_name: str, type_slug: str) -> list[tuple[str, str]]:
    """``[(name, path)]`` above the article: the home page, then its type's publications."""
    with override(lang):
        trail = [(gettext("Home"), reverse("home"))]
        if type_name and type_slug:
            trail.append(
                (type_name, f"{reverse('articles:list')}?{urlencode({'type': type_slug})}")
            )
    return trail


def page_context(version: LiveVersion, *, request, preview: bool = False) -> dict:
    """Everything ``articles/article_detail.html`` needs to show ``version``.

    ``preview``: an editor's preview (of an unsaved version): no share links, no similar
    articles, and the canonical address is the public one (never the preview's).
    """
    lang = version.language
    with_people(version)
    footnotes = footnotes_of(version)
    others = other_languages(version)
    language_urls = dict(others)
    if version.slug:
        language_urls[lang] = version.get_absolute_url()
    url = request.build_absolute_uri(language_urls[lang]) if lang in language_urls else ""
    article_type = version.article_type
    terms = [
        (term, public_value(term, "name", lang), public_value(term, "slug", lang))
        for term in [*version.topic_list, *version.region_list]
    ]
    type_name, type_slug = (
        public_value(article_type, "name", lang),
        public_value(article_type, "slug", lang),
    )
    similar = []
    if not preview and version.pk is not None:
        similar = list(
            LiveVersion.objects.visible(lang).for_cards().similar_to(version)[:SIMILAR_COUNT]
        )
    return {
        "version": version,
        "article": version.article,
        "lang": lang,
        "title": version.title,
        "has_notes": bool(footnotes.notes),
        "sections": version._sections if len(version._sections) >= MIN_SECTIONS else [],
        "citable": bool(version.slug),
        "credits": credits(version, lang),
        "highlights": [item["text"] for item in version.highlights if item.get("text")],
        "terms": [(term, name, slug) for term, name, slug in terms if name and slug],
        "type_name": type_name,
        "type_slug": type_slug,
        "breadcrumbs": breadcrumbs(lang, type_name, type_slug),
        "published": version.publish_at,
        "updated": version.modified_at,
        "reading_minutes": reading_minutes(version),
        "share_links": [] if preview else share_links(url, version.title),
        "also_available": [(code, others[code], native_name(code)) for code in others],
        "similar": similar,
        "corrections": corrections(version),
        "source_changed": source_changed(version),
        "language_urls": language_urls,
        "canonical_url": url,
        **hero_context(version.hero, lang),
        "documents": documents_of(version),
    }
