"""Library images in an article's body: picked or uploaded with the editor's image button
(admin views of ``library/picker.py``), kept by the sanitizer only as ours, shown to readers as
responsive ``<picture>`` elements with the page language's alternative text."""

import json
import re

import pytest
from django.test import Client

from articles.workflow import TransitionError
from library.models import Image
from library.processing import MAX_BYTES
from tests import images
from tests.library_fixtures import ALT, library_image
from thinktank.richtext import canonical_html

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

PICKER = "/admin/library/image/picker/"
UPLOAD = "/admin/library/image/picker/upload/"


def body_with(image: Image, src: str = "") -> str:
    src = src or f"/media/{image.rendition(640)['name']}"
    return f'<p>Before.</p><img data-image="{image.pk}" src="{src}" alt="old"><p>After.</p>'


def test_the_sanitizer_keeps_a_library_image_and_drops_other_sites_addresses():
    kept = canonical_html('<img data-image="12" src="/media/images/abc/640.jpg" alt="x">')
    assert kept == '<img alt="x" data-image="12" src="/media/images/abc/640.jpg">'
    foreign = canonical_html(
        '<img data-image="12" src="https://evil.example/x.jpg"><img src="//evil.example/y.png">'
    )
    assert "evil.example" not in foreign and 'data-image="12"' in foreign
    assert "data-image" not in canonical_html('<img data-image="12 onerror=x" src="/media/a.jpg">')


def test_a_body_image_is_a_responsive_picture_in_the_pages_language(client, make_article):
    image = library_image()
    article = make_article(
        body_en=body_with(image),
        title_tr="Hazar'da şebeke bağlantıları",
        body_tr=body_with(image, src="https://elsewhere.example/ship.jpg"),
    )
    for code in ("en", "tr"):
        html = client.get(f"/{code}/articles/{getattr(article, f'slug_{code}')}/").content.decode()
        body = re.search(r"Before\.</p>(.*?)<p>After", html, re.S).group(1)
        assert body.startswith("<picture>") and '<source type="image/webp" srcset="' in body
        assert " 320w" in body and " 1024w" in body and 'sizes="' in body
        assert 'width="1600" height="900"' in body and 'loading="lazy"' in body
        assert f'alt="{ALT[code]}"' in body and 'alt="old"' not in body
        assert "elsewhere.example" not in html


def test_an_alt_text_change_reaches_pages_showing_the_image_in_their_body(make_article):
    image = library_image()
    article = make_article(body_en=body_with(image))
    assert f'alt="{ALT["en"]}"' in Client().get(f"/en/articles/{article.slug_en}/").content.decode()
    image.alt_en = "A survey vessel at dawn"
    image.save()
    html = Client().get(f"/en/articles/{article.slug_en}/").content.decode()
    assert 'alt="A survey vessel at dawn"' in html


def test_a_deleted_library_image_leaves_the_page_without_a_broken_picture(client, make_article):
    image = library_image()
    article = make_article(body_en=body_with(image))
    image.delete()
    html = client.get(f"/en/articles/{article.slug_en}/").content.decode()
    assert "<picture>" not in html and "data-image" not in html
    assert "Before." in html and "After." in html


def test_the_picker_lists_and_searches_the_library_for_editors(client, editor, contributor):
    ship = library_image()
    library_image(title="Wind farm", alt_en="Turbines offshore")
    client.force_login(contributor)
    found = client.get(PICKER, {"q": "cable", "language": "tr"}).json()["images"]
    assert [item["id"] for item in found] == [ship.pk]
    assert found[0]["alt"] == ALT["tr"]
    assert found[0]["src"].startswith("/media/images/") and found[0]["width"] == 640
    assert len(client.get(PICKER).json()["images"]) == 2


def test_the_picker_is_closed_to_users_without_the_librarys_permissions(client, make_user):
    client.force_login(make_user("nobody", None))
    assert client.get(PICKER).status_code == 403
    client.logout()
    assert client.get(PICKER).status_code == 302  # to the login page


def test_an_upload_from_the_editor_goes_through_the_librarys_checks(client, contributor):
    client.force_login(contributor)
    sent = images.upload(images.jpeg_with_gps(), "../../etc/harbour.jpg")
    response = client.post(UPLOAD, {"file": sent, "alt": "A harbour crane", "language": "ru"})
    assert response.status_code == 201, response.content
    image = Image.objects.get()
    assert image.title == "harbour" and image.alt_ru == "A harbour crane"
    assert re.fullmatch(r"images/[0-9a-f]{20}\.jpg", image.file) and image.renditions
    assert response.json()["image"]["id"] == image.pk


def test_a_refused_upload_from_the_editor_says_why_and_stores_nothing(client, contributor):
    client.force_login(contributor)
    polyglot = images.upload(images.png() + b"<script>alert(1)</script>", "x.jpg", "image/jpeg")
    response = client.post(UPLOAD, {"file": polyglot}, HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 400
    message = json.loads(response.content)["error"]
    assert "PNG" in message and ".jpg" in message
    assert not Image.objects.exists()


def test_an_article_goes_live_only_where_its_body_images_have_alternative_text(
    client, make_article
):
    image = library_image(alt_en="", alt_tr="")
    with pytest.raises(TransitionError, match="alternative text of the images in the body"):
        make_article(body_en=body_with(image))
    image.alt_en = ALT["en"]
    image.save()
    article = make_article(
        title_en="Cables under the Caspian",
        body_en=body_with(image),
        title_tr="Hazar'da şebeke bağlantıları",
        body_tr=body_with(image),
    )
    assert client.get(f"/en/articles/{article.slug_en}/").status_code == 200
    assert client.get(f"/tr/articles/{article.slug_tr}/").status_code == 404


def test_an_oversized_upload_is_refused_at_the_limit_with_its_size(client, contributor):
    """Reading stops once the file passes the limit (``thinktank.uploads.SizeLimit``); the message
    names the limit and nothing is stored."""
    client.force_login(contributor)
    huge = images.upload(b"\xff" * (MAX_BYTES + 300_000), "huge.jpg")
    response = client.post(UPLOAD, {"file": huge, "alt": "Too big"})
    assert response.status_code == 413
    message = response.json()["error"]
    assert "an image may be at most 10.0" in message and "The file is 10." in message
    assert not Image.objects.exists()
