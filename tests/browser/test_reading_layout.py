"""Layout facts a reader notices, in a real Chromium at a phone's (390 px) and a desktop's
(1280 px) width: nothing scrolls sideways, the article keeps a readable measure, the language
switcher says where an article is not available, the hero image is what the reader sees first
(the largest contentful paint), and the pages stay axe-clean."""

import pytest
from axe_playwright_python.sync_playwright import Axe

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


@pytest.mark.parametrize("width", WIDTHS)
def test_the_hero_image_is_the_largest_contentful_paint(page, site, editor, width):
    """An article with a hero image: at 390 and 1280 px the image is the page's largest
    contentful paint (served as a rendition the width of the screen, fetched first)."""
    image = library_image(data=images.photo())

    def with_hero(article):
        article.hero = image
        article.save()

    article = make_live_article(
        editor, site.analysis, [site.author], titles={"en": "Cables under the sea"},
        compose=with_hero,
    )  # fmt: skip
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(article.get_absolute_url("en"))
    page.wait_for_load_state("load")
    assert "article-hero" in page.evaluate(LARGEST_PAINT)
    assert page.evaluate("() => document.querySelector('.article-hero img').currentSrc") != ""
