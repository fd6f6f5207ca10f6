"""A Word document to a published article in a real browser: an editor uploads a .docx with
three footnotes (English, Turkish and Russian references), reviews what was read, adds the
author, publishes, and a reader sees the notes with their access dates."""

import pytest

from articles.models import Article, Status
from people.models import Person
from tests.browser.test_editorial_journey import choose, log_in
from tests.word_files import three_footnote_analysis

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom(make_user, analysis, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_user("edith", "Editor", password="password")
    Person.objects.create(given_name="Ayla", family_name="Demir", slug="ayla-demir")


def test_word_document_to_reader(page, live_server, newsroom, tmp_path):
    """Upload, review three structured citations, add the author, publish, read."""
    document = tmp_path / "cables.docx"
    document.write_bytes(three_footnote_analysis())
    log_in(page, live_server.url, "edith")
    page.goto("/admin/importers/importrecord/")
    page.click("text=Import a Word document")
    page.set_input_files("#id_file", str(document))
    page.select_option("#id_language", "en")
    page.select_option("#id_article_type", label="Analysis")
    page.click("#word-import input[type=submit]")
    page.wait_for_selector("#parsed-citations")
    review = page.locator("#parsed-citations").inner_text()
    for title in ["Grid links across the Caspian", "Hazar’da enerji koridoru", "Пример-Медиа"]:
        assert title in review
    assert page.locator("#parsed-citations tbody tr").count() == 3

    page.click("#edit-imported")
    page.wait_for_url("**/change/")
    page.locator("#authorships-group .add-row a").click()
    choose(page, "id_authorships-0-person", "Demir")
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    page.click(".workflow-publish button")
    page.click("#confirm-button")
    page.wait_for_load_state()
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED

    reader = page.context.new_page()
    response = reader.goto(article.get_absolute_url("en"))
    assert response.status == 200
    text = reader.locator("main").inner_text()
    assert "Cables under the Caspian" in text and "What changed" in text
    assert "Ayla Demir" in text
    for expected in ["Grid links across the Caspian", "Энергетический мост через Каспий",
                     "01.07.2024", "15.03.2024", "02.02.2024"]:  # fmt: skip
        assert expected in text
    assert reader.locator("sup a, sup[data-citation], a[href^='#fn']").count() >= 3
