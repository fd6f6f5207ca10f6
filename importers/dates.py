"""Dates as editors write them in references: ``01.07.2024`` (Turkish and Russian editors, and
the reference article), ISO ``2024-07-01``, and written out in English, Turkish or Russian
("1 July 2024", "July 1, 2024", "1 Temmuz 2024", "1 июля 2024")."""

import datetime
import re

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    # Russian, nominative and genitive
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip

_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})(?:\s*(?:г\.?|года))?$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def _month(name: str) -> int | None:
    name = name.lower().replace("i̇", "i")
    if name in MONTHS:
        return MONTHS[name]
    # English abbreviations: "Jul", "Sept"
    for full, number in MONTHS.items():
        if len(name) >= 3 and full.isascii() and full.startswith(name):
            return number
    return None


def _make(year: int, month: int | None, day: int) -> datetime.date | None:
    if month is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> datetime.date | None:
    """The date ``text`` names, or None when it is not one of the forms above."""
    text = " ".join(str(text).split()).strip(" .,;")
    if match := _NUMERIC.match(text):
        return _make(int(match[3]), int(match[2]), int(match[1]))
    if match := _ISO.match(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.match(text):
        return _make(int(match[3]), _month(match[2]), int(match[1]))
    if match := _MONTH_DAY_YEAR.match(text):
        return _make(int(match[3]), _month(match[1]), int(match[2]))
    return None
