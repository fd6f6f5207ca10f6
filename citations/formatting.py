"""How a cited work reads, per language and per kind of source: pure functions, no database.

Everything here takes plain values or objects with the attributes of ``Source`` (an unsaved
model instance or any look-alike), so it is tested without a database.

Notes follow the house style of the reference article, one comma-separated line::

    “Title”, Outlet, https://…, (Date of Access: 01.07.2024).

Access dates are numeric day.month.year in all three languages (the reference's form, and the
usual one in Turkish and Russian); publication dates are written out in the page's language
(“June 28, 2024”, “28 Haziran 2024”, “28 июня 2024”). The formats of each language are those of
``thinktank.languages.REGISTRY``.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import dateformat
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override, pgettext

from thinktank.languages import get_language_info

ARCHIVE_PREFIX = "https://web.archive.org/web/"


# Names and dates -------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A person (family, given) or an organisation (family only, ``literal``)."""

    family: str
    given: str = ""

    @property
    def literal(self):
        return not self.given

    def natural(self):
        return f"{self.given} {self.family}".strip()

    def inverted(self):
        return f"{self.family}, {self.given}" if self.given else self.family

    def initials(self):
        """“Ayla Nur” → “A. N.”, “Jean-Paul” → “J.-P.”."""
        return " ".join(
            "-".join(f"{part[0]}." for part in word.split("-") if part)
            for word in self.given.split()
        )


def parse_authors(text):
    """``Source.authors`` (“Family, Given; Family, Given”) as names; no comma means an organisation."""
    names = []
    for chunk in (text or "").split(";"):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        family, _comma, given = chunk.partition(",")
        names.append(Name(family.strip(), given.strip()))
    return names


def join_names(parts, lang, *, conjunction=None, serial_comma=False):
    """“A”, “A and B”, “A, B and C” with the conjunction of ``lang``."""
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return "".join(parts)
    with override(lang):
        word = conjunction or gettext("and")
    head = ", ".join(parts[:-1])
    comma = "," if serial_comma else ""
    return f"{head}{comma} {word} {parts[-1]}"


def _date(value, kind, lang):
    """``value`` in ``lang``'s ``kind`` of date format (a ``Language`` attribute)."""
    if not value:
        return ""
    with override(lang):
        return dateformat.format(value, getattr(get_language_info(lang), kind))


def format_access_date(value, lang):
    """01.07.2024 (the numeric form of the reference article, in every language)."""
    return _date(value, "access_date_format", lang)


def format_long_date(value, lang):
    """June 28, 2024 / 28 Haziran 2024 / 28 июня 2024."""
    return _date(value, "long_date_format", lang)


def access_label(lang):
    """“Date of Access” in the page's language."""
    with override(lang):
        return gettext("Date of Access")


# Archived copies -------------------------------------------------------------------------


def archive_url(url, accessed_on):
    """The Internet Archive's snapshot nearest the access date, computed without the network.

    The Wayback Machine redirects ``/web/<YYYYMMDD>/<url>`` to the capture closest to that day.
    No URL or no access date: no archived copy.
    """
    if not url or not accessed_on:
        return ""
    return f"{ARCHIVE_PREFIX}{accessed_on:%Y%m%d}/{url}"


# Footnote references ---------------------------------------------------------------------


@dataclass
class Segment:
    """One comma-separated part of a reference: plain text, a quoted or italic title, a link."""

    text: str
    style: str = "text"  # text | quoted | italic | url | doi | access

    def plain(self):
        return f"“{self.text}”" if self.style == "quoted" else self.text


def _authors_natural(source, lang):
    return join_names([name.natural() for name in parse_authors(source.authors)], lang)


def _year(source):
    return str(source.published_on.year) if source.published_on else ""


# "p. 12", "pp. 45-67", "s. 12", "ss. 4-5", "с. 12", "стр. 12": a page label already typed.
_PAGE_LABEL = re.compile(r"^\s*(?:pp?|ss?|с|стр|sayfa)\.?\s+(?=\d)", re.IGNORECASE)
# Words whose full stop is part of them: "Inc.", "Ltd.", "No.", "Vol.", "p." … and initials "J."
_ABBREVIATION = re.compile(
    r"(?:\b(?:Inc|Ltd|Co|Corp|No|Vol|pp?|ss?|ed|eds|al|St|Jr|Sr|Dr|Prof|vs|etc|с|стр|им|г)|\b\w)\.$",
    re.IGNORECASE,
)


def _without_page_label(pages):
    """“pp. 45-67” → “45-67”: the label is added once, in the page's language."""
    return _PAGE_LABEL.sub("", pages or "")


def _without_full_stop(text):
    """A part of a note without the full stop it may end with (“Title.” → “Title”), so that the
    note never reads “., ”; abbreviations keep theirs (“Inc.”, “p.”)."""
    text = (text or "").strip()
    if text.endswith(".") and not text.endswith("..") and not _ABBREVIATION.search(text):
        return text[:-1]
    return text


def _volume_issue_pages(source, lang):
    with override(lang):
        parts = [
            pgettext("journal volume", "Vol. %(volume)s") % {"volume": source.volume}
            if source.volume
            else "",
            pgettext("journal issue", "No. %(issue)s") % {"issue": source.issue}
            if source.issue
            else "",
            _year(source),
            pgettext("page range", "pp. %(pages)s")
            % {"pages": _dash(_without_page_label(source.pages))}
            if source.pages
            else "",
        ]
    return [Segment(part) for part in parts if part]


def _dash(pages):
    return "–".join(part.strip() for part in pages.replace("–", "-").split("-"))


def doi_url(doi):
    return f"https://doi.org/{doi}" if doi else ""


def reference_segments(source, *, lang, accessed_on=None, locator=""):
    """The parts of a footnote for ``source`` in ``lang``, in order, by kind of source."""
    kind = source.kind
    authors = _authors_natural(source, lang)
    outlet = source.outlet
    segments = [Segment(authors)] if authors else []
    if kind == "book":
        segments.append(Segment(source.title, "italic"))
        publisher = ": ".join(part for part in (source.place, outlet) if part)
        segments += [Segment(publisher), Segment(_year(source))]
    elif kind == "journal":
        segments += [Segment(source.title, "quoted"), Segment(outlet, "italic")]
        segments += _volume_issue_pages(source, lang)
    elif kind == "report":
        segments += [Segment(source.title, "italic"), Segment(outlet), Segment(source.place)]
        segments.append(Segment(format_long_date(source.published_on, lang)))
    elif kind == "official":
        if not authors:
            segments.append(Segment(outlet))
        segments.append(Segment(source.title, "quoted"))
        if authors:
            segments.append(Segment(outlet))
        segments.append(Segment(format_long_date(source.published_on, lang)))
    else:  # news and web pages, as in the reference article
        segments += [Segment(source.title, "quoted"), Segment(outlet)]
        segments.append(Segment(format_long_date(source.published_on, lang)))
    if locator:
        segments.append(Segment(_locator(locator, source)))
    if source.doi:
        segments.append(Segment(doi_url(source.doi), "doi"))
    if source.url and not (source.doi and kind in ("journal", "book")):
        segments.append(Segment(source.url, "url"))
    if accessed_on and source.url:
        text = f"({access_label(lang)}: {format_access_date(accessed_on, lang)})"
        segments.append(Segment(text, "access"))
    for segment in segments:
        if segment.style in ("text", "quoted", "italic"):
            segment.text = _without_full_stop(segment.text)
    return [segment for segment in segments if segment.text]


def _locator(locator, source):
    """A locator as typed, unless it only repeats the article's own page range (“pp. 45–67”)."""
    if source.pages and _dash(_without_page_label(locator)) == _dash(
        _without_page_label(source.pages)
    ):
        return ""
    return locator


def _join(parts):
    """Parts of a note separated by commas; after an abbreviation's full stop (“Inc.”) the access
    date follows with a space only, never “., (”."""
    text = ""
    for part, style in parts:
        if not text:
            text = part
        elif style == "access" and text.endswith("."):
            text = f"{text} {part}"
        else:
            text = f"{text}, {part}"
    return text


def format_reference(source, *, lang, accessed_on=None, locator=""):
    """A footnote as plain text, ending with a full stop."""
    segments = reference_segments(source, lang=lang, accessed_on=accessed_on, locator=locator)
    return _end(_join([(segment.plain(), segment.style) for segment in segments]))


def _end(text):
    return text if not text or text.endswith((".", "?", "!")) else f"{text}."


def format_reference_html(source, *, lang, accessed_on=None, locator=""):
    """A footnote as safe HTML: titles quoted or in italics, the source link with Robust Links.

    The link to the source carries ``data-versionurl`` (its archived copy as of the access date)
    and ``data-versiondate`` (the access date), per robustlinks.mementoweb.org.
    """
    html = []
    segments = reference_segments(source, lang=lang, accessed_on=accessed_on, locator=locator)
    for segment in segments:
        if segment.style == "quoted":
            html.append(format_html("“{}”", segment.text))
        elif segment.style == "italic":
            html.append(format_html("<i>{}</i>", segment.text))
        elif segment.style == "doi":
            html.append(format_html('<a href="{}">{}</a>', segment.text, segment.text))
        elif segment.style == "url":
            html.append(_robust_link(segment.text, accessed_on, source_archive(source)))
        else:
            html.append(escape(segment.text))
    text = _join(zip(html, [segment.style for segment in segments], strict=True))
    return mark_safe(_end(text))  # noqa: S308 - every piece above is escaped


def source_archive(source):
    """The archived copy of ``source`` known to exist (recorded by an editor or the link
    checker), or ""; a snapshot is never guessed."""
    return getattr(source, "archived_url", "") or ""


def _robust_link(url, accessed_on, archived):
    if not archived or not accessed_on:
        return format_html('<a href="{}">{}</a>', url, url)
    return format_html(
        '<a href="{}" data-versionurl="{}" data-versiondate="{}">{}</a>',
        url,
        archived,
        accessed_on.isoformat(),
        url,
    )


# Works, for "cite this article" and the exports -------------------------------------------

CONTAINER_KINDS = {"news", "web", "journal"}  # outlet is the container; otherwise the publisher


@dataclass
class Work:
    """A citable work in the shape every export format needs."""

    id: str
    kind: str  # a SourceKind value
    title: str
    authors: list = field(default_factory=list)  # Name
    container: str = ""
    publisher: str = ""
    place: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    url: str = ""
    doi: str = ""
    issued: date | None = None
    accessed: date | None = None
    language: str = ""
    abstract: str = ""


def work_from_source(source, *, key, accessed_on=None):
    """``source`` (a Source or a look-alike) as a Work; ``key`` is its id within the export."""
    container_kind = source.kind in CONTAINER_KINDS
    return Work(
        id=key,
        kind=source.kind,
        title=source.title,
        authors=parse_authors(source.authors),
        container=source.outlet if container_kind else "",
        publisher="" if container_kind else source.outlet,
        place=source.place,
        volume=source.volume,
        issue=source.issue,
        pages=source.pages,
        url=source.url,
        doi=source.doi,
        issued=source.published_on,
        accessed=accessed_on,
        language=source.language,
    )


def format_chicago(work, lang):
    """Chicago bibliography entry of a web publication: Demir, Ayla. “Title.” Site, June 28, 2024. URL."""
    names = [name.inverted() if i == 0 else name.natural() for i, name in enumerate(work.authors)]
    authors = join_names(names, lang, serial_comma=lang == "en" and len(names) > 1)
    parts = []
    if authors:
        parts.append(_end(authors))
    parts.append(f"“{_end(work.title)}”")
    publisher = ", ".join(
        part
        for part in (work.container or work.publisher, format_long_date(work.issued, lang))
        if part
    )
    if publisher:
        parts.append(_end(publisher))
    if work.doi:
        parts.append(_end(doi_url(work.doi)))
    elif work.url:
        parts.append(_end(work.url))
    return " ".join(parts)


def format_apa(work, lang, *, html=False):
    """APA 7 reference: Demir, A., & Smith, J. (2024, June 28). Title. Site. URL

    With ``html=True`` the title is in italics (APA's style for stand-alone works) and escaped.
    """
    names = [
        f"{name.family}, {name.initials()}" if not name.literal else name.family
        for name in work.authors
    ]
    authors = ", & ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
    with override(lang):
        when = (
            f"({_date(work.issued, 'apa_date_format', lang)})"
            if work.issued
            else f"({pgettext('no date', 'n.d.')})"
        )
    title = _end(work.title)
    site = _end(work.container or work.publisher) if (work.container or work.publisher) else ""
    link = doi_url(work.doi) or work.url
    if not html:
        return " ".join(part for part in (_end(authors), f"{when}.", title, site, link) if part)
    pieces = [escape(_end(authors)) if authors else "", escape(f"{when}.")]
    italic = format_html("<i>{}</i>{}", work.title, title[len(work.title) :])
    pieces += [italic, escape(site), escape(link)]
    return mark_safe(" ".join(piece for piece in pieces if piece))  # noqa: S308 - escaped above
