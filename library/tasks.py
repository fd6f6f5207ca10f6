"""Background jobs of the media library.

Each job takes ids, reads the current state and rewrites what it derives from it, so running it
again does no harm (``thinktank.tasks``).
"""

from django.db import transaction

from library import files
from library.models import Image
from thinktank.tasks import task


@task(retries=3, backoff=30)
def make_renditions(image_id: int) -> None:
    """Make the renditions and square crops of image ``image_id`` from its stored original, and
    record them (which renders again the pages showing it: ``library.receivers``). Nothing
    happens when the image is gone, already has them, or its file was replaced meanwhile (the
    replacement's own job makes its renditions)."""
    image = Image.objects.filter(pk=image_id).only("file", "format", "width", "height").first()
    if image is None or not image.file:
        return
    made = files.save_renditions(
        files.read_original(image.file, image.format, image.width, image.height)
    )
    with transaction.atomic():
        current = Image.objects.select_for_update().filter(pk=image_id).first()
        if current is None or current.file != image.file or current.renditions == made:
            return
        current.renditions = made
        current.save(update_fields=["renditions", "updated_at"])
