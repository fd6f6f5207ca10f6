"""Draft and live in a real browser.

An editor edits a published article and readers still see the published one; a reviewer sees
the difference and publishes it as a correction with a note in English and Turkish, which the
page, the Atom feed and /en/corrections/ then show. A Turkish translator edits the approved
Turkish text and /tr/ keeps the old text until the editor approves the new one.
"""

import feedparser
import pytest
from django.utils import timezone

from articles.editorial.transitions import publish
from articles.models import Article, ArticleType, Authorship
from articles.translations import status as translations
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

READY = "() => window.CKEDITOR && CKEDITOR.instances['{id}'] && CKEDITOR.instances['{id}'].status === 'ready'"


@pytest.fixture
def live_article(make_user, make_translator, settings):
    """An article live in English and Turkish, the Turkish approved."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    editor = make_user("edith", "Editor", password="password")
    make_user("rosa", "Editor", password="password")
    make_translator("tuna", "tr", password="password")
    analysis = ArticleType.objects.create(
        name_en="Analysis", slug_en="analysis", name_tr="Analiz", slug_tr="analiz"
    )
    article = Article(
        article_type=analysis,
        title_en="Cables under the Caspian",
        body_en="<p>A subsea cable of 300 km would link two grids.</p>",
        title_tr="Hazar’ın altında kablolar",
        body_tr="<p>300 km’lik bir deniz altı kablosu iki şebekeyi bağlayacak.</p>",
        created_by=editor,
    )
    article.full_clean()
    article.save()
    person = Person.objects.create(given_name="Ayla", family_name="Demir", slug="ayla-demir")
    Authorship.objects.create(article=article, person=person)
    translations.approve(article, ["tr"], by=editor)
    publish(article, by=editor, at=timezone.now() - timezone.timedelta(hours=1))
    return article


def log_in(browser, base, username):
    context = browser.new_context(base_url=base, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    return page


def set_body(page, field, html):
    page.wait_for_function(READY.format(id=field))
    page.evaluate(
        "([field, html]) => new Promise(r => CKEDITOR.instances[field].setData(html, {callback: r}))",
        [field, html],
    )


def reader_text(browser, base, path):
    context = browser.new_context(base_url=base, locale="en-US")
    page = context.new_page()
    response = page.goto(path)
    text = page.locator("main").inner_text() if response.status == 200 else ""
    context.close()
    return response.status, text


def test_a_correction_from_edit_to_readers(browser, live_server, live_article):
    """Edit, readers unchanged, reviewer sees the difference, publishes a correction with notes
    in English and Turkish; the page, the Atom feed and the corrections log show it."""
    base = live_server.url
    english = live_article.get_absolute_url("en")
    change = f"/admin/articles/article/{live_article.pk}/change/"

    editor = log_in(browser, base, "edith")
    editor.goto(change)
    set_body(editor, "id_body_en", "<p>A subsea cable of 380 km would link two grids.</p>")
    editor.click("input[name=_continue]")
    editor.wait_for_url("**/change/")
    assert "Published, changes pending" in editor.locator(".workflow-status").inner_text()
    status, text = reader_text(browser, base, english)
    assert status == 200 and "300 km" in text and "380 km" not in text

    reviewer = log_in(browser, base, "rosa")
    reviewer.goto(change)
    pending = reviewer.locator("#pending-changes").inner_text()
    assert "380" in pending and "300" in pending
    form = reviewer.locator("form.workflow-publish_changes")
    form.locator("input[name=kind][value=correction]").check()
    form.locator("textarea[name=note_en]").fill("The cable is 380 km long, not 300 km.")
    form.locator("textarea[name=note_tr]").fill("Kablo 300 değil 380 km uzunluğunda.")
    form.locator("button").click()
    reviewer.click("#confirm-button")  # after reading what readers will see
    reviewer.wait_for_load_state()
    assert "Published" in reviewer.locator(".workflow-status").inner_text()

    status, text = reader_text(browser, base, english)
    assert "380 km" in text and "The cable is 380 km long, not 300 km." in text
    status, text = reader_text(browser, base, live_article.get_absolute_url("tr"))
    assert "Kablo 300 değil 380 km uzunluğunda." in text
    status, text = reader_text(browser, base, "/en/corrections/")
    assert "The cable is 380 km long" in text and "Cables under the Caspian" in text
    feed_page = browser.new_context(base_url=base).new_page()
    atom = feedparser.parse(feed_page.goto("/en/feed/atom/").text())
    assert atom.entries[0].updated_parsed > atom.entries[0].published_parsed


def test_a_translators_edit_waits_for_the_editor(browser, live_server, live_article):
    """The translator changes the approved Turkish text: /tr/ keeps the old text until the
    editor approves the new one."""
    base = live_server.url
    turkish = live_article.get_absolute_url("tr")
    translator = log_in(browser, base, "tuna")
    translator.goto(f"/admin/articles/article/{live_article.pk}/translate/tr/")
    translator.fill("#id_title_tr", "Hazar’ın altında yeni kablolar")
    translator.click("input[name=_ready]")
    translator.wait_for_load_state()
    status, text = reader_text(browser, base, turkish)
    assert "Hazar’ın altında kablolar" in text and "yeni kablolar" not in text

    editor = log_in(browser, base, "edith")
    editor.goto(f"/admin/articles/article/{live_article.pk}/change/")
    editor.locator("#translation-tr form.translation-approve button").click()
    editor.wait_for_load_state()
    status, text = reader_text(browser, base, turkish)
    assert "Hazar’ın altında yeni kablolar" in text
