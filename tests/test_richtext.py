"""Rich text is sanitized on the server: allowed HTML stays, anything executable goes."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from articles.models import Article
from people.models import Person
from thinktank.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, GENERIC_ATTRIBUTES, sanitize_html

XSS_DIR = Path(__file__).resolve().parent / "data" / "xss"  # copy of shared/testdata/xss (MIT)
URL_ATTRIBUTES = {"href", "src"}
ADDED_BY_SANITIZER = {"a": {"rel"}}


def xss_payloads():
    lines = []
    for path in sorted(XSS_DIR.glob("*.txt")):
        lines.extend(
            line
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()
        )
    return lines


def url_scheme(url):
    """The scheme a browser would read (WHATWG URL parsing: controls and tabs/newlines ignored)."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f "
    )
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


class Inspector(HTMLParser):
    """Collects every tag and attribute of sanitized output, as a browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            allowed = (
                ALLOWED_ATTRIBUTES.get(tag, set())
                | ADDED_BY_SANITIZER.get(tag, set())
                | GENERIC_ATTRIBUTES
            )
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = url_scheme(value)
                if scheme and scheme not in {"http", "https", "mailto"}:
                    self.problems.append(f"{name}={value!r}")


def problems_in(html):
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def test_allowed_markup_is_kept():
    """Paragraphs, headings, lists, links, emphasis, quotes, tables and footnote markers survive."""
    html = (
        '<h2>Context</h2><p>A <strong>strong</strong> and <em>quiet</em> claim.<sup data-citation="1">[1]</sup></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>Quoted.</p></blockquote>"
        '<table><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td>2026</td></tr></tbody></table>'
        '<p><a href="https://example.org/report">report</a> <a href="mailto:press@example.org">mail</a></p>'
    )
    cleaned = sanitize_html(html)
    for fragment in ["<h2>Context</h2>", "<strong>strong</strong>", '<sup data-citation="1">[1]</sup>',
                     "<blockquote>", '<th scope="col">Year</th>', 'href="https://example.org/report"',
                     'href="mailto:press@example.org"']:  # fmt: skip
        assert fragment in cleaned


def test_links_get_a_safe_rel_and_lose_script_urls():
    """Links open without giving the target page a handle on ours; javascript: links lose their href."""
    cleaned = sanitize_html(
        '<a href="https://example.org">x</a><a href="javascript:alert(1)">y</a>'
    )
    assert 'rel="noopener noreferrer"' in cleaned
    assert "javascript" not in cleaned


def test_images_only_from_our_media():
    """An image from another host loses its source; one from our media storage keeps it."""
    cleaned = sanitize_html(
        '<img src="https://tracker.example.net/p.gif"><img src="/media/articles/map.png" alt="Map">'
    )
    assert "tracker.example.net" not in cleaned
    assert 'src="/media/articles/map.png"' in cleaned


def test_disallowed_structure_is_dropped_but_text_kept():
    """Unknown tags vanish, their text stays; script and style contents vanish entirely."""
    cleaned = sanitize_html(
        "<div><span style='color:red'>kept</span></div><script>steal()</script><style>p{}</style>"
    )
    assert cleaned == "kept"


@pytest.mark.parametrize(
    "value", [None, "", "<", "<<>>", "\x00\x01", "<p" * 1000, "é" * 10000, b"<p>bytes</p>"]
)
def test_sanitization_never_raises(value):
    """Any input, however broken, gives a string back."""
    assert isinstance(sanitize_html(value), str)


def test_xss_corpus_leaves_nothing_executable():
    """Every payload of the shared XSS corpus, alone and inside markup, comes out inert."""
    payloads = xss_payloads()
    assert len(payloads) > 500
    failures = {}
    for payload in payloads:
        for html in (
            payload,
            f"<p>{payload}</p>",
            f'<a href="{payload}">x</a>',
            f'<img src="{payload}">',
        ):
            found = problems_in(sanitize_html(html))
            if found:
                failures[html] = found
    assert failures == {}


@pytest.mark.django_db
def test_rich_text_fields_are_sanitized_on_save(analysis):
    """Saving through the ORM stores the sanitized HTML in every language of every rich-text field."""
    article = Article.objects.create(
        article_type=analysis,
        title_en="Sanitized",
        body_en='<p onclick="steal()">Hello<script>alert(1)</script></p>',
        body_ru="<p>Привет<iframe src='https://evil.example'></iframe></p>",
    )
    person = Person.objects.create(
        given_name="A",
        family_name="B",
        slug="a-b",
        biography_tr="<p>Merhaba<svg onload=alert(1)></svg></p>",
    )
    article.refresh_from_db()
    person.refresh_from_db()
    assert article.body_en == "<p>Hello</p>"
    assert article.body_ru == "<p>Привет</p>"
    assert person.biography_tr == "<p>Merhaba</p>"
