"""The site's languages: one registry, and the small helpers every app needs to talk about them.

Everything that depends on the language set is derived from ``REGISTRY``: ``settings.LANGUAGES``
(and with it django-modeltranslation's ``title_en``, ``title_tr`` … columns), the language
switcher's native names, OpenGraph locales, the PostgreSQL text-search configuration of each
language's search partition, date formats in footnotes and citations, the text direction of the
page, and the admin's search fields. Adding a language is one line here, ``makemigrations`` and a
translated catalogue (README, "Adding a language").
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    """What the site needs to know about one of its languages."""

    code: str
    name: str  # in English, translated for the interface
    native_name: str  # as its readers write it, for the language switcher
    og_locale: str  # OpenGraph's ``og:locale``
    search_config: str  # PostgreSQL text-search configuration (``simple`` when none fits)
    access_date_format: str = "d.m.Y"  # "(Date of Access: 01.07.2024)"
    long_date_format: str = "j F Y"  # a publication date written out: "28 Haziran 2024"
    apa_date_format: str = "Y, j F"  # APA's "(2024, June 28)"
    direction: str = "ltr"  # or "rtl"

    def __post_init__(self):
        # Codes and configurations become column, table and SQL names (``title_tr``, the search
        # partitions): only plain lower-case identifiers are allowed.
        if not re.fullmatch(r"[a-z]{2,3}", self.code):
            raise ValueError(f"Language code {self.code!r}: use two or three letters a-z.")
        if not re.fullmatch(r"[a-z_]+", self.search_config):
            raise ValueError(f"Search configuration {self.search_config!r} is not a name.")
        if self.direction not in ("ltr", "rtl"):
            raise ValueError(f"Text direction {self.direction!r}: use ltr or rtl.")

    @property
    def index_config(self) -> str:
        """The text-search configuration the site's index and queries use on PostgreSQL:
        ``search_config`` with accents removed first ("Turkiye" finds "Türkiye"), made by
        ``articles.search.schema``."""
        return f"thinktank_{self.code}"


REGISTRY: tuple[Language, ...] = (
    Language("en", _("English"), "English", "en_US", "english", "d.m.Y", "F j, Y", "Y, F j"),
    Language("tr", _("Turkish"), "Türkçe", "tr_TR", "turkish", "d.m.Y", "j F Y", "Y, j F"),
    Language("ru", _("Russian"), "Русский", "ru_RU", "russian", "d.m.Y", "j E Y", "Y, j E"),
)

_TRANSLITERATION = str.maketrans(
    {
        "ı": "i", "İ": "i", "ğ": "g", "Ğ": "g", "ş": "s", "Ş": "s", "ç": "c", "Ç": "c",
        "ö": "o", "Ö": "o", "ü": "u", "Ü": "u",
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)  # fmt: skip


def settings_languages(registry: Iterable[Language] = REGISTRY) -> list[tuple[str, str]]:
    """``settings.LANGUAGES``: (code, name) in the registry's order."""
    return [(language.code, language.name) for language in registry]


def language_codes() -> list[str]:
    """The site's language codes, in order (the first is the default language)."""
    return [code for code, _name in settings.LANGUAGES]


def get_language_info(code: str) -> Language:
    """The registry entry of ``code``; ``LookupError`` for a language the site does not have."""
    for language in REGISTRY:
        if language.code == code:
            return language
    raise LookupError(f"{code!r} is not in thinktank.languages.REGISTRY")


def site_languages() -> list[Language]:
    """The registry entries of the site's languages, in order."""
    return [get_language_info(code) for code in language_codes()]


def native_name(code: str) -> str:
    return get_language_info(code).native_name


def language_name(code: str) -> str:
    """The language's name in the interface's language ("Turkish", "Türkçe", "турецкий")."""
    return str(get_language_info(code).name)


def validate_language_code(value: str) -> None:
    if value not in language_codes():
        raise ValidationError(
            _("“%(value)s” is not a language of this site (use one of: %(codes)s)."),
            code="unknown_language",
            params={"value": value, "codes": ", ".join(language_codes())},
        )


def localized_names(field: str) -> list[str]:
    """``["title_en", "title_tr", …]``: a translated field's column in every site language."""
    return [f"{field}_{code}" for code in language_codes()]


def slugify_title(text: str, max_length: int = 200) -> str:
    """An ASCII slug for a title in any of our languages (Turkish and Cyrillic transliterated)."""
    text = str(text).lower().translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9\s-]", "", text)
    text = re.sub(r"[-\s]+", "-", text).strip("-")
    return text[:max_length].rstrip("-")


def translated_value(obj: object, field: str, lang: str) -> str:
    """The value of ``field`` in ``lang`` exactly, without falling back to another language."""
    return getattr(obj, f"{field}_{lang}", None) or ""


def any_translation(obj: object, field: str) -> str:
    """The first non-empty value of ``field`` in the site's language order, for back-office labels."""
    for code in language_codes():
        value = translated_value(obj, field, code)
        if value:
            return value
    return ""


def unique_slug_per_language(model_name: str) -> list[models.UniqueConstraint]:
    """One partial unique constraint per language: ``slug_tr`` is unique among Turkish slugs only,
    and many rows may leave it empty. The error lands on the slug field of that language."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{code}"],
            condition=models.Q(**{f"slug_{code}__gt": ""}),
            name=f"{model_name}_slug_{code}_unique",
            violation_error_code="unique",
            violation_error_message=_("This slug is already used in this language."),
        )
        for code in language_codes()
    ]
