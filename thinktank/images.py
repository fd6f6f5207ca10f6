"""Upload validation for images: the file must really be an image Pillow can read, of sane size."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_image_file(file):
    if file.size and file.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 8 MB."), code="image_too_large")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not a readable image."), code="invalid_image"
        ) from None
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="image_format")
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image has too many pixels (40 megapixels at most)."), code="image_pixels"
        )
