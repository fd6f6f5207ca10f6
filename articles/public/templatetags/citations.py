"""Footnotes and "cite this article" on the public article page, of a live version.

    {% load citations %}
    {% footnoted_body version %}         the body, markers linked to their notes
    {% footnote_notes version %}         the notes list (citations/_notes.html)
    {% cite_this version %}              Chicago and APA, and the download links

Body and notes share one numbering, computed once per version
(``articles.public.article_page.footnotes_of``); the notes' sources take one query.
"""

from django import template
from django.utils.safestring import mark_safe

from articles.public.article_page import footnotes_of
from articles.public.exports import EXPORT_FORMATS, article_work, export_url
from citations.footnotes import NOTES_HEADING_ID
from citations.formatting import format_apa, format_chicago, format_reference_html, source_archive

register = template.Library()


@register.simple_tag
def footnoted_body(version):
    return mark_safe(footnotes_of(version).body)  # noqa: S308 - sanitized when saved


@register.inclusion_tag("citations/_notes.html")
def footnote_notes(version):
    lang = version.language
    items = []
    for note in footnotes_of(version).notes:
        citation = note.citation
        source = citation.source
        items.append(
            {
                "note": note,
                "reference": format_reference_html(
                    source, lang=lang, accessed_on=citation.accessed_on, locator=citation.locator
                ),
                "archive_url": source_archive(source) if source.url else "",
                "comment": citation.note,
            }
        )
    return {"notes": items, "heading_id": NOTES_HEADING_ID, "lang": lang}


def downloads(version) -> dict:
    """The article's own citation and its references in each export format."""
    return {
        "downloads": [
            (label, export_url(version, "citation", fmt)) for fmt, label in EXPORT_FORMATS.items()
        ],
        "reference_downloads": [
            (label, export_url(version, "references", fmt)) for fmt, label in EXPORT_FORMATS.items()
        ]
        if version.citations
        else [],
    }


@register.inclusion_tag("citations/_downloads.html")
def article_downloads(version):
    return downloads(version)


@register.inclusion_tag("citations/_cite_this.html", takes_context=True)
def cite_this(context, version):
    request = context.get("request")
    url = version.get_absolute_url()
    if request is not None:
        url = request.build_absolute_uri(url)
    work = article_work(version, url=url)
    lang = version.language
    return {
        "chicago": format_chicago(work, lang),
        "apa": format_apa(work, lang, html=True),
        **downloads(version),
    }
