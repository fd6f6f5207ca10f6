"""Shared preview links in a real browser: an editor shares a link, a reviewer reads the draft,
the editor revokes the links, and the reviewer's link then explains itself on an accessible page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom(make_user, make_article, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_user("edith", "Editor", password="password")
    return make_article(published=False, title_en="Caspian grid draft", slug_en="grid-draft")


def test_reviewer_link_stops_working_when_the_editor_revokes_it(
    browser, page, live_server, log_in, newsroom
):
    """The reviewer reads the draft through the link; after “Revoke all shared links” the same
    link answers 410 with a page saying it was withdrawn, with no axe violations."""
    article = Article.objects.get()
    log_in("edith")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator(".preview-links summary").click()
    shared_url = page.locator(".preview-links li[lang='en'] input").input_value()
    assert "/preview/shared/" in shared_url

    reviewer = browser.new_context(locale="en-US")
    reviewer_page = reviewer.new_page()
    try:
        response = reviewer_page.goto(shared_url)
        assert response.status == 200
        assert reviewer_page.locator("h1").inner_text() == "Caspian grid draft"

        page.get_by_role("button", name="Revoke all shared links").click()
        page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
        assert page.locator(".messagelist .success").count() == 1
        page.locator(".preview-links summary").click()
        assert page.locator(".preview-links li[lang='en'] input").input_value() != shared_url

        response = reviewer_page.goto(shared_url)
        assert response.status == 410
        assert reviewer_page.locator(".preview-unavailable h1").is_visible()
        assert "Caspian grid draft" not in reviewer_page.content()
        result = Axe().run(reviewer_page)
        assert result.violations_count == 0, result.generate_report()
    finally:
        reviewer.close()
