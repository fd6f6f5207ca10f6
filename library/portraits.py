"""People's portraits come from the library: a photo uploaded the older way (``Person.photo``)
is checked and cleaned like any library image and becomes the person's ``portrait``.

``portrait_fields`` is shared by the receiver (every save that brings a new photo) and the
migration that moved the photos stored before (``people/migrations``), which works on
historical models: it returns field values, not a model instance. Both reuse an image already
in the library with the same content, so running them again adds nothing.
"""

from django.core.exceptions import ValidationError

from library import files
from library.processing import clean_image


class _Named:
    """A stored photo as ``clean_image`` reads it: a name, a size and the bytes."""

    def __init__(self, handle, name: str):
        self._handle, self.name = handle, name
        self.content_type = ""
        handle.seek(0, 2)
        self.size = handle.tell()
        handle.seek(0)

    def __getattr__(self, attribute):
        return getattr(self._handle, attribute)


def portrait_fields(photo) -> dict | None:
    """The library fields (``file``, ``format``, ``width``, ``height``, ``renditions``) of the
    photo ``photo`` (a ``FieldFile``), stored cleaned; ``None`` when it is not a usable image."""
    try:
        photo.open("rb")
        try:
            cleaned = clean_image(_Named(photo.file, photo.name))
        finally:
            if photo._committed:  # an upload not yet stored must stay open for its save
                photo.close()
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


def adopt_photo(image_model, person) -> None:
    """Give ``person`` the library image of their photo (found again, or added, titled with
    their name)."""
    fields = portrait_fields(person.photo)
    if fields is None:
        return
    image = image_model.objects.filter(file=fields["file"]).first()
    if image is None:
        image = image_model(
            title=f"{person.given_name} {person.family_name}".strip()[:200], **fields
        )
        image.save()
    person.portrait_id = image.pk
