"""Images stored the older way, in a model's own file field, brought into the library by
migration: each is checked and cleaned like any library image (``clean_image``: re-encoded,
EXIF and GPS positions gone), and an image already in the library with the same content is
reused, so running a step again adds nothing.

These work on historical models (``apps.get_model``): ``library_fields`` returns field values,
not a model instance. People's photos (``library.portraits``) and articles' own images
(``library.article_images``) went this way before their fields were removed."""

from django.core.exceptions import ValidationError
from django.db import transaction

from library import files
from library.processing import clean_image


class _Named:
    """A stored file as ``clean_image`` reads it: a name, a size and the bytes."""

    def __init__(self, handle, name: str):
        self._handle, self.name = handle, name
        self.content_type = ""
        handle.seek(0, 2)
        self.size = handle.tell()
        handle.seek(0)

    def __getattr__(self, attribute):
        return getattr(self._handle, attribute)


def library_fields(stored) -> dict | None:
    """The library fields (``file``, ``format``, ``width``, ``height``, ``renditions``) of the
    stored file ``stored`` (a ``FieldFile``), stored cleaned; ``None`` when it is not a usable
    image."""
    try:
        stored.open("rb")
        try:
            cleaned = clean_image(_Named(stored.file, stored.name))
        finally:
            if stored._committed:  # an upload not yet stored must stay open for its save
                stored.close()
    except (OSError, ValidationError):
        return None
    name, renditions = files.save_image(cleaned)
    return {
        "file": name,
        "format": cleaned.format,
        "width": cleaned.width,
        "height": cleaned.height,
        "renditions": renditions,
    }


def library_image(image_model, stored, title: str):
    """The library image of ``stored`` (found again, or added titled ``title``); ``None``
    when it is not a usable image."""
    fields = library_fields(stored)
    if fields is None:
        return None
    image = image_model.objects.filter(file=fields["file"]).first()
    if image is None:
        image = image_model(title=title.strip()[:200], **fields)
        image.save()
    return image


def remove_once_committed(storage, names, schema_editor) -> None:
    """Remove the files ``names`` as uploaded once the migration has committed (their cleaned
    copies are in the library; the field naming them goes next)."""
    names = set(names)
    transaction.on_commit(
        lambda: [storage.delete(name) for name in names], using=schema_editor.connection.alias
    )
