"""Footnotes and "cite this article" on the public article page.

    {% load citations %}
    {% footnoted_body article %}          the body, markers linked to their notes
    {% footnote_notes article %}          the notes list (citations/_notes.html)
    {% cite_this article %}               Chicago and APA, and the download links

Each takes an optional language code (default: the active language). Body and notes share one
numbering, computed once per article and language; citations come from ``article.citations``
(prefetch ``Citation.objects.select_related("source")`` to keep the page's query count flat).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.public.exports import EXPORT_FORMATS, article_work, export_url
from citations.footnotes import NOTES_HEADING_ID, article_citations, footnotes_for
from citations.formatting import archive_url, format_apa, format_chicago, format_reference_html
from thinktank.languages import translated_value

register = template.Library()


@register.simple_tag
def footnoted_body(article, lang=None):
    return mark_safe(footnotes_for(article, lang or get_language()).body)  # noqa: S308 - sanitized on save


@register.inclusion_tag("citations/_notes.html")
def footnote_notes(article, lang=None):
    lang = lang or get_language()
    notes = []
    for note in footnotes_for(article, lang).notes:
        citation = note.citation
        source = citation.source
        notes.append(
            {
                "note": note,
                "reference": format_reference_html(
                    source, lang=lang, accessed_on=citation.accessed_on, locator=citation.locator
                ),
                "archive_url": archive_url(source.url, citation.accessed_on),
                "comment": translated_value(citation, "note", lang),
            }
        )
    return {"notes": notes, "heading_id": NOTES_HEADING_ID, "lang": lang}


@register.inclusion_tag("citations/_cite_this.html", takes_context=True)
def cite_this(context, article, lang=None):
    lang = lang or get_language()
    request = context.get("request")
    url = article.get_absolute_url(lang)
    if request is not None:
        url = request.build_absolute_uri(url)
    work = article_work(article, lang, url=url)
    return {
        "chicago": format_chicago(work, lang),
        "apa": format_apa(work, lang, html=True),
        "downloads": [
            (label, export_url(article, lang, "citation", fmt))
            for fmt, label in EXPORT_FORMATS.items()
        ],
        "reference_downloads": [
            (label, export_url(article, lang, "references", fmt))
            for fmt, label in EXPORT_FORMATS.items()
        ]
        if article_citations(article)
        else [],
    }
