"""/sitemap.xml with hreflang alternates and x-default, and /robots.txt naming it."""

import pytest
from defusedxml import ElementTree

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    urls = {}
    for node in root.findall("s:url", NS):
        loc = node.find("s:loc", NS).text
        lastmod = node.find("s:lastmod", NS)
        urls[loc] = {
            "lastmod": lastmod.text if lastmod is not None else None,
            "alternates": {
                link.get("hreflang"): link.get("href") for link in node.findall("x:link", NS)
            },
        }
    return urls


def test_an_article_is_listed_once_per_live_language_with_alternates_both_ways(client, site):
    """Each language version lists all three, plus x-default pointing at the original."""
    urls = sitemap(client)
    versions = {lang: BASE + site.main.get_absolute_url(lang) for lang in ("en", "tr", "ru")}
    for lang, loc in versions.items():
        assert loc in urls, lang
        assert urls[loc]["alternates"] == {**versions, "x-default": versions["en"]}
        assert urls[loc]["lastmod"] == site.main.updated_at.date().isoformat()


def test_only_live_languages_and_articles_are_listed(client, site):
    """The English-only article appears once; drafts and scheduled articles never."""
    urls = sitemap(client)
    english = BASE + site.english_only.get_absolute_url("en")
    assert urls[english]["alternates"] == {"en": english, "x-default": english}
    sibling = {lang: BASE + site.sibling.get_absolute_url(lang) for lang in ("en", "tr")}
    assert BASE + "/ru/articles/" + site.sibling.slug_en + "/" not in urls
    assert urls[sibling["tr"]]["alternates"] == {**sibling, "x-default": sibling["en"]}
    for hidden in (site.draft, site.scheduled):
        assert not any(f"/{hidden.slug_en}/" in loc for loc in urls)


def test_home_people_and_term_pages_are_listed(client, site):
    """Home, lists, people and taxonomy pages appear in each language."""
    urls = sitemap(client)
    for path in ("/en/", "/tr/", "/ru/", "/ru/articles/", "/tr/people/", "/en/people/ayla-demir/",
                 "/tr/topics/enerji/", "/ru/regions/kavkaz/"):  # fmt: skip
        assert BASE + path in urls, path
    assert urls[BASE + "/tr/"]["alternates"]["x-default"] == BASE + "/en/"


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_back_office(client):
    """robots.txt disallows /admin/ and /preview/ and gives the sitemap's address."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
