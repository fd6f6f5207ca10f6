"""The weight of an article page with a hero image: its HTML and the CSS and JavaScript it
loads stay within the budget of issue 15 (≤ 60 KB). Lighthouse's measurements of the served demo
site are in bench/LIGHTHOUSE.md."""

import gzip
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from articles.models import LiveVersion

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 60_000  # 60 KB as transferred, counted in thousands (stricter than 60 KiB)


def transferred(content: bytes) -> int:
    """Bytes on the wire with gzip (level 6, as the page cache and WhiteNoise send them; Brotli,
    which browsers prefer, is smaller still)."""
    return len(gzip.compress(content, compresslevel=6))


class _Assets(HTMLParser):
    """The stylesheets and scripts a browser downloads for a page (inline ones are in its
    HTML already)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.urls.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.urls.append(values["src"])


def static_bytes(url: str) -> bytes:
    """The content of one of our static files, found as ``collectstatic`` would find it."""
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of this site's static files"
    found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert found, f"{url} links to no static file"
    with open(found, "rb") as file:
        return file.read()


@pytest.fixture
def demo(settings, tmp_path):
    """The demo site (long articles with footnotes, generated heroes, report PDFs)."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("language", ["en", "tr", "ru"])
def test_article_page_with_hero_stays_under_60_kb(client, demo, language):
    """Every live demo article page with a hero image in ``language`` weighs at most 60 KB
    (60,000 bytes) of HTML + CSS + JavaScript as transferred (gzip): the page's HTML as served
    plus every stylesheet (print included) and script file it links to. Images are not counted.
    Uncompressed, the pages weigh 55–61 KB (Cyrillic takes two bytes a letter):
    bench/LIGHTHOUSE.md."""
    versions = LiveVersion.objects.visible(language).filter(hero__isnull=False)
    weights = {}
    for version in versions:
        response = client.get(version.get_absolute_url())
        assert response.status_code == 200
        html = response.content
        assert b'fetchpriority="high"' in html, "the hero image is on the page"
        parser = _Assets()
        parser.feed(html.decode())
        assert any(url.endswith(".css") for url in parser.urls)
        files = {url: transferred(static_bytes(url)) for url in parser.urls}
        page = transferred(html)
        weights[version.get_absolute_url()] = (page + sum(files.values()), page, files)
    assert len(weights) >= 3, "the demo has live articles with heroes in this language"
    heaviest = max(weights, key=lambda url: weights[url][0])
    total, html_bytes, files = weights[heaviest]
    assert total <= BUDGET_BYTES, (
        f"{heaviest}: {total} bytes (HTML {html_bytes}, {files}) > {BUDGET_BYTES}"
    )
