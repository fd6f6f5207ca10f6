"""The media library's files in Django's default storage (local folder or S3-compatible bucket).

Names are ours, made from the content's SHA-256: never the uploader's file name, and a name
always holds the same bytes, so it can be cached for ever (``cache_control``)."""

import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from library.processing import Cleaned, Focus, Rendition, renditions, squares

IMAGE_PREFIX = "images/"
DOCUMENT_PREFIX = "documents/"
# Our content-addressed names: images/<hash>.<ext>, images/<hash>/<width>.<ext>,
# images/<hash>/sq<width>.<ext> (square crops around the centre),
# images/<hash>/sq<width>-<across>-<down>.<ext> (around a focal point, in percent),
# documents/<hash>/<name>.pdf
HASHED = re.compile(r"(images|documents)/[0-9a-f]{20}[./]")
YEAR = 365 * 24 * 3600


def cache_control(name: str) -> str:
    """How long a stored file may be kept by browsers and CDNs."""
    if HASHED.match(name):
        return f"public, max-age={YEAR}, immutable"
    return "public, max-age=3600"


def _put(name: str, content: bytes) -> str:
    if default_storage.exists(name):
        return name  # same name, same bytes
    return default_storage.save(name, ContentFile(content))


def _store(stem: str, crop: str, rendition: Rendition, focus: Focus | None = None) -> dict:
    prefix = "sq" if crop == "square" else ""
    suffix = f"-{focus[0]}-{focus[1]}" if focus else ""
    name = _put(
        f"{stem}/{prefix}{rendition.width}{suffix}.{rendition.extension}", rendition.content
    )
    described = {
        "width": rendition.width,
        "height": rendition.height,
        "format": rendition.format,
        "name": name,
    }
    return described | ({"crop": crop} if crop else {})


def save_original(cleaned: Cleaned) -> str:
    """Store the cleaned original; its name."""
    return _put(f"{_stem(cleaned)}.{cleaned.extension}", cleaned.content)


def save_renditions(cleaned: Cleaned, focus: Focus | None = None) -> list[dict]:
    """Store the renditions of ``cleaned`` and its square crops around ``focus`` (the centre
    when not set); their descriptions (``width``, ``height``, ``format``, ``name``; ``crop``
    on the square ones). Names come from the original's content and the focal point, so making
    them again stores nothing new, and a crop's name always holds the same crop."""
    stem = _stem(cleaned)
    made = [_store(stem, "", rendition) for rendition in renditions(cleaned)]
    made += [_store(stem, "square", square, focus) for square in squares(cleaned, focus)]
    return made


def save_image(cleaned: Cleaned) -> tuple[str, list[dict]]:
    """Store the original and its renditions at once; the original's name and the renditions'
    descriptions."""
    return save_original(cleaned), save_renditions(cleaned)


def read_original(name: str, image_format: str, width: int, height: int) -> Cleaned:
    """A stored original, read back (it was cleaned before it was stored)."""
    with default_storage.open(name, "rb") as stored:
        return Cleaned(stored.read(), image_format, width, height)


def _stem(cleaned: Cleaned) -> str:
    return f"{IMAGE_PREFIX}{cleaned.digest[:20]}"


def save_document(digest: str, filename: str, content: bytes) -> str:
    return _put(f"{DOCUMENT_PREFIX}{digest[:20]}/{filename}", content)


def delete(names) -> None:
    """Remove stored files (missing ones are no error)."""
    for name in names:
        if name:
            default_storage.delete(name)
