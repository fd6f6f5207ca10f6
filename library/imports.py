"""Files brought in by an import (the WordPress importer's featured images) become library
images through the same checks as an upload to the library (``clean_image``: re-encoded, EXIF
and GPS positions gone); the same picture imported again is the same library image."""

from pathlib import Path

from django.core.files import File

from library.models import Image
from library.processing import clean_image


def imported_image(path: Path, title: str, alt: str, lang: str) -> Image:
    """The library image of the file at ``path``, added titled ``title`` with ``alt`` as its
    alternative text in ``lang`` (an identical image already there is reused, and gets ``alt``
    if it has none in ``lang``). ``ValidationError`` saying what is wrong with the file."""
    with path.open("rb") as handle:
        cleaned = clean_image(File(handle, name=path.name))
    image = Image(title=title.strip()[:200] or path.stem[:200])
    image.set_file(cleaned)
    image = Image.objects.filter(file=image.file).first() or image
    alt_field = f"alt_{lang}"
    if alt.strip() and not getattr(image, alt_field, ""):
        setattr(image, alt_field, alt.strip()[:300])
    elif image.pk:
        return image
    image.save()
    return image
