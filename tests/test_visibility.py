"""What readers can see: one queryset decides, and the pages follow it."""

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_draft_is_not_live(make_article):
    """An unpublished draft is invisible in every language."""
    make_article(published=False)
    assert not Article.objects.live("en").exists()


def test_scheduled_article_goes_live_at_its_time(make_article):
    """An article scheduled for a future time appears exactly then, with no job to run."""
    at = timezone.now() + timezone.timedelta(days=2)
    article = make_article(publish_at=at)
    assert article not in Article.objects.live("en")
    assert article not in Article.objects.live("en", at=at - timezone.timedelta(seconds=1))
    assert article in Article.objects.live("en", at=at)


def test_article_is_live_only_in_languages_it_is_written_in(make_article):
    """An English-only article is not live in Turkish or Russian."""
    article = make_article()
    assert article in Article.objects.live("en")
    assert article not in Article.objects.live("tr")
    assert article not in Article.objects.live("ru")


def test_home_lists_only_live_articles_of_its_language(client, make_article):
    """The Turkish home shows the Turkish article, not the English-only one nor the draft."""
    make_article(title_en="Both languages", title_tr="İki dilde", body_tr="<p>Metin.</p>")
    make_article(title_en="English only")
    make_article(title_en="Still a draft", published=False)
    tr_page = client.get("/tr/").content.decode()
    en_page = client.get("/en/").content.decode()
    assert "İki dilde" in tr_page and "English only" not in tr_page
    assert (
        "Both languages" in en_page and "English only" in en_page and "Still a draft" not in en_page
    )


def test_article_page_exists_only_where_live(client, make_article):
    """The English page answers 200; the untranslated Russian one and a draft answer 404."""
    make_article(title_en="Grid links", slug_en="grid-links")
    make_article(title_en="Draft", slug_en="draft", published=False)
    assert client.get("/en/articles/grid-links/").status_code == 200
    assert client.get("/ru/articles/grid-links/").status_code == 404
    assert client.get("/en/articles/draft/").status_code == 404


def test_other_languages_slug_redirects_permanently(client, make_article):
    """The Turkish address with the English slug moves to the Turkish slug (301)."""
    make_article(
        slug_en="grid-links",
        title_tr="Şebeke bağlantıları",
        slug_tr="sebeke-baglantilari",
        body_tr="<p>x</p>",
    )
    response = client.get("/tr/articles/grid-links/")
    assert response.status_code == 301
    assert response["Location"] == "/tr/articles/sebeke-baglantilari/"


def test_root_redirects_by_accept_language(client):
    """A Russian browser landing on / goes to /ru/; an unknown language goes to /en/."""
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").headers["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").headers["Location"] == "/en/"


def test_healthz_answers_when_database_does(client):
    """The health check reports ok with status 200."""
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
