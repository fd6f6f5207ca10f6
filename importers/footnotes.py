"""Reference lists and footnote texts → structured references (pure functions, no database).

The form the reference article uses, in any of the site's languages::

    [1] “Title”, Outlet, https://example.org/page, (Date of Access: 01.07.2024).
    [2] «Заголовок», Издание, https://example.ru/, (Дата обращения: 01.07.2024).
    [3] Author, “Başlık”, Yayın, 3 Mart 2024, https://example.com.tr/, (Erişim Tarihi: 01.07.2024).

A Word footnote holds the same text without the ``[n]``. What is parsed becomes a source and a
citation; a text without a quoted title, or with an access date that is not a date, is kept as
it was written and comes back with a ``problem`` for the editor's review.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from importers.dates import parse_date

ACCESS_LABELS = (
    "date of access", "accessed on", "accessed", "access date", "retrieved",
    "erişim tarihi", "erişim",
    "дата обращения", "дата доступа",
)  # fmt: skip
_LABELS = "|".join(re.escape(label) for label in ACCESS_LABELS)
# "(Date of Access: 01.07.2024)", or without brackets but with a colon: "Erişim: 01.07.2024".
_ACCESS = re.compile(
    rf"\(\s*(?:{_LABELS})\s*:?\s*([^)]*)\)|\b(?:{_LABELS})\s*:\s*([^,;()]*)", re.IGNORECASE
)
_URL = re.compile(r"https?://[^\s<>\"“”«»]+", re.IGNORECASE)
_QUOTED = re.compile(r"“(.+?)”|«(.+?)»|„(.+?)“|\"(.+?)\"|‘(.+?)’")
_NUMBERED = re.compile(r"^\s*\[(\d{1,4})\]\s*(.*)$|^\s*(\d{1,4})[.)]\s+(.*)$")
_SEPARATORS = " ,;.–—-:"


@dataclass(frozen=True)
class Reference:
    """One footnote: its number, its text as written, and what could be read from it."""

    number: int | None
    text: str
    title: str = ""
    authors: str = ""
    outlet: str = ""
    url: str = ""
    published_on: datetime.date | None = None
    accessed_on: datetime.date | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def parsed(self) -> bool:
        """Read into a title (and whatever else it names) without a problem."""
        return bool(self.title) and not self.problems


def _clean_url(url: str) -> str:
    return url.rstrip(".,;)]")


def parse_reference(text: str, number: int | None = None) -> Reference:
    """Read one footnote's text; never raises (what cannot be read is named in ``problems``)."""
    text = " ".join(str(text).split())
    if number is None and (match := _NUMBERED.match(text)):
        number = int(match[1] or match[3])
        text = match[2] if match[1] else match[4]
    problems = []
    rest = text

    accessed_on = None
    if access := _ACCESS.search(rest):
        written = (access[1] if access[1] is not None else access[2]).strip(" .")
        accessed_on = parse_date(written)
        if accessed_on is None:
            problems.append(
                _("The access date “%(date)s” is not a date such as 01.07.2024 or 2024-07-01.")
                % {"date": written}
            )
        elif accessed_on > timezone.localdate():
            problems.append(_("The access date %(date)s is in the future.") % {"date": written})
            accessed_on = None
        rest = rest[: access.start()] + rest[access.end() :]

    url = ""
    if found := _URL.search(rest):
        url = _clean_url(found[0])
        rest = rest[: found.start()] + " " + rest[found.start() + len(url) :]

    title = authors = outlet = ""
    published_on = None
    if quoted := _QUOTED.search(rest):
        title = next(group for group in quoted.groups() if group is not None).strip(" ,;")
        authors = rest[: quoted.start()].strip(_SEPARATORS)
        after = [part.strip(_SEPARATORS) for part in rest[quoted.end() :].split(",")]
        after = [part for part in after if part]
        for part in after:
            date = parse_date(part)
            if date is not None and published_on is None:
                published_on = date
            elif not outlet:
                outlet = part
    elif not problems:
        problems.append(_("No title in quotation marks: kept as written."))

    return Reference(
        number=number,
        text=text,
        title=title[:500],
        authors=authors[:500],
        outlet=outlet[:300],
        url=url[:1000],
        published_on=published_on,
        accessed_on=accessed_on,
        problems=tuple(problems),
    )


def split_reference_list(text: str) -> list[Reference]:
    """A numbered list (``[1] …`` or ``1. …`` per line; other lines continue the one before)
    read into references. A number given twice is reported on its second use."""
    entries: list[tuple[int, list[str]]] = []
    for line in str(text).splitlines():
        if match := _NUMBERED.match(line):
            entries.append((int(match[1] or match[3]), [match[2] if match[1] else match[4]]))
        elif line.strip() and entries:
            entries[-1][1].append(line.strip())
    references = []
    seen = set()
    for number, lines in entries:
        reference = parse_reference(" ".join(lines), number)
        if number in seen:
            reference = Reference(
                **{
                    **reference.__dict__,
                    "problems": (
                        *reference.problems,
                        _("Number [%(number)d] is used twice in the list.") % {"number": number},
                    ),
                }
            )
        seen.add(number)
        references.append(reference)
    return references


def split_pasted_text(text: str) -> tuple[str, list[Reference]]:
    """Text pasted with its reference list at the end → (the text before the list, the list).

    The list starts at the last line that begins with ``[1]``; without one, there is no list.
    """
    lines = str(text).splitlines()
    start = None
    for index, line in enumerate(lines):
        if re.match(r"^\s*\[1\]\s*\S", line):
            start = index
    if start is None:
        return str(text), []
    return "\n".join(lines[:start]).rstrip(), split_reference_list("\n".join(lines[start:]))
