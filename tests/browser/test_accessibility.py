"""Every public page type, in every language, has no axe violations in a real Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.public_pages import all_page_urls

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_page_has_no_axe_violations(page, site):
    """Home, list, article, people, person, topic, region, search and 404 pages in en/tr/ru pass axe."""
    axe = Axe()
    problems = {}
    for name, url in all_page_urls(site).items():
        page.goto(url)
        result = axe.run(page)
        if result.violations_count:
            problems[name] = result.generate_report()
    assert problems == {}, "\n\n".join(f"{name}:\n{report}" for name, report in problems.items())


def test_axe_reports_a_broken_page(page, live_server):
    """The check can fail: a page without a title, language or image description has violations."""
    page.goto(live_server.url + "/healthz")
    page.set_content("<html><body><img src='x.png'><a href='/'></a></body></html>")
    assert Axe().run(page).violations_count > 0
