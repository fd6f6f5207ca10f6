"""Media on S3-compatible object storage (``MEDIA_S3_BUCKET``), against a real S3 server (moto's
server mode over HTTP, ``tests/s3.py``): uploads, rendered pages linking to the bucket,
replacement and deletion all go through django-storages to the server."""

import urllib.request

import pytest
from django.test import Client

from library.models import Document, Image
from tests import images
from tests.library_fixtures import ALT, form_data, library_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test's server
        return response.status, response.headers, response.read()


def texts(**overrides):
    data = {"title": "Cable ship"}
    for code in ("en", "tr", "ru"):
        data |= {f"alt_{code}": ALT[code], f"caption_{code}": "", f"credit_{code}": ""}
    return data | overrides


def test_upload_render_replace_and_delete_through_the_s3_server(
    s3_media, s3_server, editor, make_article, client, django_capture_on_commit_callbacks
):
    """Every stored file is an object of the bucket; the article page links to the bucket and
    the objects answer with the right type and a year's cache; a replaced file's objects and a
    deleted image's objects are removed from the bucket."""
    admin = Client()
    admin.force_login(editor)
    upload = images.upload(images.jpeg_with_gps(size=(1300, 700), orientation=1), "cam.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post("/admin/library/image/add/", texts(upload=upload)).status_code == 302
    image = Image.objects.get()
    assert s3_server.keys(s3_media) == image.stored_names()
    status, headers, body = fetch(f"{s3_server.endpoint}/{s3_media}/{image.file}")
    assert status == 200 and b"SpyCam" not in body  # the stored object, metadata gone

    def with_hero(article):
        article.hero = image
        article.save()

    article = make_article(compose=with_hero)
    html = client.get(f"/en/articles/{article.slug_en}/").content.decode()
    webp = next(item for item in image.renditions if item["format"] == "WEBP")
    url = f"{s3_server.endpoint}/{s3_media}/{webp['name']}"
    assert f"{url} {webp['width']}w" in html and f'alt="{ALT["en"]}"' in html
    status, headers, body = fetch(url)
    assert headers["Content-Type"] == "image/webp" and body[:4] == b"RIFF"
    assert "immutable" in headers["Cache-Control"]

    old = image.stored_names()
    change = f"/admin/library/image/{image.pk}/change/"
    data = form_data(admin.get(change))
    data["upload"] = images.upload(images.png((900, 450)), "new.png", "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(change, data).status_code == 302
    image.refresh_from_db()
    assert s3_server.keys(s3_media) == image.stored_names() and not old & image.stored_names()
    assert (
        image.renditions[0]["name"]
        in client.get(f"/en/articles/{article.slug_en}/").content.decode()
    )

    document = library_document(article)
    assert document.file in s3_server.keys(s3_media)
    served = client.get(document.get_absolute_url())
    assert b"".join(served.streaming_content).startswith(b"%PDF-")

    article.hero = None
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/admin/library/image/{image.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
        Document.objects.get().delete()
    assert s3_server.keys(s3_media) == set()
