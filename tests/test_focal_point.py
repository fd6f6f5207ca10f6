"""The focal point of a library image: the editor sets it on the image's admin form (a click on
the preview, or two fields in percent), every square crop is taken around it, and changing it
makes the crops again (the renditions job) and renders again the pages showing them."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image as PILImage

from library.models import Image
from tests.library_fixtures import form_data, library_image
from tests.test_job_queue import redis, work  # noqa: F401 - the real queue and its worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

RED, BLUE, WHITE = (220, 20, 30), (20, 40, 220), (255, 255, 255)


def three_bands(size=(600, 200)) -> bytes:
    """A wide picture: a red band on the left, white in the middle, a blue band on the right
    (each as wide as the picture is high, so a square crop shows one of them whole)."""
    width, height = size
    picture = PILImage.new("RGB", size, WHITE)
    picture.paste(RED, (0, 0, height, height))
    picture.paste(BLUE, (width - height, 0, width, height))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def crop_colour(image: Image, width: int = 160) -> tuple[int, int, int]:
    """The colour in the middle of the stored square crop ``width`` pixels wide."""
    square = image.rendition(width, "JPEG", crop="square")
    with default_storage.open(square["name"]) as stored, PILImage.open(stored) as opened:
        return opened.convert("RGB").getpixel((width // 2, width // 2))


def near(colour, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def banded_image() -> Image:
    return library_image(data=three_bands(), title="Bands")


def set_focus(client, image, across, down, **headers):
    change = f"/admin/library/image/{image.pk}/change/"
    data = form_data(client.get(change)) | {"focus_x": across, "focus_y": down}
    return client.post(change, data, **headers)


def test_without_a_focal_point_the_crop_is_the_centre():
    image = banded_image()
    assert image.focus() is None
    assert near(crop_colour(image), WHITE)


def test_the_square_crop_is_taken_around_the_focal_point(
    editor_client, django_capture_on_commit_callbacks
):
    image = banded_image()
    centred = {item["name"] for item in image.renditions if item.get("crop")}
    with django_capture_on_commit_callbacks(execute=True):
        assert set_focus(editor_client, image, 5, 50).status_code == 302
    image.refresh_from_db()
    assert image.focus() == (5, 50)
    assert near(crop_colour(image), RED) and near(crop_colour(image, 80), RED)
    # the crops around the centre are gone; the original and widths stay
    assert not any(default_storage.exists(name) for name in centred)
    assert default_storage.exists(image.file)

    with django_capture_on_commit_callbacks(execute=True):
        assert set_focus(editor_client, image, 95, 40).status_code == 302
    image.refresh_from_db()
    assert near(crop_colour(image), BLUE)
    crops = [item["name"] for item in image.renditions if item.get("crop")]
    assert crops and all(re.search(r"/sq\d+-95-40\.(webp|jpg)$", name) for name in crops)


@pytest.mark.parametrize(
    ("across", "down", "message"),
    [
        ("150", "50", "Give the focal point in percent: a whole number from 0 to 100."),
        ("-1", "50", "Give the focal point in percent: a whole number from 0 to 100."),
        ("left", "50", "Give the focal point in percent: a whole number from 0 to 100."),
        ("30", "", "Give the focal point both across and down, or leave both empty"),
    ],
)
def test_a_focal_point_outside_the_image_is_refused_and_nothing_changes(
    editor_client, across, down, message
):
    image = banded_image()
    made = image.renditions
    response = set_focus(editor_client, image, across, down)
    assert response.status_code == 200
    assert message in response.content.decode()
    image.refresh_from_db()
    assert image.focus() is None and image.renditions == made


def test_changing_the_focal_point_renders_the_portrait_pages_again(
    client, editor_client, person, make_article, django_capture_on_commit_callbacks
):
    image = banded_image()
    person.portrait = image
    person.save()
    article = make_article()
    pages = [person.get_absolute_url(), f"/en/articles/{article.slug_en}/"]
    before = image.rendition(320, "WEBP", crop="square")["name"]
    for url in pages:
        assert before in client.get(url).content.decode()
        assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        assert set_focus(editor_client, image, 0, 0).status_code == 302
    image.refresh_from_db()
    after = image.rendition(320, "WEBP", crop="square")["name"]
    assert after != before
    for url in pages:
        html = client.get(url).content.decode()
        assert after in html and before not in html


def test_on_the_queue_pages_keep_the_old_crop_until_the_job_has_made_the_new(
    redis,  # noqa: F811
    client,
    editor_client,
    person,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = banded_image()
    work()
    image.refresh_from_db()
    person.portrait = image
    person.save()
    before = image.rendition(320, "WEBP", crop="square")["name"]
    with django_capture_on_commit_callbacks(execute=True):
        assert set_focus(editor_client, image, 100, 50).status_code == 302
    image.refresh_from_db()
    assert image.focus() == (100, 50)
    assert before in client.get(person.get_absolute_url()).content.decode()
    assert default_storage.exists(before)

    work()

    image.refresh_from_db()
    assert near(crop_colour(image), BLUE)
    html = client.get(person.get_absolute_url()).content.decode()
    assert image.rendition(320, "WEBP", crop="square")["name"] in html and before not in html
