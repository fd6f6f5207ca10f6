"""The media library in the admin and on the reading site: uploads checked and cleaned, hero
images as responsive ``<picture>`` elements with the page language's alternative text, pages
rendered again when an image changes, documents (report PDFs) listed and served."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image as PILImage

from articles.workflow import TransitionError
from library.models import Document, Image
from tests import images
from tests.library_fixtures import ALT, form_data, library_document, library_image, stored_names

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ADD_URL = "/admin/library/image/add/"


def texts(**overrides):
    data = {"title": "Cable ship"}
    for code in ("en", "tr", "ru"):
        data |= {f"alt_{code}": ALT[code], f"caption_{code}": "", f"credit_{code}": ""}
    return data | overrides


@pytest.fixture
def admin_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def hero_article(make_article):
    image = library_image()

    def with_hero(article):
        article.hero = image
        article.save()

    article = make_article(
        title_tr="Hazar'da şebeke bağlantıları", body_tr="<p>Metin.</p>", compose=with_hero
    )
    return article, image


def test_an_editor_uploads_an_image_and_its_metadata_is_gone(admin_client):
    """The admin stores the image under a name of ours, re-encoded without GPS, with its
    renditions, and keeps the alternative text of each language."""
    data = texts(upload=images.upload(images.jpeg_with_gps(), "../../etc/x.jpg"))
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert re.fullmatch(r"images/[0-9a-f]{20}\.jpg", image.file)
    with default_storage.open(image.file) as stored:
        content = stored.read()
    assert b"SpyCam" not in content and b"script" not in content
    with PILImage.open(io.BytesIO(content)) as opened:
        assert not opened.getexif()
    assert (image.width, image.height) == (600, 1200)
    assert {(item["width"], item["format"]) for item in image.renditions if "crop" not in item} == {
        (320, "WEBP"), (320, "JPEG"), (600, "WEBP"), (600, "JPEG"),
    }  # fmt: skip
    squares = {(i["width"], i["height"], i["format"]) for i in image.renditions if "crop" in i}
    assert squares == {(80, 80, "WEBP"), (80, 80, "JPEG"), (160, 160, "WEBP"), (160, 160, "JPEG"),
                       (320, 320, "WEBP"), (320, 320, "JPEG")}  # fmt: skip
    assert all(default_storage.exists(item["name"]) for item in image.renditions)
    assert image.alt_tr == ALT["tr"]


@pytest.mark.parametrize(
    ("data", "name", "content_type", "message"),
    [
        (images.png_with_size(30_000, 30_000), "bomb.png", "image/png", "megapixels"),
        (images.png() + b"", "photo.jpg", "image/jpeg", "named .jpg but holds a PNG image"),
        (images.jpeg()[:900], "cut.jpg", "image/jpeg", "truncated or damaged"),
        (images.animated_gif(), "a.gif", "image/gif", "ending in one of these extensions"),
    ],
)
def test_a_refused_upload_says_why_and_stores_nothing(
    admin_client, data, name, content_type, message
):
    before = stored_names()
    response = admin_client.post(ADD_URL, texts(upload=images.upload(data, name, content_type)))
    assert response.status_code == 200
    assert message in response.content.decode().replace("\xa0", " ")
    assert not Image.objects.exists()
    assert stored_names() == before


def test_the_hero_is_a_picture_with_the_page_languages_alternative_text(client, hero_article):
    """WebP first with a JPEG fallback, ``srcset`` at fixed widths, width and height, fetched
    first; the alternative text in the page's language; social cards use the 1200 px width."""
    article, image = hero_article
    for code in ("en", "tr"):
        html = client.get(f"/{code}/articles/{getattr(article, f'slug_{code}')}/").content.decode()
        picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
        assert '<source type="image/webp" srcset="' in picture and " 1600w" in picture
        assert 'fetchpriority="high"' in picture and 'loading="lazy"' not in picture
        assert 'width="1600" height="900"' in picture
        assert f'alt="{ALT[code]}"' in picture
        social = next(
            item for item in image.renditions if (item["width"], item["format"]) == (1200, "JPEG")
        )
        assert f'property="og:image" content="http://testserver/media/{social["name"]}"' in html
        assert f'property="og:image:alt" content="{ALT[code]}"' in html
    listing = client.get("/en/articles/").content.decode()
    card = re.search(r'<div class="card-image">(.*?)</div>', listing, re.S).group(1)
    assert 'loading="lazy"' in card and f'alt="{ALT["en"]}"' in card


def test_an_alt_text_change_in_the_admin_reaches_the_cached_page(
    client, admin_client, hero_article
):
    article, image = hero_article
    url = f"/en/articles/{article.slug_en}/"
    assert ALT["en"] in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"  # cached now
    change = f"/admin/library/image/{image.pk}/change/"
    data = form_data(admin_client.get(change)) | {"alt_en": "A survey vessel at dawn"}
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get(url).content.decode()
    assert 'alt="A survey vessel at dawn"' in html and ALT["en"] not in html
    assert 'alt="A survey vessel at dawn"' in client.get("/en/articles/").content.decode()


def test_replacing_the_file_renders_new_renditions_and_removes_the_old(
    client, admin_client, hero_article, django_capture_on_commit_callbacks
):
    article, image = hero_article
    old = image.stored_names()
    change = f"/admin/library/image/{image.pk}/change/"
    data = form_data(admin_client.get(change))
    data["upload"] = images.upload(images.jpeg((1000, 500), color="orange"), "new.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(change, data).status_code == 302
    image.refresh_from_db()
    assert not (old & image.stored_names())
    assert not any(default_storage.exists(name) for name in old)
    html = client.get(f"/en/articles/{article.slug_en}/").content.decode()
    assert image.renditions[0]["name"] in html and 'width="1000" height="500"' in html


def test_an_image_in_use_cannot_be_deleted(admin_client, hero_article):
    _article, image = hero_article
    response = admin_client.post(f"/admin/library/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert Image.objects.filter(pk=image.pk).exists()


def test_media_are_served_safely_by_the_app(client):
    """Without a front server, the app serves stored images: right type, nosniff, a year's
    cache for our content-addressed names; nothing outside the storage, no other types."""
    image = library_image(size=(700, 400))
    webp = next(item["name"] for item in image.renditions if item["format"] == "WEBP")
    response = client.get(f"/media/{webp}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    for bad in ("/media/../thinktank/settings.py", "/media/images/../../x.jpg", "/media/x.html"):
        assert client.get(bad).status_code == 404


def test_a_report_pdf_is_listed_named_for_scholar_and_served(client, admin_client, hero_article):
    """Uploaded in the admin for one language: the article's pages list it with its size and
    language, the page in its language names it in ``citation_pdf_url``, and its stable
    address serves it as a PDF."""
    article, _image = hero_article
    response = admin_client.post(
        "/admin/library/document/add/",
        {
            "article": article.pk,
            "language": "en",
            "title": "Grid links: the full report",
            "upload": images.upload(images.pdf(3), "../report.pdf", "application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.pages == 3 and document.file.endswith("/grid-links-the-full-report-en.pdf")
    url = document.get_absolute_url()
    html = client.get(f"/en/articles/{article.slug_en}/").content.decode()
    assert f'<meta name="citation_pdf_url" content="http://testserver{url}">' in html
    assert f'href="{url}"' in html and "English" in html
    turkish = client.get(f"/tr/articles/{article.slug_tr}/").content.decode()
    assert f'href="{url}"' in turkish and "citation_pdf_url" not in turkish
    served = client.get(url)
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("inline; filename=")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>not a pdf</html>", "not a PDF document"),
        (b"%PDF-1.4\n garbage without pages", "its pages could not be read"),
    ],
)
def test_a_bad_document_is_refused(admin_client, hero_article, data, message):
    article, _image = hero_article
    before = stored_names()
    response = admin_client.post(
        "/admin/library/document/add/",
        {
            "article": article.pk,
            "language": "en",
            "title": "Report",
            "upload": images.upload(data, "r.pdf", "application/pdf"),
        },
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Document.objects.exists() and stored_names() == before


def test_removing_a_document_removes_it_from_the_page(client, hero_article):
    article, _image = hero_article
    document = library_document(article)
    url, address = f"/en/articles/{article.slug_en}/", document.get_absolute_url()
    assert address in client.get(url).content.decode()
    document.delete()
    assert address not in client.get(url).content.decode()


def test_an_article_goes_live_only_in_languages_with_the_heros_alternative_text(
    client, make_article
):
    """Without the alternative text in the original language publishing is refused, naming
    it; a translation whose language lacks it stays off the site until it is written."""
    image = library_image(alt_en="", alt_tr="")

    def with_hero(article):
        article.hero = image
        article.save()

    with pytest.raises(TransitionError, match="the hero image's alternative text"):
        make_article(compose=with_hero)
    image.alt_en = ALT["en"]
    image.save()
    article = make_article(
        title_en="Cables under the Caspian",
        title_tr="Hazar'da şebeke bağlantıları",
        body_tr="<p>Metin.</p>",
        compose=with_hero,
    )
    assert client.get(f"/en/articles/{article.slug_en}/").status_code == 200
    assert client.get(f"/tr/articles/{article.slug_tr}/").status_code == 404


def test_editors_and_contributors_reach_the_library_in_the_admin(client, role_editor, contributor):
    """The editorial roles, not only administrators, work with the library: an editor adds
    images and documents, a contributor adds images but no documents."""
    client.force_login(role_editor)
    assert client.get("/admin/library/image/add/").status_code == 200
    assert client.get("/admin/library/document/add/").status_code == 200
    client.force_login(contributor)
    assert client.get("/admin/library/image/add/").status_code == 200
    assert client.get("/admin/library/document/add/").status_code == 403
