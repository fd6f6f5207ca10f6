"""Slugs for imported things: the title's slug, made unique in its language with -2, -3 …"""

from django.db import models

from thinktank.languages import slugify_title


def free_slug(
    model: type[models.Model], text: str, lang: str, *, exclude_pk: int | None = None
) -> str:
    """A slug for ``text`` that no other row of ``model`` uses in ``lang``."""
    base = slugify_title(text)[:190] or "item"
    taken = set(
        model._default_manager.filter(**{f"slug_{lang}__startswith": base})
        .exclude(pk=exclude_pk)
        .values_list(f"slug_{lang}", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
