"""No page, list, count, similar box, person page or switcher reveals what readers may not see."""

import pytest

from tests.public_fixtures import LANGS, SENTINELS

pytestmark = pytest.mark.django_db


def pages(client, site, lang):
    urls = list(site.urls(lang).values()) + [
        f"/{lang}/articles/?topic={site.energy.slug_en if lang == 'en' else getattr(site.energy, f'slug_{lang}')}",
        f"/{lang}/articles/?type={getattr(site.analysis, f'slug_{lang}')}",
        f"/{lang}/people/oleg-sokolov/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_drafts_and_scheduled_articles_appear_on_no_page(client, site, lang):
    """Neither the draft nor the scheduled article shows anywhere, in any language."""
    for url, page in pages(client, site, lang):
        for sentinel in SENTINELS:
            assert sentinel not in page, (url, sentinel)
        for article in (site.draft, site.scheduled):
            assert getattr(article, f"slug_{lang}") not in page, url


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_untranslated_articles_appear_on_no_page_of_other_languages(client, site, lang):
    """The English-only article is absent from every Turkish and Russian page."""
    for url, page in pages(client, site, lang):
        assert "Sentinel English only" not in page, url
        assert site.english_only.slug_en not in page, url


def test_russian_pages_never_mention_an_article_missing_in_russian(client, site):
    """The English–Turkish article is absent from Russian lists, the similar box and switchers."""
    for url, page in pages(client, site, "ru"):
        assert "Şebekeler" not in page and "Grids and wind" not in page, url


def test_pages_hold_only_live_articles(client, site, monkeypatch):
    """Pages hold live articles only: drafts and scheduled ones do not add pages."""
    from articles.public.views import ArticleListView, TopicView

    monkeypatch.setattr(ArticleListView, "paginate_by", 1)
    monkeypatch.setattr(TopicView, "paginate_by", 1)
    for last_page in (
        "/en/articles/?page=3",
        "/en/topics/energy/?page=3",
        "/tr/topics/enerji/?page=2",
    ):
        assert 'rel="next"' not in client.get(last_page).content.decode(), last_page
    for past_the_end in (
        "/en/articles/?page=4",
        "/en/topics/energy/?page=4",
        "/tr/topics/enerji/?page=3",
    ):
        assert client.get(past_the_end).status_code == 404, past_the_end


def test_year_filter_offers_only_years_with_live_articles(client, site):
    """The year choices come from live articles of the language only."""
    page = client.get("/ru/articles/").content.decode()
    assert '<option value="2024">' in page and '<option value="2023">' not in page


@pytest.mark.parametrize("lang", LANGS)
def test_draft_and_scheduled_pages_do_not_exist(client, site, lang):
    """The draft and the scheduled article answer 404 at their own addresses."""
    for article in (site.draft, site.scheduled):
        assert (
            client.get(f"/{lang}/articles/{getattr(article, f'slug_{lang}')}/").status_code == 404
        )


def test_other_language_slug_of_a_draft_does_not_redirect(client, site):
    """A draft's English slug under /tr/ is a 404, not a redirect revealing its Turkish slug."""
    assert client.get(f"/tr/articles/{site.draft.slug_en}/").status_code == 404
