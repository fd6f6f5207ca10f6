"""What feed readers get of each entry: its update time, each author, summaries as text, and
conditional requests answered with 304 (feedparser and the XML itself, no mocks)."""

import html
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.public_fixtures import make_live_article

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
TOPIC = {"en": "energy", "tr": "enerji", "ru": "energetika"}
FEEDS = [
    "/{lang}/feed/",
    "/{lang}/people/ayla-demir/feed/",
    "/{lang}/topics/{topic}/feed/",
    "/{lang}/corrections/feed/",
]


@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
@pytest.mark.parametrize("template", FEEDS)
def test_every_atom_entry_has_updated(client, site, template, lang):
    """RFC 4287: every Atom entry carries <updated>; feedparser reads it without complaint."""
    url = template.format(lang=lang, topic=TOPIC[lang]) + "atom/"
    feed = feedparser.parse(client.get(url).content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    for entry in feed.entries:
        assert entry.get("updated_parsed"), (url, entry.get("title"))


def test_each_author_has_an_element_with_an_absolute_uri(client, site):
    """The two-author article names each author in an <author> of their own, with their page."""
    root = ET.fromstring(client.get("/en/feed/atom/").content)  # noqa: S314 - our own feed
    entry = next(
        item
        for item in root.iter(f"{ATOM}entry")
        if item.findtext(f"{ATOM}title") == "A cable under the Caspian"
    )
    authors = [
        (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
        for author in entry.findall(f"{ATOM}author")
    ]
    assert authors == [
        ("Ayla Demir", "http://testserver/en/people/ayla-demir/"),
        ("Oleg Sokolov", "http://testserver/en/people/oleg-sokolov/"),
    ]
    parsed = feedparser.parse(client.get("/en/feed/atom/").content)
    names = [
        a.name for e in parsed.entries if e.title == "A cable under the Caspian" for a in e.authors
    ]
    assert names == ["Ayla Demir", "Oleg Sokolov"]


@pytest.mark.parametrize("path", ["/en/feed/", "/en/feed/atom/"])
def test_summary_with_markup_reads_back_as_text(client, site, editor, path):
    """A summary holding a tag with an event handler, and “R&D < 2%”, reach the reader as the
    text they are: no live element, nothing mangled."""
    summary = 'R&D < 2% <input autofocus onfocus="alert(1)">'
    make_live_article(
        editor, site.analysis, [site.author], titles={"en": "Markup summary"}, summary_en=summary
    )
    content = client.get(path).content
    assert b"<input" not in content
    entry = next(e for e in feedparser.parse(content).entries if e.title == "Markup summary")
    # The HTML field holds escaped text: a reader shows it as the summary's characters.
    assert "<input" not in entry.summary
    assert html.unescape(entry.summary) == summary


def test_if_modified_since_answers_304(client, site):
    """A reader that already has the newest entries gets 304 Not Modified, an older copy 200."""
    first = client.get("/en/feed/atom/")
    last_modified = first["Last-Modified"]
    again = client.get("/en/feed/atom/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert again.status_code == 304
    old = client.get("/en/feed/atom/", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")
    assert old.status_code == 200
