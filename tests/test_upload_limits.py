"""Every upload form of the admin stops reading at its size limit, as the editor's image button
does — the library's images and documents, the Word import, the XLIFF import: a real multipart
body over the limit is answered 413 in the editor's language, naming the limit, with most of
the body never read and nothing stored."""

import io

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from articles.models import Article
from importers.forms import MAX_UPLOAD
from library import documents
from library.models import Document, Image
from library.processing import MAX_BYTES
from tests import images
from tests.library_fixtures import library_image, stored_names

pytestmark = pytest.mark.django_db

EXTRA = 5 * 1024 * 1024  # sent past the limit: never read


class CountingBody(io.BytesIO):
    """A request body that counts what the server reads of it."""

    def __init__(self, content: bytes):
        super().__init__(content)
        self.read_bytes = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.read_bytes += len(line)
        return line


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def post_large(
    client, url: str, fields: dict, file_name: str, file_size: int, field="upload", **headers
):
    """POST ``fields`` and a file of ``file_size`` bytes as a real multipart body; the
    response and how many bytes of the body the server read."""
    upload = images.upload(b"\xff" * file_size, file_name)
    body = CountingBody(encode_multipart(BOUNDARY, {**fields, field: upload}))
    length = len(body.getvalue())
    response = client.generic(
        "POST",
        url,
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
        **headers,
    )
    return response, body.read_bytes, length


def test_an_oversized_image_in_the_library_form_is_refused_before_the_body_is_read(
    editor_client,
):
    before = stored_names()
    response, read, sent = post_large(
        editor_client,
        "/admin/library/image/add/",
        {"title": "Too big", "alt_en": "Big"},
        "big.jpg",
        MAX_BYTES + EXTRA,
    )
    assert response.status_code == 413
    page = response.content.decode().replace("\xa0", " ")
    assert "The file is 15.0 MB; an image may be at most 10.0 MB." in page
    assert "Nothing was saved" in page
    assert read < sent - EXTRA // 2  # stopped near the limit, not read to the end
    assert not Image.objects.exists()
    assert stored_names() == before


def test_an_oversized_replacement_is_refused_in_the_editors_language(editor_client):
    image = library_image()
    before = stored_names()
    response, read, sent = post_large(
        editor_client,
        f"/admin/library/image/{image.pk}/change/",
        {"title": "Replaced"},
        "big.jpg",
        MAX_BYTES + EXTRA,
        HTTP_ACCEPT_LANGUAGE="tr",
    )
    assert response.status_code == 413
    assert read < sent - EXTRA // 2
    image.refresh_from_db()
    assert image.title == "Cable ship"
    assert stored_names() == before
    assert 'lang="tr"' in response.content.decode()


def test_an_oversized_document_is_refused_before_the_body_is_read(
    editor_client, make_article, monkeypatch
):
    """Documents have their own limit (50 MB, lowered here to keep the test small)."""
    monkeypatch.setattr(documents, "MAX_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr("library.admin.DocumentAdmin.upload_limit", 2 * 1024 * 1024)
    article = make_article()
    before = stored_names()
    response, read, sent = post_large(
        editor_client,
        "/admin/library/document/add/",
        {"article": article.pk, "language": "en", "title": "Report"},
        "report.pdf",
        2 * 1024 * 1024 + EXTRA,
    )
    assert response.status_code == 413
    page = response.content.decode().replace("\xa0", " ")
    assert "a document may be at most 2.0 MB" in page
    assert read < sent - EXTRA // 2
    assert not Document.objects.exists()
    assert stored_names() == before


def test_an_upload_under_the_limit_still_goes_through_the_forms_checks(editor_client, editor):
    """The handler only counts: a normal upload is stored as before, and the form's CSRF check
    still runs (the views are exempt only from the middleware's early check)."""
    data = {"title": "Small", "alt_en": "Small", "upload": images.upload(images.jpeg(), "s.jpg")}
    assert editor_client.post("/admin/library/image/add/", data).status_code == 302
    assert Image.objects.get().title == "Small"
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    data["upload"] = images.upload(images.jpeg(), "s.jpg")
    assert strict.post("/admin/library/image/add/", data).status_code == 403
    assert Image.objects.count() == 1


def test_an_oversized_word_document_is_refused_before_the_body_is_read(editor_client, analysis):
    before = Article.objects.count()
    response, read, sent = post_large(
        editor_client,
        "/admin/importers/importrecord/word/",
        {"language": "en", "article_type": analysis.pk},
        "report.docx",
        MAX_UPLOAD + EXTRA,
        field="file",
    )
    assert response.status_code == 413
    assert "The file is larger than 10 MB." in response.content.decode()
    assert read < sent - EXTRA // 2
    assert Article.objects.count() == before


def test_an_oversized_xliff_file_is_refused_before_the_body_is_read(editor_client, settings):
    settings.XLIFF_MAX_BYTES = 1024 * 1024
    response, read, sent = post_large(
        editor_client,
        "/admin/articles/article/import-xliff/",
        {"language": "tr"},
        "big.xliff",
        1024 * 1024 + EXTRA,
        field="file",
    )
    assert response.status_code == 413
    assert "The file is larger than 1.0\xa0MB." in response.content.decode()
    assert read < sent - EXTRA // 2
