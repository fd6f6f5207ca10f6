"""A Turkish translator's start page in a real browser: only their own work, in Turkish, each
item opening the translation, and nothing of the editorial desk."""

import pytest

from articles.models import Article, ArticleType
from articles.translations import status
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def work(make_user, make_translator, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    editor = make_user("edith", "Editor", password="password")
    tuna = make_translator("tuna", "tr", password="password")
    analysis = ArticleType.objects.create(name_en="Analysis", slug_en="analysis")
    article = Article(
        article_type=analysis, title_en="Cables under the Caspian", body_en="<p>Two grids.</p>"
    )
    article.full_clean()
    article.save()
    status.request_translation(article, ["tr"], by=editor)
    person = Person.objects.create(
        given_name="Oleg", family_name="Sokolov", slug="oleg-sokolov", position_en="Researcher"
    )
    status.save_translation(person, "tr", by=tuna, values={"position_tr": "araştırmacı"})
    status.mark_ready(person, "tr", by=tuna)
    status.return_translation(person, "tr", by=editor, comment="Büyük harfle başlayın.")
    return article, person


def test_turkish_translator_sees_only_their_work(turkish_page, live_server, work):
    article, person = work
    page = turkish_page
    page.goto("/admin/login/")
    page.fill("#id_username", "tuna")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    assert page.locator("html").get_attribute("lang") == "tr"
    dashboard = page.locator("#translator-dashboard")
    assert dashboard.locator("h2").all_inner_texts()[:4] == [
        "Bana geri gönderilenler",
        "Çevirinizi bekleyenler",
        "Devam ediyor",
        "Güncellenmeli",
    ]
    returned = page.locator("#work-returned").inner_text()
    assert "Oleg Sokolov" in returned and "Büyük harfle başlayın." in returned
    assert "Cables under the Caspian" in page.locator("#work-waiting").inner_text()
    assert page.locator("#editorial-dashboard, #recent-actions, .app-articles").count() == 0

    page.locator("#work-waiting").get_by_role("link", name="Cables under the Caspian").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/translate/tr/")
    assert page.locator("label[for=id_title_tr]").inner_text() == "Başlık"
    assert page.locator("#source-body_tr p").inner_text() == "Two grids."
