"""Downloads for reference managers: the article itself and its cited sources.

/<lang>/articles/<slug>/citation.{bib,ris,json}     the article ("cite this article")
/<lang>/articles/<slug>/references.{bib,ris,json}   the sources it cites, in note order

Only what is live in the URL's language is exported (its live version); anything else is a 404.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.views.decorators.http import require_safe

from articles.models import LiveVersion
from articles.public.article_page import footnotes_of
from articles.public.metadata import credited_people
from citations.exports import CONTENT_TYPES, RENDERERS, citation_key
from citations.formatting import Name, Work, work_from_source

EXPORT_FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def export_url(version: LiveVersion, what: str, fmt: str) -> str:
    """``what`` is "citation" (the article) or "references" (its sources)."""
    with override(version.language):
        return reverse(f"citations:article-{what}", kwargs={"slug": version.slug, "fmt": fmt})


def article_work(version: LiveVersion, *, url: str) -> Work:
    """The article in a version's language as a citable Work: its authors, or else everyone
    credited."""
    people = credited_people(version.author_list)
    is_report = version.article_type.is_report
    work = Work(
        id="",
        kind="report" if is_report else "web",
        title=version.title,
        authors=[Name(person.family_name, person.given_name) for person in people],
        container="" if is_report else settings.SITE_NAME,
        publisher=settings.SITE_NAME if is_report else "",
        url=url,
        issued=timezone.localdate(version.publish_at),
        language=version.language,
        abstract=version.summary,
    )
    work.id = citation_key(work, set())
    return work


def reference_works(version: LiveVersion) -> list[Work]:
    """The version's sources as Works, in the order its notes are numbered.

    A source cited by several notes is exported once, with its first access date.
    """
    works, seen, keys = [], set(), set()
    for note in footnotes_of(version).notes:
        citation = note.citation
        if citation.source.pk in seen:
            continue
        seen.add(citation.source.pk)
        works.append(
            work_from_source(
                citation.source,
                key=citation_key(work_from_source(citation.source, key=""), keys),
                accessed_on=citation.accessed_on,
            )
        )
    return works


def _live_version(lang, slug):
    version = LiveVersion.objects.visible(lang).for_listing().filter(slug=slug).first()
    if version is None:
        raise Http404
    return version


def _download(content, fmt, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_safe
def article_citation(request, slug, fmt):
    version = _live_version(get_language(), slug)
    url = request.build_absolute_uri(version.get_absolute_url())
    return _download(RENDERERS[fmt]([article_work(version, url=url)]), fmt, slug)


@require_safe
def article_references(request, slug, fmt):
    version = _live_version(get_language(), slug)
    return _download(RENDERERS[fmt](reference_works(version)), fmt, f"{slug}-references")
