"""People's portraits come from the library only. The photos uploaded the older way (the
``Person.photo`` field, since removed) were moved into it by migration: each is checked and
cleaned like any library image and becomes the person's ``portrait``.

``move_photos`` is that migration's step (``people/migrations`` 0002, and again in 0004 for
anything stored between the two, just before the field goes); ``remove_photo_files`` then
removes the files as uploaded (with their EXIF and GPS positions), which nothing names any more. It works on historical models,
so ``portrait_fields`` returns field values, not a model instance; an image already in the
library with the same content is reused, so running it again adds nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

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


def move_photos(apps, schema_editor) -> None:
    """Each person's stored photo, cleaned, becomes their portrait in the library (a migration
    step: ``apps`` holds the historical models)."""
    person_model = apps.get_model("people", "Person")
    image_model = apps.get_model("library", "Image")
    for person in person_model.objects.exclude(photo="").filter(portrait__isnull=True):
        adopt_photo(image_model, person)
        if person.portrait_id:
            person.save(update_fields=["portrait"])


def remove_photo_files(apps, schema_editor) -> None:
    """Remove the stored photos as uploaded, once the migration has committed (their cleaned
    copies are in the library; the field naming them goes next)."""
    person_model = apps.get_model("people", "Person")
    photos = person_model._meta.get_field("photo")
    names = set(person_model.objects.exclude(photo="").values_list("photo", flat=True))
    transaction.on_commit(
        lambda: [photos.storage.delete(name) for name in names],
        using=schema_editor.connection.alias,
    )
