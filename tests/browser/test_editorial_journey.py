"""The editorial journey in a real browser: a contributor writes and submits, an editor asks for a
change, the contributor fixes it, the editor publishes, and a reader finds it at its address."""

import pytest
from django.utils import timezone

from articles.models import Article, Status
from citations.models import Source
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

READY = "() => window.CKEDITOR && CKEDITOR.instances['{id}'] && CKEDITOR.instances['{id}'].status === 'ready'"


@pytest.fixture
def newsroom(make_user, analysis, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_user("carla", "Contributor", password="password")
    make_user("edith", "Editor", password="password")
    Person.objects.create(given_name="Ayla", family_name="Demir", slug="ayla-demir")
    Person.objects.create(given_name="Boris", family_name="Orlov", slug="boris-orlov")
    for index, title in enumerate(["Caspian cable deal", "Grid code draft", "Port traffic data"]):
        Source.objects.create(kind="web", title=title, url=f"https://example.org/source-{index}")


def log_in(page, url, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(url + "/admin/")


def choose(page, select_id, text):
    """Pick ``text`` in an admin autocomplete (select2) widget, as a user does."""
    page.locator(f"#{select_id} ~ .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def add_row(page, prefix):
    page.locator(f"#{prefix}-group .add-row a").click()


def set_body(page, html):
    page.wait_for_function(READY.format(id="id_body_en"))
    page.evaluate(
        "html => new Promise(r => CKEDITOR.instances['id_body_en'].setData(html, {callback: r}))",
        html,
    )


def test_contributor_to_reader(browser, page, live_server, newsroom):
    """Write with two authors and three notes, submit, get changes, fix, publish, read."""
    base = live_server.url
    accessed = (timezone.localdate() - timezone.timedelta(days=1)).isoformat()

    # The contributor writes the article.
    log_in(page, base, "carla")
    page.goto("/admin/articles/article/add/")
    page.select_option("#id_article_type", label="Analysis")
    page.fill("#id_title_en", "Cables under the Caspian")
    page.wait_for_function(READY.format(id="id_body_en"))
    page.frame_locator("#cke_id_body_en iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("A subsea cable would link two grids.")
    for index, name in enumerate(["Demir", "Orlov"]):
        add_row(page, "authorships")
        choose(page, f"id_authorships-{index}-person", name)
    for index, title in enumerate(["Caspian cable deal", "Grid code draft", "Port traffic data"]):
        add_row(page, "citations")
        page.fill(f"#id_citations-{index}-number", str(index + 1))
        choose(page, f"id_citations-{index}-source", title)
        page.fill(f"#id_citations-{index}-accessed_on", accessed)
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    article = Article.objects.get()
    assert article.created_by.username == "carla"
    assert article.authorships.count() == 2 and article.citations.count() == 3
    page.click(".workflow-submit button")
    page.wait_for_load_state()
    assert Article.objects.get().status == Status.IN_REVIEW
    assert page.locator("input[name=_save]").count() == 0  # read-only while in review

    # The editor asks for a change.
    editor_context = browser.new_context(base_url=base, locale="en-US")
    editor = editor_context.new_page()
    log_in(editor, base, "edith")
    assert "Cables under the Caspian" in editor.locator("#waiting-for-review").inner_text()
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    editor.fill("#id_workflow_comment", "Name the two grids in the first sentence.")
    editor.click(".workflow-request_changes button")
    editor.wait_for_load_state()
    assert Article.objects.get().status == Status.DRAFT

    # The contributor sees it returned, fixes the body and submits again.
    page.goto("/admin/")
    returned = page.locator("#returned-to-me").inner_text()
    assert "Cables under the Caspian" in returned and "Name the two grids" in returned
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    set_body(page, "<p>A subsea cable would link the Azerbaijani and Kazakh grids.</p>")
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    assert "Kazakh" in Article.objects.get().body_en
    page.click(".workflow-submit button")
    page.wait_for_load_state()
    assert Article.objects.get().status == Status.IN_REVIEW

    # The editor publishes.
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    editor.click(".workflow-publish button")
    editor.click("#confirm-button")  # after reading what readers will see
    editor.wait_for_load_state()
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED
    editor_context.close()

    # A reader finds it.
    reader_context = browser.new_context(base_url=base, locale="en-US")
    reader = reader_context.new_page()
    response = reader.goto(article.get_absolute_url("en"))
    assert response.status == 200
    text = reader.locator("main").inner_text()
    assert "Cables under the Caspian" in text and "Azerbaijani and Kazakh grids" in text
    assert "Ayla Demir" in text and "Boris Orlov" in text
    for title in ["Caspian cable deal", "Grid code draft", "Port traffic data"]:
        assert title in text
    reader_context.close()
