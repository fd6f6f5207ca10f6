"""The site's languages and the small helpers every app needs to talk about them."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NATIVE_NAMES = {"en": "English", "tr": "Türkçe", "ru": "Русский"}

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


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def validate_language_code(value):
    if value not in language_codes():
        raise ValidationError(
            _("“%(value)s” is not a language of this site (use one of: %(codes)s)."),
            code="unknown_language",
            params={"value": value, "codes": ", ".join(language_codes())},
        )


def slugify_title(text, max_length=200):
    """An ASCII slug for a title in any of our languages (Turkish and Cyrillic transliterated)."""
    text = str(text).lower().translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9\s-]", "", text)
    text = re.sub(r"[-\s]+", "-", text).strip("-")
    return text[:max_length].rstrip("-")


def translated_value(obj, field, lang):
    """The value of ``field`` in ``lang`` exactly, without falling back to another language."""
    return getattr(obj, f"{field}_{lang}", None) or ""


def any_translation(obj, field):
    """The first non-empty value of ``field`` in the site's language order, for back-office labels."""
    for code in language_codes():
        value = translated_value(obj, field, code)
        if value:
            return value
    return ""


def unique_slug_per_language(model_name):
    """One partial unique constraint per language: ``slug_tr`` is unique among Turkish slugs only,
    and many rows may leave it empty. The error lands on the slug field of that language."""
    from django.db import models

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
