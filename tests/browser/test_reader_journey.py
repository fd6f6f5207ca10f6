"""A Turkish reader's journey through the site, in a real browser, without English interface words."""

import re

import pytest

from tests.public_fixtures import english_interface_words

pytestmark = pytest.mark.django_db(transaction=True)


def assert_turkish(page):
    assert page.locator("html").get_attribute("lang") == "tr", page.url
    assert english_interface_words(page.content(), "tr") == [], page.url


def test_turkish_reader_goes_from_home_to_article_author_topic_and_english(turkish_page, site):
    """/ → /tr/ → article → its author → back to the article → a topic → the article in English."""
    page = turkish_page
    page.goto("/")
    assert page.url.endswith("/tr/")
    assert_turkish(page)

    page.get_by_role("link", name="Hazar’ın altından bir kablo").first.click()
    page.wait_for_url(re.compile(r"/tr/articles/hazarin-altindan-bir-kablo/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Hazar’ın altından bir kablo"
    assert page.get_by_text("Paylaş").first.is_visible()
    assert_turkish(page)

    page.locator(".byline").get_by_role("link", name="Dr. Ayla Demir").click()
    page.wait_for_url(re.compile(r"/tr/people/ayla-demir/$"))
    assert page.get_by_role("heading", name="Uzmanlık alanları").is_visible()
    assert_turkish(page)

    page.get_by_role("link", name="Hazar’ın altından bir kablo").click()
    page.wait_for_url(re.compile(r"/tr/articles/hazarin-altindan-bir-kablo/$"))
    page.locator(".terms").get_by_role("link", name="Enerji").click()
    page.wait_for_url(re.compile(r"/tr/topics/enerji/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Enerji"
    assert_turkish(page)

    page.get_by_role("link", name="Hazar’ın altından bir kablo").click()
    page.wait_for_url(re.compile(r"/tr/articles/hazarin-altindan-bir-kablo/$"))
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/articles/a-cable-under-the-caspian/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "A cable under the Caspian"
    assert page.locator("html").get_attribute("lang") == "en"


def test_skip_link_moves_focus_to_the_content(turkish_page, site):
    """Keyboard users reach the skip link first and land in the main content."""
    page = turkish_page
    page.goto("/tr/articles/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "İçeriğe geç"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
