"""Renditions are a background job on the real queue (RQ on this machine's Redis): an upload is
stored at once and shown as its original until a worker has made its renditions and square
crops; then the pages showing it are rendered again with ``srcset``. Running the job again
changes nothing, and a job for a file since replaced leaves the replacement alone."""

import re

import pytest
from django.core.files.storage import default_storage

from library import tasks
from library.models import Image
from library.processing import clean_image
from tests import images
from tests.library_fixtures import library_image
from tests.test_job_queue import redis, work  # noqa: F401 - the real queue and its worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def with_hero(image):
    def compose(article):
        article.hero = image
        article.save()

    return compose


def hero_markup(html: str) -> str:
    return re.search(r'<figure class="article-image article-hero">(.*?)</figure>', html, re.S)[1]


def test_an_upload_waits_for_a_worker_and_readers_see_the_original_meanwhile(
    redis,  # noqa: F811
    client,
    make_article,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(size=(1600, 900))
        article = make_article(compose=with_hero(image))
    image.refresh_from_db()
    assert image.renditions == []  # queued, not made in the editor's request
    url = f"/en/articles/{article.slug_en}/"
    waiting = hero_markup(client.get(url).content.decode())
    assert f'src="{default_storage.url(image.file)}"' in waiting
    assert 'width="1600" height="900"' in waiting and "srcset" not in waiting
    assert client.get(url)["X-Page-Cache"] == "hit"

    work()

    image.refresh_from_db()
    widths = {item["width"] for item in image.renditions if "crop" not in item}
    assert {320, 640, 1024, 1600} <= widths
    assert {item["format"] for item in image.renditions} == {"WEBP", "JPEG"}
    assert any(item.get("crop") == "square" for item in image.renditions)
    assert all(default_storage.exists(item["name"]) for item in image.renditions)
    ready = hero_markup(client.get(url).content.decode())  # the cached page was forgotten
    assert '<source type="image/webp" srcset="' in ready and " 1600w" in ready


def test_running_the_job_again_changes_nothing(
    redis,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image()
    work()
    image.refresh_from_db()
    made, changed = image.renditions, image.updated_at
    tasks.make_renditions.call(image.pk)
    image.refresh_from_db()
    assert image.renditions == made and image.updated_at == changed


def test_a_job_for_a_replaced_file_leaves_the_replacement_alone(
    redis,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image()
    first = image.file
    with django_capture_on_commit_callbacks(execute=True):
        image.set_file(clean_image(images.upload(images.jpeg((900, 600), color="orange"))))
        image.save()
    assert image.file != first
    work()  # both jobs: the first one finds its file replaced
    image.refresh_from_db()
    assert image.renditions and all(
        item["name"].startswith(image.file.rsplit(".", 1)[0]) for item in image.renditions
    )
    assert max(item["width"] for item in image.renditions) == 900
    assert Image.objects.count() == 1
