"""The Content-Security-Policy in a real Chromium: readers' pages raise no violation, fresh or
from the page cache; an inline script that got past the sanitizer is blocked and reported."""

import pytest

from articles.models import Article
from tests.browser.public_pages import all_page_urls

pytestmark = pytest.mark.django_db(transaction=True)

# Collects every violation the page reports, before any of its own scripts run.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sample);
});
"""
CANARY = "<script>window.__canary = 'ran';</script>"


def violations(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(100)  # violation events are queued as tasks
    return page.evaluate("window.__violations")


def console_errors(page):
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def test_public_pages_raise_no_violation_fresh_or_cached(page, site):
    """Every page type in en/tr/ru, built and then answered from the cache: no violation."""
    page.add_init_script(LISTEN)
    errors = console_errors(page)
    found = {}
    for name, url in all_page_urls(site).items():
        visits = []
        for _attempt in range(4):  # built, then (another test's invalidation aside) cached
            response = page.goto(url)
            assert "script-src 'self'" in response.headers["content-security-policy"], name
            visits.append(response.headers.get("x-page-cache"))
            reported = violations(page)
            if reported:
                found[f"{name} ({visits[-1]})"] = reported
            if visits[-1] != "miss":  # a hit, or a page never cached (search, 404)
                break
        if not name.endswith(("-search", "-404")):
            assert visits[0] == "miss" and visits[-1] == "hit", (name, visits)
    assert found == {} and errors == [], (found, errors)


def test_inline_script_past_a_disabled_sanitizer_is_blocked_on_the_preview(
    page, site, editor, log_in, monkeypatch
):
    """With the sanitizer switched off, a script stored in a body reaches the editor's preview,
    and the policy stops it (and reports it)."""
    monkeypatch.setattr("thinktank.richtext.sanitize_html", lambda html: str(html or ""))
    Article.objects.filter(pk=site.draft.pk).update(body_en=f"<p>Draft.</p>{CANARY}")
    log_in("editor")
    page.add_init_script(LISTEN)
    page.goto(f"/preview/articles/{site.draft.pk}/en/")
    assert page.locator("script:not([src]):not([type])").count() == 1  # the injection is there
    reported = violations(page)
    assert page.evaluate("window.__canary") is None
    assert any(line.startswith("script-src") and "inline" in line for line in reported), reported


def test_admin_policy_blocks_an_injected_inline_script(page, site, editor, log_in):
    """The admin's own policy, as the server sends it, stops an inline script added to the page
    (as text that slipped past the sanitizer would be), while the admin's own scripts run."""
    log_in("editor")

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</body>", CANARY + "</body>")
        route.fulfill(response=response, body=body)

    page.route("**/admin/articles/article/", inject)
    page.add_init_script(LISTEN)
    errors = console_errors(page)
    page.goto("/admin/articles/article/")
    reported = violations(page)
    assert page.evaluate("window.__canary") is None
    assert any(line.startswith("script-src") and "inline" in line for line in reported), reported
    assert page.evaluate("typeof window.django") == "object"  # admin scripts from 'self' ran
    assert errors  # Chromium says so in the console too


def test_public_policy_blocks_an_injected_inline_script_on_a_cached_page(page, site):
    """The same on a reader's page answered from the cache."""
    url = site.urls("en")["article"]
    page.goto(url)  # fills the cache

    def inject(route):
        response = route.fetch()
        assert response.headers["x-page-cache"] == "hit"
        route.fulfill(
            response=response, body=response.text().replace("</main>", CANARY + "</main>")
        )

    page.route(f"**{url}", inject)
    page.add_init_script(LISTEN)
    page.goto(url)
    reported = violations(page)
    assert page.evaluate("window.__canary") is None
    assert any(line.startswith("script-src") for line in reported), reported
