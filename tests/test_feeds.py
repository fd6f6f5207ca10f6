"""RSS 2.0 and Atom feeds per language, person and topic, parsed by feedparser."""

import feedparser
import pytest

pytestmark = pytest.mark.django_db

FEEDS = ["/{lang}/feed/", "/{lang}/people/ayla-demir/feed/", "/{lang}/topics/{topic}/feed/"]
TOPIC = {"en": "energy", "tr": "enerji", "ru": "energetika"}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("atom", [False, True])
@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
@pytest.mark.parametrize("template", FEEDS)
def test_every_feed_parses_without_errors(client, site, template, lang, atom):
    """Each feed, RSS and Atom, in every language, is well-formed for feedparser."""
    url = template.format(lang=lang, topic=TOPIC[lang]) + ("atom/" if atom else "")
    response, feed = parse(client, url)
    expected = "application/atom+xml" if atom else "application/rss+xml"
    assert response["Content-Type"].startswith(expected)
    assert feed.version == ("atom10" if atom else "rss20")
    assert feed.entries, url


def test_feed_entries_have_authors_categories_dates_and_summaries(client, site):
    """The main article's entry names both authors, its type, topic and region, date and summary."""
    for url in ("/en/feed/", "/en/feed/atom/"):
        _response, feed = parse(client, url)
        entry = next(item for item in feed.entries if item.title == "A cable under the Caspian")
        names = [author.name for author in entry.authors] if "atom" in url else [entry.author]
        assert "Ayla Demir" in " ".join(names) and "Oleg Sokolov" in " ".join(names)
        assert {tag.term for tag in entry.tags} >= {"Analysis", "Energy", "Caucasus"}
        assert entry.published_parsed[:3] == (2024, 7, 10)
        assert entry.summary == "Why a subsea cable matters."
        assert entry.link.endswith(site.main.get_absolute_url("en"))


def test_feeds_list_only_what_is_live_in_their_language(client, site):
    """No draft or scheduled article; the English-only one only in English feeds."""
    titles = {lang: [e.title for e in parse(client, f"/{lang}/feed/")[1].entries] for lang in TOPIC}
    assert "Sentinel English only" in titles["en"]
    assert titles["tr"] == ["Hazar’ın altından bir kablo", "Şebekeler ve rüzgâr"]
    assert titles["ru"] == ["Кабель под Каспием"]
    every = " ".join(" ".join(t) for t in titles.values())
    assert "Sentinel draft" not in every and "Sentinel scheduled" not in every


def test_person_and_topic_feeds_are_about_them(client, site):
    """A person's feed holds only their articles; a topic's only its articles; unknown ones 404."""
    _r, coauthor = parse(client, "/en/people/oleg-sokolov/feed/")
    assert [e.title for e in coauthor.entries] == ["A cable under the Caspian"]
    assert "Oleg Sokolov" in coauthor.feed.title
    _r, security = parse(client, "/en/topics/security/feed/")
    assert security.entries == []
    assert client.get("/en/people/nobody/feed/").status_code == 404
    assert client.get("/en/topics/nothing/feed/atom/").status_code == 404


def test_pages_announce_their_feeds(client, site):
    """Every page links the language's feed; person and topic pages link their own."""
    assert 'href="/tr/feed/"' in client.get("/tr/").content.decode()
    assert (
        'href="/en/people/ayla-demir/feed/"'
        in client.get("/en/people/ayla-demir/").content.decode()
    )
    assert 'href="/en/topics/energy/feed/"' in client.get("/en/topics/energy/").content.decode()
