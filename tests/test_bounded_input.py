"""Bounded input: over-long bodies refused before they are read, NUL characters and malformed
parameters answered 400/404, XLIFF files bounded in size and units — never a server error, on
either database (CI runs this module on SQLite and on PostgreSQL)."""

import io
import time

import pytest
from django.test.client import BOUNDARY, encode_multipart

from articles.translations import xliff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ODD_QUERIES = [
    "?q=%00",
    "?q=a%00b",
    "?%00=1",
    "?page=abc",
    "?page=-1",
    "?page=0",
    "?page=99999999999999999999999",
    "?page=1.5",
    "?q=" + "a" * 4096,
    "?q=" + "%D0%B6" * 2048,
    "?q=%ff%fe",
    "?q=%",
    "?q=%zz",
    "?topic=999999&region=-1&type=x",
    "?topic=%00",
    "?year=abcd",
    "?o=99&p=-5&e=1",
    "?language=xx",
    "?q=<script>alert(1)</script>",
    "?q=' OR 1=1 --",
    "?q=&q=&q=",
    "?" + "&".join(f"k{n}=v" for n in range(500)),
]


def public_urls(site):
    urls = []
    for lang in ("en", "tr", "ru"):
        urls.extend(site.urls(lang).values())
        urls.append(f"/{lang}/search/")
    return urls


ODD_PATHS = [
    "/xx/",
    "/zz/articles/",
    "/en/articles/%00/",
    "/en/articles/" + "a" * 4096 + "/",
    "/en/people/%ff/",
    "/en/topics/%E2%80%AE/",
    "/preview/articles/999999999999999999999/en/",
    "/preview/articles/1/xx/",
    "/preview/shared/not-a-token/",
    "/preview/shared/" + "A" * 4096 + "/",
    "/sitemap.xml?p=abc",
    "/sitemap.xml?p=%00",
    "/en/feed/?page=-1",
]

ADMIN_URLS = [
    "/admin/",
    "/admin/articles/article/",
    "/admin/people/person/",
    "/admin/citations/source/",
    "/admin/audit/logentry/",
    "/admin/auth/user/",
    "/admin/articles/translation/",
]


def assert_no_server_error(client, urls, queries):
    found = {}
    for url in urls:
        for query in queries:
            response = client.get(url + query)
            if response.status_code >= 500:
                found[url + query[:60]] = response.status_code
    assert found == {}


def test_public_urls_survive_odd_query_strings(client, site):
    """Every public page type with NUL, 4 KB values, bad pages and unknown languages: no 500."""
    assert_no_server_error(client, public_urls(site), ODD_QUERIES)


def test_odd_paths_are_404_or_400(client, site):
    """Unknown languages, NUL, 4 KB slugs and broken tokens: a 4xx (a redirect to the login
    for an anonymous preview), never a 500."""
    client.raise_request_exception = False
    statuses = {path[:60]: client.get(path).status_code for path in ODD_PATHS}
    assert {path: status for path, status in statuses.items() if status >= 500} == {}
    for path in ODD_PATHS[:6]:
        assert 400 <= statuses[path[:60]] < 500, path


def test_admin_urls_survive_odd_query_strings(client, site, editor):
    """The admin's lists with the same odd parameters: no 500."""
    client.force_login(editor)
    client.raise_request_exception = False
    assert_no_server_error(client, ADMIN_URLS, ODD_QUERIES)


def test_nul_is_answered_400_everywhere(client, site, editor):
    """A NUL in the address is refused with 400 on public and admin pages alike."""
    for url in [site.urls("en")["list"], "/en/search/", "/admin/articles/article/"]:
        assert client.get(url + "?q=%00").status_code == 400, url
    client.force_login(editor)
    response = client.get("/admin/articles/article/?q=x%00y")
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, editor, settings):
    """A POST declaring more than REQUEST_BODY_MAX_BYTES gets 413 without the body being read."""
    settings.REQUEST_BODY_MAX_BYTES = 1024 * 1024
    client.force_login(editor)

    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

    response = client.generic(
        "POST",
        "/admin/articles/article/import-xliff/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def xliff_units(article_pk, count, *, size=0):
    """An XLIFF document with ``count`` units for one article (padding each to ``size``)."""
    units = "".join(
        f'<trans-unit id="article/{article_pk}/title"><source>{"x" * size}</source>'
        f"<target>y</target></trans-unit>"
        for _ in range(count)
    )
    return (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
        f'<file original="article/{article_pk}" source-language="en" target-language="tr" '
        f'datatype="html"><body>{units}</body></file></xliff>'
    ).encode()


def import_file(client, data):
    """POST ``data`` as the import form's file; returns (response, seconds the site took)."""
    body = encode_multipart(BOUNDARY, {"file": io.BytesIO(data), "language": "tr"})
    client.get("/admin/")  # the first request starts the handler (WhiteNoise lists its files)
    started = time.perf_counter()
    response = client.generic(
        "POST",
        "/admin/articles/article/import-xliff/",
        data=body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    return response, time.perf_counter() - started


def test_an_adversarial_xliff_file_is_refused_fast(client, editor, make_article):
    """Ten thousand units (just under 10 MB) for one article: 400 in under 2 s, nothing saved."""
    article = make_article()
    data = xliff_units(article.pk, 10_000, size=900)
    assert 9 * 1024 * 1024 < len(data) < 10 * 1024 * 1024
    client.force_login(editor)
    response, elapsed = import_file(client, data)
    assert response.status_code == 400
    assert "at most 5000 can be imported at once" in response.content.decode()
    assert elapsed < 2, elapsed
    article.refresh_from_db()
    assert not article.title_tr


def test_many_bad_units_stop_after_a_hundred_problems(client, editor, make_article, settings):
    """Below the unit limit, checking stops after 100 problems instead of reading on."""
    article = make_article()
    client.force_login(editor)
    response, elapsed = import_file(client, xliff_units(article.pk, 3000))
    assert response.status_code == 400
    assert "Too many problems" in response.content.decode()
    assert elapsed < 2, elapsed


def test_an_xliff_file_over_the_size_limit_is_413(client, editor, settings):
    """A file over XLIFF_MAX_BYTES is refused with 413 and says the limit."""
    settings.XLIFF_MAX_BYTES = 1024
    client.force_login(editor)
    response, _elapsed = import_file(client, b"<xliff>" + b" " * 2048 + b"</xliff>")
    assert response.status_code == 413
    assert "The file is larger than 1.0\xa0KB." in response.content.decode()
    assert xliff.max_bytes() == 1024
