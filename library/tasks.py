"""Background jobs of the media library.

Each job takes ids, reads the current state and rewrites what it derives from it, so running it
again does no harm (``thinktank.tasks``).
"""

from django.db import transaction

from library import files
from library.models import Image, delete_unused
from thinktank.tasks import task


@task(retries=3, backoff=30)
def make_renditions(image_id: int) -> None:
    """Make the renditions of image ``image_id`` from its stored original, and its square crops
    around its focal point, and record them (which renders again the pages showing it:
    ``library.receivers``); crops around an earlier focal point are removed. Nothing happens
    when the image is gone, already has them, or its file or focal point changed meanwhile (the
    change's own job makes them)."""
    fields = ("file", "format", "width", "height", "focus_x", "focus_y")
    image = Image.objects.filter(pk=image_id).only(*fields).first()
    if image is None or not image.file:
        return
    made = files.save_renditions(
        files.read_original(image.file, image.format, image.width, image.height), image.focus()
    )
    with transaction.atomic():
        current = Image.objects.select_for_update().filter(pk=image_id).first()
        if current is None or (current.file, current.focus()) != (image.file, image.focus()):
            return
        if current.renditions == made:
            return
        gone = current.stored_names() - {item["name"] for item in made}
        current.renditions = made
        current.save(update_fields=["renditions", "updated_at"])
        gone.discard(current.file)
        if gone:
            transaction.on_commit(lambda: delete_unused(gone))
