"""The language switcher, “Also available in”, slug redirects and the root redirect."""

import re

import pytest

from articles.translations.status import translation_edited

pytestmark = pytest.mark.django_db


def switcher(client, url):
    page = client.get(url).content.decode()
    nav = page[page.index('class="language-switcher"') :]
    nav = nav[: nav.index("</nav>")]
    links = dict(re.findall(r'<a href="([^"]+)" lang="(\w+)"', nav))
    return {lang: href for href, lang in links.items()}, nav


def test_switcher_leads_to_the_same_article_in_each_live_language(client, site):
    """From the Turkish article the switcher goes to its English and Russian versions."""
    links, nav = switcher(client, site.urls("tr")["article"])
    assert links == {
        "en": "/en/articles/a-cable-under-the-caspian/",
        "ru": "/ru/articles/kabel-pod-kaspiem/",
    }
    assert '<span aria-current="page" lang="tr">Türkçe</span>' in nav


def test_switcher_says_where_the_article_is_not_live(client, site):
    """An English–Turkish article shows Русский as not available, not a link to the Russian
    home page, and offers the languages it exists in."""
    page = client.get(site.sibling.get_absolute_url("en")).content.decode()
    links, nav = switcher(client, site.sibling.get_absolute_url("en"))
    assert links == {"tr": "/tr/articles/sebekeler-ve-ruzgar/"}
    assert '<span class="lang-missing" lang="ru">Русский</span>' in nav
    assert '<p class="language-note" role="note">Not available in Русский</p>' in page
    assert 'href="/ru/"' not in nav


def test_switcher_names_languages_natively(client, site):
    """The switcher says English, Türkçe and Русский on every page."""
    _links, nav = switcher(client, "/ru/")
    assert ">English<" in nav and ">Türkçe<" in nav and ">Русский<" in nav


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/", {"tr": "/tr/", "ru": "/ru/"}),
        ("/en/articles/", {"tr": "/tr/articles/", "ru": "/ru/articles/"}),
        ("/en/people/", {"tr": "/tr/people/", "ru": "/ru/people/"}),
        (
            "/en/people/ayla-demir/",
            {"tr": "/tr/people/ayla-demir/", "ru": "/ru/people/ayla-demir/"},
        ),
        ("/en/topics/energy/", {"tr": "/tr/topics/enerji/", "ru": "/ru/topics/energetika/"}),
        ("/en/regions/caucasus/", {"tr": "/tr/regions/kafkasya/", "ru": "/ru/regions/kavkaz/"}),
    ],
)
def test_switcher_keeps_the_reader_on_the_same_page(client, site, url, expected):
    """Lists, people and taxonomy pages switch to the same page in the other language."""
    assert switcher(client, url)[0] == expected


def test_switcher_skips_a_topic_not_named_in_a_language(client, site, editor):
    """A topic without a Russian name is not available in Russian: no link to another page."""
    site.energy.name_ru = ""
    site.energy.slug_ru = ""
    site.energy.save()
    translation_edited(site.energy, ["ru"], by=editor)  # as the editor's save in the admin does
    links, nav = switcher(client, "/en/topics/energy/")
    assert "ru" not in links and '<span class="lang-missing" lang="ru">Русский</span>' in nav


def test_switcher_on_a_404_leads_to_each_home(client, site):
    """The not-found page still offers every language's home page."""
    response = client.get("/tr/articles/nowhere/")
    page = response.content.decode()
    assert response.status_code == 404
    assert 'href="/en/" lang="en"' in page and 'href="/ru/" lang="ru"' in page


def test_article_announces_its_language_versions_to_search_engines(client, site):
    """The article page lists hreflang alternates only for languages it is live in."""
    page = client.get(site.sibling.get_absolute_url("en")).content.decode()
    assert (
        '<link rel="alternate" hreflang="tr" href="http://testserver/tr/articles/sebekeler-ve-ruzgar/">'
        in page
    )
    assert 'hreflang="ru" href' not in page


def test_another_languages_slug_redirects_permanently(client, site):
    """/ru/articles/<English slug>/ moves (301) to the Russian slug."""
    response = client.get("/ru/articles/a-cable-under-the-caspian/")
    assert response.status_code == 301
    assert response["Location"] == "/ru/articles/kabel-pod-kaspiem/"


def test_slug_of_a_language_the_article_lacks_is_a_404(client, site):
    """The Russian address of an English–Turkish article is a 404, not a redirect."""
    assert client.get("/ru/articles/grids-and-wind/").status_code == 404


@pytest.mark.parametrize(
    ("accept", "location"), [("tr-TR,tr;q=0.9", "/tr/"), ("ru", "/ru/"), ("fr-FR", "/en/")]
)
def test_root_redirects_by_accept_language(client, db, accept, location):
    """/ sends Turkish and Russian browsers to their language, others to English."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == location
