"""Uploaded images, checked and cleaned: pure functions on bytes, no database, no storage.

``clean_image(upload)`` refuses what is not a still JPEG, PNG or WebP image of sane size (with a
message saying what is wrong, in the user's language) and returns the image re-encoded: EXIF,
GPS positions, comments and bytes appended after the image are gone, the camera's orientation is
applied and colours are converted to sRGB. ``renditions(cleaned)`` makes the fixed widths pages
use, each as WebP and as a JPEG (PNG when the image is transparent) fallback.
"""

import functools
import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 12_000
WIDTHS = (320, 640, 1024, 1200, 1600)
# Square crops for portraits: boxes of 40–160 CSS pixels, at 1× and 2×.
SQUARE_WIDTHS = (80, 160, 320)
SOCIAL_WIDTH = 1200  # OpenGraph and Twitter cards

# Pillow format → (extension we store, content type); AVIF only where this Pillow reads it.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
if features.check("avif"):
    FORMATS["AVIF"] = ("avif", "image/avif")
EXTENSIONS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}
CONTENT_TYPES = {content_type: name for name, (_ext, content_type) in FORMATS.items()}
NEUTRAL_TYPES = {"", "application/octet-stream"}
# What a stored original is written as: its own format, but AVIF is kept as WebP (every browser).
STORED_AS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "AVIF": "WEBP"}


@dataclass(frozen=True)
class Cleaned:
    """An image re-encoded from an upload: only pixels, in sRGB, upright."""

    content: bytes
    format: str  # Pillow's name: JPEG, PNG or WEBP
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.format][0]

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    format: str
    content: bytes

    @property
    def extension(self) -> str:
        return FORMATS[self.format][0]


def allowed_names() -> str:
    return ", ".join(sorted({FORMATS[name][0].upper() for name in FORMATS}))


def _refuse(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def check_upload_size(size: int | None) -> None:
    """Refuse an upload over ``MAX_BYTES`` before anything reads it."""
    if size is not None and size > MAX_BYTES:
        raise _refuse(
            _("The file is %(size)s; an image may be at most %(limit)s."),
            "image_too_large",
            size=filesizeformat(size),
            limit=filesizeformat(MAX_BYTES),
        )


def _open(upload) -> Image.Image:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(upload, formats=list(FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            _("The image has too many pixels: at most %(limit)s megapixels are accepted."),
            "image_pixels",
            limit=MAX_PIXELS // 1_000_000,
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refuse(
            _("The file is not an image in one of these formats: %(formats)s."),
            "image_format",
            formats=allowed_names(),
        ) from None


def _claimed(name: str) -> tuple[str, str]:
    """The extension of ``name`` and the format it claims; refused unless one we accept."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    claimed = EXTENSIONS.get(extension)
    if claimed not in FORMATS:
        raise _refuse(
            _("Upload a file ending in one of these extensions: %(formats)s."),
            "image_extension",
            formats=allowed_names(),
        )
    return extension, claimed


def _check(image: Image.Image, name: str, content_type: str) -> None:
    extension, claimed = _claimed(name)
    actual = FORMATS[image.format][0].upper()
    if image.format != claimed:
        raise _refuse(
            _("The file is named .%(extension)s but holds a %(actual)s image."),
            "image_mismatch",
            extension=extension,
            actual=actual,
        )
    if content_type not in NEUTRAL_TYPES and CONTENT_TYPES.get(content_type) != image.format:
        raise _refuse(
            _("The file was sent as %(type)s but holds a %(actual)s image."),
            "image_mismatch",
            type=content_type,
            actual=actual,
        )
    width, height = image.size
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise _refuse(
            _(
                "The image is %(width)s × %(height)s pixels: at most %(limit)s megapixels and "
                "%(side)s pixels a side are accepted."
            ),
            "image_pixels",
            width=width,
            height=height,
            limit=MAX_PIXELS // 1_000_000,
            side=MAX_SIDE,
        )
    if getattr(image, "n_frames", 1) > 1:
        raise _refuse(
            _("Animated images are not accepted: upload a still image."), "image_animated"
        )


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """Upright, in sRGB, RGB or RGBA, with no metadata left in ``info``."""
    profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image) or image
    alpha = _has_alpha(image)
    mode = "RGBA" if alpha else "RGB"
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if image.mode not in ("RGB", "RGBA", "CMYK"):
                image = image.convert(mode)
            image = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            image = image.convert(mode)
    if image.mode != mode:
        image = image.convert(mode)
    clean = Image.new(mode, image.size)
    clean.paste(image)
    return clean  # a new image: nothing of the upload's info (EXIF, comments, profile) follows


def _encode(image: Image.Image, image_format: str, *, small: bool = False) -> bytes:
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.save(buffer, "JPEG", quality=82 if small else 88, optimize=True, progressive=True)
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=80 if small else 86, method=4)
    return buffer.getvalue()


def clean_image(upload) -> Cleaned:
    """``upload`` (a Django ``UploadedFile`` or any named binary file) checked and re-encoded;
    ``ValidationError`` saying what is wrong otherwise."""
    check_upload_size(getattr(upload, "size", None))
    name = getattr(upload, "name", "") or ""
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    _claimed(name)
    with _open(upload) as image:
        _check(image, name, content_type)
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise _refuse(
                _("The image is truncated or damaged: it could not be read to the end."),
                "image_damaged",
            ) from None
        stored_as = STORED_AS[image.format]
        clean = _to_srgb(image)
    if stored_as == "JPEG" and clean.mode == "RGBA":
        stored_as = "PNG"
    return Cleaned(_encode(clean, stored_as), stored_as, clean.width, clean.height)


def rendition_widths(width: int) -> list[int]:
    """The widths made of an image ``width`` pixels wide: the fixed ones below it, and the
    image's own width when it is narrower than the largest."""
    widths = [each for each in WIDTHS if each < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    return widths


@functools.lru_cache(maxsize=16)
def renditions(cleaned: Cleaned) -> tuple[Rendition, ...]:
    """Every width of ``cleaned`` as WebP and as a fallback (JPEG, or PNG with transparency);
    the same image again (a replaced file put back, the demo loaded again) is not redone."""
    made = []
    with Image.open(io.BytesIO(cleaned.content)) as image:
        image.load()
        fallback = "PNG" if _has_alpha(image) else "JPEG"
        for width in rendition_widths(cleaned.width):
            height = max(1, round(cleaned.height * width / cleaned.width))
            resized = (
                image
                if width == cleaned.width
                else image.resize((width, height), Image.Resampling.LANCZOS)
            )
            for image_format in ("WEBP", fallback):
                content = _encode(resized, image_format, small=True)
                made.append(Rendition(width, height, image_format, content))
    return tuple(made)


def square_widths(width: int, height: int) -> list[int]:
    """The square crops made of an image: the fixed sizes its shorter side covers, else one
    at that side."""
    side = min(width, height)
    widths = [each for each in SQUARE_WIDTHS if each <= side]
    return widths or [side]


Focus = tuple[
    int, int
]  # a focal point: percent of the width from the left, of the height from the top
CENTRE: Focus = (50, 50)


def square_box(width: int, height: int, focus: Focus | None = None) -> tuple[int, int, int, int]:
    """The largest square of a ``width`` × ``height`` image centred on ``focus`` (the centre
    when not set), moved inside the image where the point is near an edge."""
    side = min(width, height)
    across, down = focus or CENTRE
    left = min(max(round(width * across / 100 - side / 2), 0), width - side)
    top = min(max(round(height * down / 100 - side / 2), 0), height - side)
    return left, top, left + side, top + side


@functools.lru_cache(maxsize=16)
def squares(cleaned: Cleaned, focus: Focus | None = None) -> tuple[Rendition, ...]:
    """Square crops around ``focus`` (the centre when not set), as WebP and as a fallback,
    for portraits."""
    made = []
    with Image.open(io.BytesIO(cleaned.content)) as image:
        image.load()
        fallback = "PNG" if _has_alpha(image) else "JPEG"
        box = square_box(image.width, image.height, focus)
        for width in square_widths(cleaned.width, cleaned.height):
            cropped = image.resize((width, width), Image.Resampling.LANCZOS, box=box)
            for image_format in ("WEBP", fallback):
                content = _encode(cropped, image_format, small=True)
                made.append(Rendition(width, width, image_format, content))
    return tuple(made)
