"""BibTeX, RIS and CSL-JSON from ``formatting.Work`` values: pure functions, no database.

Text stays UTF-8 (Turkish and Cyrillic letters are written as they are: biber, Zotero, Mendeley
and citeproc read them); only the characters that are syntax in each format are escaped.
"""

import json

from thinktank.languages import slugify_title

BIBTEX_TYPES = {
    "news": "article",
    "web": "misc",
    "journal": "article",
    "book": "book",
    "report": "techreport",
    "official": "misc",
}
RIS_TYPES = {
    "news": "NEWS",
    "web": "ELEC",
    "journal": "JOUR",
    "book": "BOOK",
    "report": "RPRT",
    "official": "GOVDOC",
}
CSL_TYPES = {
    "news": "article-newspaper",
    "web": "webpage",
    "journal": "article-journal",
    "book": "book",
    "report": "report",
    "official": "document",
}

CONTENT_TYPES = {
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}


def citation_key(work, taken):
    """A readable, unique BibTeX key: demir2024grid, then demir2024grida …"""
    first = work.authors[0].family if work.authors else (work.container or work.publisher)
    words = [word for word in slugify_title(work.title).split("-") if len(word) > 3]
    base = "".join(
        [
            slugify_title(first).replace("-", "")[:20] or "anon",
            str(work.issued.year) if work.issued else "",
        ]
        + words[:1]
    )
    key, suffix = base, ord("a")
    while key in taken:
        key = f"{base}{chr(suffix)}"
        suffix += 1
    taken.add(key)
    return key


def _pages(pages, separator):
    return separator.join(part.strip() for part in pages.replace("–", "-").split("-") if part)


# BibTeX ----------------------------------------------------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text):
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in " ".join(str(text).split()))


def _bibtex_url(url):
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _bibtex_names(names):
    return " and ".join(
        bibtex_escape(name.inverted())
        if not name.literal
        else "{" + bibtex_escape(name.family) + "}"
        for name in names
    )


def bibtex_entry(work):
    kind = BIBTEX_TYPES.get(work.kind, "misc")
    fields = [
        ("author", _bibtex_names(work.authors)),
        ("title", bibtex_escape(work.title)),
    ]
    if kind == "article":
        fields.append(("journal", bibtex_escape(work.container)))
    elif kind == "techreport":
        fields.append(("institution", bibtex_escape(work.publisher or work.container)))
    elif kind == "book":
        fields.append(("publisher", bibtex_escape(work.publisher)))
    else:
        fields.append(("howpublished", bibtex_escape(work.container or work.publisher)))
    fields += [
        ("address", bibtex_escape(work.place)),
        ("volume", bibtex_escape(work.volume)),
        ("number", bibtex_escape(work.issue)),
        ("pages", bibtex_escape(_pages(work.pages, "--"))),
        ("year", str(work.issued.year) if work.issued else ""),
        ("date", work.issued.isoformat() if work.issued else ""),
        ("doi", _bibtex_url(work.doi)),
        ("url", _bibtex_url(work.url)),
        ("urldate", work.accessed.isoformat() if work.accessed else ""),
        ("language", bibtex_escape(work.language)),
        ("abstract", bibtex_escape(work.abstract)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{work.id},\n{body}\n}}\n"


def to_bibtex(works):
    return "\n".join(bibtex_entry(work) for work in works)


# RIS -------------------------------------------------------------------------------------


def _ris_line(tag, value):
    value = " ".join(str(value).split())
    return f"{tag}  - {value}" if value else None


def ris_record(work):
    lines = [_ris_line("TY", RIS_TYPES.get(work.kind, "GEN")), _ris_line("ID", work.id)]
    lines += [_ris_line("AU", name.inverted()) for name in work.authors]
    lines += [
        _ris_line("TI", work.title),
        _ris_line("T2", work.container),
        _ris_line("PB", work.publisher),
        _ris_line("CY", work.place),
        _ris_line("VL", work.volume),
        _ris_line("IS", work.issue),
    ]
    if work.pages:
        start, _dash, end = _pages(work.pages, "-").partition("-")
        lines += [_ris_line("SP", start), _ris_line("EP", end)]
    if work.issued:
        lines += [_ris_line("PY", work.issued.year), _ris_line("DA", f"{work.issued:%Y/%m/%d}")]
    lines += [
        _ris_line("Y2", f"{work.accessed:%Y/%m/%d}" if work.accessed else ""),
        _ris_line("DO", work.doi),
        _ris_line("UR", work.url),
        _ris_line("LA", work.language),
        _ris_line("AB", work.abstract),
        "ER  - ",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def to_ris(works):
    return "\n".join(ris_record(work) for work in works)


# CSL-JSON --------------------------------------------------------------------------------


def _csl_date(value):
    return {"date-parts": [[value.year, value.month, value.day]]} if value else None


def _csl_name(name):
    return (
        {"literal": name.family} if name.literal else {"family": name.family, "given": name.given}
    )


def csl_item(work):
    item = {
        "id": work.id,
        "type": CSL_TYPES.get(work.kind, "document"),
        "citation-key": work.id,
        "title": work.title,
        "author": [_csl_name(name) for name in work.authors],
        "container-title": work.container,
        "publisher": work.publisher,
        "publisher-place": work.place,
        "volume": work.volume,
        "issue": work.issue,
        "page": _pages(work.pages, "-"),
        "issued": _csl_date(work.issued),
        "accessed": _csl_date(work.accessed),
        "DOI": work.doi,
        "URL": work.url,
        "language": work.language,
        "abstract": work.abstract,
    }
    return {key: value for key, value in item.items() if value}


def to_csl_json(works):
    return json.dumps([csl_item(work) for work in works], ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json}
