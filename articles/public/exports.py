"""Downloads for reference managers: the article itself and its cited sources.

/<lang>/articles/<slug>/citation.{bib,ris,json}     the article ("cite this article")
/<lang>/articles/<slug>/references.{bib,ris,json}   the sources it cites, in note order

Only articles live in the URL's language are exported; anything else is a 404.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.public.metadata import credited_people
from citations.exports import CONTENT_TYPES, RENDERERS, citation_key
from citations.footnotes import render_footnotes
from citations.formatting import Name, Work, work_from_source
from citations.models import Citation
from thinktank.languages import translated_value

EXPORT_FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def export_url(article, lang, what, fmt):
    """``what`` is "citation" (the article) or "references" (its sources)."""
    with override(lang):
        return reverse(
            f"citations:article-{what}",
            kwargs={"slug": translated_value(article, "slug", lang), "fmt": fmt},
        )


def article_work(article, lang, *, url):
    """The article itself in ``lang`` as a citable Work: its authors, or else everyone credited."""
    people = credited_people(article.authorships.all())
    published = article.publish_at or article.first_published_at
    is_report = article.article_type.is_report
    work = Work(
        id="",
        kind="report" if is_report else "web",
        title=translated_value(article, "title", lang),
        authors=[Name(person.family_name, person.given_name) for person in people],
        container="" if is_report else settings.SITE_NAME,
        publisher=settings.SITE_NAME if is_report else "",
        url=url,
        issued=timezone.localdate(published) if published else None,
        language=lang,
        abstract=translated_value(article, "summary", lang),
    )
    work.id = citation_key(work, set())
    return work


def reference_works(article, lang):
    """The article's sources as Works, in the order its notes are numbered in ``lang``.

    A source cited by several notes is exported once, with its first access date.
    """
    citations = list(article.citations.all())
    notes = render_footnotes(translated_value(article, "body", lang), citations).notes
    works, seen, keys = [], set(), set()
    for note in notes:
        citation = note.citation
        if citation.source_id in seen:
            continue
        seen.add(citation.source_id)
        works.append(
            work_from_source(
                citation.source,
                key=citation_key(work_from_source(citation.source, key=""), keys),
                accessed_on=citation.accessed_on,
            )
        )
    return works


def _live_article(lang, slug):
    article = (
        Article.objects.live(lang)
        .for_listing()
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.select_related("source")))
        .filter(**{f"slug_{lang}": slug})
        .first()
    )
    if article is None:
        raise Http404
    return article


def _download(content, fmt, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_safe
def article_citation(request, slug, fmt):
    lang = get_language()
    article = _live_article(lang, slug)
    url = request.build_absolute_uri(article.get_absolute_url(lang))
    return _download(RENDERERS[fmt]([article_work(article, lang, url=url)]), fmt, slug)


@require_safe
def article_references(request, slug, fmt):
    lang = get_language()
    article = _live_article(lang, slug)
    return _download(RENDERERS[fmt](reference_works(article, lang)), fmt, f"{slug}-references")
