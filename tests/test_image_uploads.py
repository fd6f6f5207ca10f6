"""Uploaded images are checked before anything is stored and re-encoded: metadata, comments and
appended bytes are gone, orientation applied, colours in sRGB; each refusal says what is wrong."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from library.processing import MAX_BYTES, clean_image, rendition_widths, renditions
from tests import images


def refusal(data, name="photo.jpg", content_type="image/jpeg") -> str:
    with pytest.raises(ValidationError) as caught:
        clean_image(images.upload(data, name, content_type))
    return " ".join(caught.value.messages)


def test_gps_exif_and_comments_are_gone_and_orientation_applied():
    """A camera JPEG with GPS, maker and a <script> comment: the stored bytes hold none of it,
    and the picture stands upright (EXIF orientation 6 turned into real pixels)."""
    cleaned = clean_image(images.upload(images.jpeg_with_gps(size=(1200, 600))))
    assert b"SpyCam" not in cleaned.content and b"script" not in cleaned.content
    with Image.open(io.BytesIO(cleaned.content)) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif() and "exif" not in stored.info
        assert "comment" not in stored.info and "icc_profile" not in stored.info
        assert stored.size == (600, 1200) == (cleaned.width, cleaned.height)


def test_html_appended_to_a_png_is_not_stored():
    """A PNG+HTML polyglot is re-encoded from its pixels: the HTML is gone."""
    data = images.png((64, 64)) + b"<html><script>alert('png')</script></html>"
    cleaned = clean_image(images.upload(data, "poly.png", "image/png"))
    assert b"<html" not in cleaned.content and b"script" not in cleaned.content
    assert cleaned.format == "PNG"


def test_a_decompression_bomb_is_refused_from_its_header_with_its_size():
    """A 30,000 × 30,000 header is refused before a pixel is read, saying why."""
    message = refusal(images.png_with_size(30_000, 30_000), "bomb.png", "image/png")
    assert "pixels" in message and "megapixels" in message


def test_huge_dimensions_are_refused_with_the_size_named():
    message = refusal(images.png_with_size(7000, 7000), "big.png", "image/png")
    assert "7000 × 7000 pixels" in message and "40 megapixels" in message


def test_a_truncated_image_is_refused_as_damaged():
    data = images.jpeg((800, 600))
    assert "truncated or damaged" in refusal(data[: len(data) // 2])


def test_a_wrong_extension_is_refused():
    """PNG bytes named .jpg: the name lies about the content."""
    message = refusal(images.png(), "photo.jpg", "image/jpeg")
    assert "named .jpg but holds a PNG image" in message


def test_a_lying_content_type_is_refused():
    message = refusal(images.png(), "photo.png", "image/jpeg")
    assert "sent as image/jpeg but holds a PNG image" in message


@pytest.mark.parametrize("name", ["notes.txt", "photo.gif", "photo"])
def test_other_extensions_are_refused(name):
    assert "ending in one of these extensions" in refusal(images.jpeg(), name, "")


def test_text_is_not_an_image():
    assert "not an image" in refusal(b"<svg onload=alert(1)>", "x.jpg", "image/jpeg")


def test_animated_gif_and_webp_are_refused():
    assert "ending in one of these extensions" in refusal(
        images.animated_gif(), "a.gif", "image/gif"
    )
    assert "not an image in one of these formats" in refusal(
        images.animated_gif(), "a.png", "image/png"
    )
    assert "Animated images are not accepted" in refusal(
        images.animated_webp(), "a.webp", "image/webp"
    )


def test_too_many_bytes_are_refused_before_reading():
    """The size is checked first: the body is never read."""

    class Huge:
        name, size, content_type = "big.jpg", 5 * MAX_BYTES, "image/jpeg"

        def seek(self, *args):
            raise AssertionError("read")

        read = seek

    with pytest.raises(ValidationError) as caught:
        clean_image(Huge())
    message = caught.value.messages[0].replace("\xa0", " ")
    assert message == "The file is 50.0 MB; an image may be at most 10.0 MB."


def test_cmyk_is_converted_to_rgb():
    data = images.image_bytes((300, 200), "CMYK", "JPEG", color=(0, 255, 255, 0))
    cleaned = clean_image(images.upload(data))
    with Image.open(io.BytesIO(cleaned.content)) as stored:
        assert stored.mode == "RGB"
        red, green, blue = stored.getpixel((10, 10))
        assert red > 200 and green < 60 and blue < 60  # cyan/magenta ink 0/255 … stays red


def test_transparency_is_kept_as_png_with_png_fallbacks():
    data = images.png((400, 300), mode="RGBA", color=(0, 128, 0, 64))
    cleaned = clean_image(images.upload(data, "logo.png", "image/png"))
    assert cleaned.format == "PNG"
    made = renditions(cleaned)
    assert {item.format for item in made} == {"WEBP", "PNG"}
    with Image.open(io.BytesIO(made[0].content)) as small:
        assert small.mode == "RGBA" and small.getpixel((5, 5))[3] == 64


def test_renditions_at_fixed_widths_never_larger_than_the_original():
    assert rendition_widths(2400) == [320, 640, 1024, 1200, 1600]
    assert rendition_widths(700) == [320, 640, 700]
    cleaned = clean_image(images.upload(images.jpeg((1300, 650))))
    made = renditions(cleaned)
    assert sorted({(item.width, item.height) for item in made}) == [
        (320, 160),
        (640, 320),
        (1024, 512),
        (1200, 600),
        (1300, 650),
    ]
    assert {item.format for item in made} == {"WEBP", "JPEG"}
