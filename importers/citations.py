"""Parsed references → the article's citations, each source found among the existing ones
(by address, the sources' own deduplication rule) or added once."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.models import Article
from citations.models import Citation, Source, SourceKind
from importers.footnotes import Reference


@dataclass
class CitationOutcome:
    """What became of an article's references, for the import report."""

    parsed: list[Reference] = field(default_factory=list)
    left_as_text: list[Reference] = field(default_factory=list)
    sources_added: int = 0
    sources_matched: int = 0


def find_or_add_source(reference: Reference) -> tuple[Source, bool]:
    """The source ``reference`` names: an existing one with the same address (or, without an
    address, the same title and outlet), else a new one. A reference that could not be read
    becomes a source titled with its whole text, for an editor to split."""
    title = reference.title if reference.parsed else reference.text[:500]
    outlet = reference.outlet if reference.parsed else ""
    if reference.url:
        existing = Source.objects.matching(url=reference.url).first()
    else:
        existing = Source.objects.filter(url="", title=title, outlet=outlet).first()
    if existing is not None:
        return existing, False
    source = Source.objects.create(
        kind=SourceKind.WEB if reference.url else SourceKind.NEWS,
        title=title or reference.url or "?",
        authors=reference.authors if reference.parsed else "",
        outlet=outlet,
        url=reference.url,
        published_on=reference.published_on,
    )
    return source, True


def replace_citations(article: Article, references: Iterable[Reference]) -> CitationOutcome:
    """Make ``references`` the citations of ``article`` (numbered as given, else in order);
    the ones it had before are replaced, so importing again never adds a second set."""
    outcome = CitationOutcome()
    article.citations.all().delete()
    used = set()
    for position, reference in enumerate(references, start=1):
        number = reference.number or position
        if number in used:
            outcome.left_as_text.append(reference)
            continue
        used.add(number)
        source, added = find_or_add_source(reference)
        if added:
            outcome.sources_added += 1
        else:
            outcome.sources_matched += 1
        Citation.objects.create(
            article=article,
            number=number,
            source=source,
            accessed_on=reference.accessed_on,
        )
        (outcome.parsed if reference.parsed else outcome.left_as_text).append(reference)
    return outcome
