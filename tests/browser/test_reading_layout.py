"""Layout facts a reader notices, in a real Chromium at a phone's (390 px) and a desktop's
(1280 px) width: nothing scrolls sideways, the article keeps a readable measure, the language
switcher says where an article is not available, the hero image is what the reader sees first
(the largest contentful paint), and the pages stay axe-clean."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import Highlight
from tests import images
from tests.library_fixtures import library_image
from tests.public_fixtures import make_live_article

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 1280)
LONG_TITLE = "Supercalifragilistic" * 6  # 120 characters without a place to break


def pages(site, long_article):
    return {
        "home": "/en/",
        "article": site.urls("en")["article"],
        "long-title": long_article.get_absolute_url("en"),
        "list": "/en/articles/",
        "topics": "/en/topics/",
        "person": "/en/people/ayla-demir/",
        "search": "/en/search/?q=cable",
        "not-in-russian": "/ru/articles/sentinel-english-only/",
    }


@pytest.fixture
def long_article(site, editor):
    return make_live_article(editor, site.analysis, [site.author], titles={"en": LONG_TITLE})


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(page, site, long_article, width):
    """At 390 and 1280 px no page is wider than the screen, even with a 120-character word."""
    page.set_viewport_size({"width": width, "height": 900})
    wide = {}
    for name, url in pages(site, long_article).items():
        page.goto(url)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide[name] = overflow
    assert wide == {}


# Characters per line of the article's first paragraph: its width over the average width of its
# own characters set in its own font.
MEASURE = """() => {
  const p = document.querySelector('.article-body p');
  const length = p.textContent.length;
  const probe = document.createElement('span');
  probe.style.cssText = 'position: absolute; white-space: nowrap; overflow-wrap: normal';
  probe.textContent = p.textContent;
  p.appendChild(probe);
  const perChar = probe.getBoundingClientRect().width / length;
  probe.remove();
  return p.getBoundingClientRect().width / perChar;
}"""


def test_article_keeps_a_reading_measure_on_a_desktop(page, site, editor):
    """At 1280 px the article text runs 60 to 80 characters a line; the side carries the authors."""
    article = make_live_article(
        editor,
        site.analysis,
        [site.author],
        titles={"en": "Measure"},
        bodies={
            "en": "<p>" + "Grids, cables and the long politics of shared power. " * 12 + "</p>"
        },
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(article.get_absolute_url("en"))
    assert 60 <= page.evaluate(MEASURE) <= 80
    body = page.locator(".article-body").bounding_box()
    aside = page.locator(".article-aside").bounding_box()
    assert aside["x"] > body["x"] + body["width"]  # beside the text, not below it
    assert page.locator(".article-aside").get_by_text("Dr. Ayla Demir").is_visible()


def test_switcher_shows_where_an_article_is_not_available(page, site):
    """On an English-only article the switcher greys out the other languages and says so."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/en/articles/sentinel-english-only/")
    note = page.locator(".language-note")
    assert note.is_visible()
    assert note.inner_text() == "Not available in Türkçe, Русский"
    assert page.locator(".language-switcher a").count() == 0
    page.goto("/ru/articles/sentinel-english-only/")
    assert page.get_by_role("link", name="English").first.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_have_no_axe_violations_at_both_widths(page, site, long_article, width):
    """The redesigned pages, at a phone's and a desktop's width, pass axe."""
    page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    problems = {}
    for name, url in pages(site, long_article).items():
        page.goto(url)
        result = axe.run(page)
        if result.violations_count:
            problems[name] = result.generate_report()
    assert problems == {}, "\n\n".join(f"{name}:\n{report}" for name, report in problems.items())


# The element of the page's largest contentful paint, as Chromium reports it.
LARGEST_PAINT = """() => new Promise(resolve => {
  // The last candidate Chromium reports within three seconds (a candidate may follow a first
  // one once the image is decoded).
  let latest = '';
  new PerformanceObserver(list => {
    const element = list.getEntries().at(-1).element;
    latest = element ? (element.closest('figure') || element).className || element.tagName : '';
    if (latest.includes('article-hero')) resolve(latest);
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(latest), 3000);
})"""


HIGHLIGHTS = [
    "Demand for several critical raw materials could triple by 2030, while processing stays "
    "concentrated.",
    "Central Asia has the deposits; the bottleneck is processing capacity and investment.",
    "Europe should offer offtake agreements and co-financing for refining in the region.",
]


@pytest.mark.parametrize("viewport", [(390, 844), (412, 823), (1280, 900)])
def test_the_hero_image_is_the_largest_contentful_paint(page, site, editor, viewport):
    """An article with a hero image and a tall header (a long title, highlights, two authors,
    share links, another language): on a phone (390 px, and Lighthouse's 412 × 823) the hero
    leads the article, edge to edge above the title, and on a desktop it follows the header;
    at each width it is the page's largest contentful paint (a rendition the width of the
    screen, fetched first)."""
    image = library_image(data=images.photo())

    def with_hero_and_highlights(article):
        article.hero = image
        article.save()
        for order, text in enumerate(HIGHLIGHTS):
            Highlight.objects.create(article=article, sort_order=order, text_en=text)

    article = make_live_article(
        editor, site.analysis, [site.author, site.coauthor],
        titles={"en": "Critical Minerals and Europe's Industrial Policy: What Central Asia Can Offer"},
        compose=with_hero_and_highlights,
    )  # fmt: skip
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    page.goto(article.get_absolute_url("en"))
    page.wait_for_load_state("load")
    assert "article-hero" in page.evaluate(LARGEST_PAINT)
    assert page.evaluate("() => document.querySelector('.article-hero img').currentSrc") != ""
    hero = page.locator(".article-hero img").bounding_box()
    title = page.locator(".article-header h1").bounding_box()
    if width < 1024:
        assert hero["y"] < title["y"] and hero["width"] == width  # first, edge to edge
        assert hero["y"] + hero["height"] <= height  # whole in the first screen
    else:
        assert hero["y"] > title["y"]
