"""People's portraits come from the library only. The photos uploaded the older way (the
``Person.photo`` field, since removed) were moved into it by migration: each is checked and
cleaned like any library image and becomes the person's ``portrait``.

``move_photos`` is that migration's step (``people/migrations`` 0002, and again in 0004 for
anything stored between the two, just before the field goes); ``remove_photo_files`` then
removes the files as uploaded (with their EXIF and GPS positions), which nothing names any more.
Both work on historical models, through ``library.stored``.
"""

from library.stored import library_image, remove_once_committed


def adopt_photo(image_model, person) -> None:
    """Give ``person`` the library image of their photo (found again, or added, titled with
    their name)."""
    image = library_image(image_model, person.photo, f"{person.given_name} {person.family_name}")
    if image is not None:
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
    """Remove the stored photos as uploaded, once the migration has committed."""
    person_model = apps.get_model("people", "Person")
    photos = person_model._meta.get_field("photo")
    names = person_model.objects.exclude(photo="").values_list("photo", flat=True)
    remove_once_committed(photos.storage, names, schema_editor)
