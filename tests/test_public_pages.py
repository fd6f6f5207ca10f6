"""The public reading site: every page type in every language, and what each page shows."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from articles.editorial.publishing import refresh_pending_changes
from articles.editorial.transitions import publish_changes
from articles.public.views import ArticleListView
from tests.public_fixtures import LANGS, PUBLISHED_AT, make_live_article

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def only_first_party_scripts(page):
    """Pages work without JavaScript; the little there is comes from our own static files.

    JSON-LD blocks (``type="application/ld+json"``) are data for machines, never run."""
    scripts = [
        tag for tag in re.findall(r"<script[^>]*>", page) if 'type="application/ld+json"' not in tag
    ]
    return all(re.search(r'src="/static/[^"]+"', tag) for tag in scripts)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["home", "list", "article", "people", "person", "topic", "region"])
def test_every_page_type_answers_in_every_language(client, site, lang, kind):
    """Home, list, article, people, person, topic and region pages answer 200 in en, tr and ru."""
    page = html(client, site.urls(lang)[kind])
    assert f'<html lang="{lang}" dir="ltr">' in page
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in page
    assert '<a class="skip-link" href="#main">' in page and 'id="main"' in page
    assert only_first_party_scripts(page)


def test_article_page_shows_its_parts_in_the_reference_order(client, site):
    """Breadcrumbs, type, title, highlights, authors, dates and reading time, share, languages,
    body, notes, author box, similar; the side column carries the authors and downloads."""
    page = html(client, site.urls("en")["article"])
    parts = [
        '<nav class="breadcrumbs"',
        '<a href="/en/articles/?type=analysis">Analysis</a>',
        "<h1>A cable under the Caspian</h1>",
        "<li>The cable would link two grids.</li>",
        '<span class="byline-label">Authors:</span>',
        "Dr. Ayla Demir</a>",
        "Oleg Sokolov</a>",
        'Published <time datetime="2024-07-10T09:00:00+0000">July 10, 2024</time>',
        "1 minute read",
        "https://x.com/intent/post?url=",
        "Also available in",
        "Ministers from both shores met in Baku",
        '<h2 id="footnotes-title">Notes</h2>',
        'class="author-box"',
        '<aside class="article-aside"',
        "Citation (BibTeX)",
        "Similar publications",
    ]
    positions = [page.index(part) for part in parts]
    assert positions == sorted(positions)
    assert "<article" in page and "<aside" in page


def test_share_links_are_plain_links_to_six_services(client, site):
    """X, Facebook, LinkedIn, Telegram, WhatsApp and e-mail links carry the page URL; no scripts."""
    page = html(client, site.urls("en")["article"])
    share = page[page.index('class="share"') : page.index("</nav>", page.index('class="share"'))]
    for prefix in (
        "https://x.com/intent/post?url=http%3A%2F%2Ftestserver%2Fen%2Farticles%2Fa-cable-under-the-caspian%2F",
        "https://www.facebook.com/sharer/sharer.php?u=",
        "https://www.linkedin.com/sharing/share-offsite/?url=",
        "https://t.me/share/url?url=",
        "https://wa.me/?text=",
        "mailto:?subject=A%20cable%20under%20the%20Caspian",
    ):
        assert prefix in share
    assert only_first_party_scripts(page) and "<iframe" not in page


def test_footnote_markers_link_to_their_notes_and_back(client, site):
    """Each [n] in the body links to note n, and note n links back to its marker."""
    page = html(client, site.urls("en")["article"])
    for number in (1, 2):
        assert f'<a id="fnref-{number}" href="#fn-{number}" role="doc-noteref"' in page
        assert f'<li id="fn-{number}" value="{number}">' in page
        assert f'<a class="fn-back" href="#fnref-{number}" role="doc-backlink"' in page


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Date of Access"), ("tr", "Erişim Tarihi"), ("ru", "Дата обращения")]
)
def test_footnotes_read_like_the_reference_with_a_translated_label(client, site, lang, label):
    """A note is “Title”, Outlet, URL, (Date of Access: dd.mm.yyyy). and its back-link, the label
    in the page's language; no archive link where no snapshot was recorded."""
    page = html(client, site.urls(lang)["article"])
    assert (
        "“Ministers agree on a subsea cable”, Example Times, "
        '<a href="https://news.example.org/c">https://news.example.org/c</a>, '
        f'({label}: 01.07.2024). <a class="fn-back" href="#fnref-'
    ) in page
    assert "archived-copy" not in page


@pytest.mark.parametrize(
    ("lang", "date"), [("en", "July 10, 2024"), ("tr", "10 Temmuz 2024"), ("ru", "10 июля 2024 г.")]
)
def test_dates_are_formatted_for_the_page_language(client, site, lang, date):
    """The publication date is written the way each language writes dates."""
    assert date in html(client, site.urls(lang)["article"])


def test_updated_date_appears_only_when_changed_after_publication(client, site, editor):
    """An article updated days after publication shows “Updated”; an untouched one does not."""
    url = site.urls("en")["article"]
    assert "Updated" not in html(client, url)
    notes = {"en": "Figures revised.", "tr": "Rakamlar güncellendi.", "ru": "Цифры обновлены."}
    with time_machine.travel(PUBLISHED_AT + datetime.timedelta(days=5), tick=False):
        site.main.summary_en = "Why a subsea cable matters, with revised figures."
        site.main.save()
        refresh_pending_changes(site.main)
        publish_changes(site.main, by=editor, kind="update", notes=notes)
    assert 'Updated <time datetime="2024-07-15T09:00:00+0000">July 15, 2024</time>' in html(
        client, url
    )


def test_reading_time_grows_with_the_text(client, site, editor):
    """A 1,100-word article reads in 5 minutes."""
    article = make_live_article(
        editor,
        site.analysis,
        [site.author],
        titles={"en": "Long read"},
        bodies={"en": "<p>" + "word " * 1100 + "</p>"},
    )
    assert "5 minute read" in html(client, article.get_absolute_url("en"))


def test_also_available_names_only_live_languages_by_native_name(client, site):
    """The English-Turkish article offers Türkçe, never Русский; an English-only one offers none."""
    page = html(client, site.sibling.get_absolute_url("en"))
    available = page[page.index("Also available in") :]
    available = available[: available.index("</p>")]
    assert ">Türkçe</a>" in available and "Русский" not in available and "English" not in available
    assert "Also available in" not in html(client, site.english_only.get_absolute_url("en"))


def test_similar_articles_share_topics_in_the_same_language(client, site):
    """The similar box lists live articles sharing a topic, in the page's language only."""
    page = html(client, site.urls("en")["article"])
    similar = page[page.index('class="similar"') :]
    assert "Grids and wind" in similar and "Sentinel English only" in similar
    tr_page = html(client, site.urls("tr")["article"])
    tr_similar = tr_page[tr_page.index('class="similar"') :]
    assert "Şebekeler ve rüzgâr" in tr_similar and "Sentinel English only" not in tr_similar


def test_author_box_shows_photo_name_position_biography_and_link(client, site):
    """Each author gets a box with portrait, honorific name, position, short biography and link."""
    page = html(client, site.urls("tr")["article"])
    box = page[page.index('class="author-box"') :]
    assert '<img class="portrait" src="/media/images/' in box and 'sizes="96px"' in box
    assert '<a href="/tr/people/ayla-demir/">Dr. Ayla Demir</a>' in box
    assert "Enerji Analisti" in box and "Hazar çevresindeki elektrik" in box


def test_home_shows_featured_then_latest_of_each_type(client, site):
    """The home page leads with the featured article, then sections per type linking to the list."""
    page = html(client, "/en/")
    assert (
        page.index('<section class="lead-story')
        < page.index("A cable under the Caspian")
        < page.index('<h2 id="section-1">Analysis</h2>')
    )
    assert '<h2 id="section-2">Commentary</h2>' in page
    assert 'href="/en/articles/?type=commentary"' in page


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("type=commentary", ["Grids and wind"], ["A cable under the Caspian"]),
        ("topic=energy", ["Grids and wind", "A cable under the Caspian"], []),
        ("region=caucasus", ["A cable under the Caspian"], ["Grids and wind"]),
        ("year=2023", ["Grids and wind"], ["A cable under the Caspian", "Sentinel English only"]),
        ("type=nothing", [], ["Grids and wind", "A cable under the Caspian"]),
    ],
)
def test_article_list_filters_by_type_topic_region_and_year(client, site, query, present, absent):
    """Each filter narrows the list of live articles of the language."""
    page = html(client, f"/en/articles/?{query}")
    listing = page[page.index("</form>") :]
    assert all(title in listing for title in present)
    assert not any(title in listing for title in absent)


def test_article_list_paginates_and_keeps_filters(client, site, monkeypatch):
    """With two per page, page 2 exists, links keep the filter, and a page too far is a 404."""
    monkeypatch.setattr(ArticleListView, "paginate_by", 1)
    first = html(client, "/en/articles/?topic=energy")
    assert "<span>Page 1</span>" in first
    assert 'href="?topic=energy&amp;page=2&amp;before=' in first
    assert "<span>Page 2</span>" in html(client, "/en/articles/?topic=energy&page=2")
    assert client.get("/en/articles/?topic=energy&page=9").status_code == 404


def test_people_list_and_person_page(client, site):
    """Experts are listed; a person's page shows biography, expertise and their live articles."""
    people = html(client, "/ru/people/")
    assert "Dr. Ayla Demir" in people or "д-р Ayla Demir" in people
    page = html(client, "/ru/people/ayla-demir/")
    assert "Айла Демир изучает энергосети" in page
    assert "<li>Энергетика</li>" in page and "<li>Кавказ</li>" in page
    assert "Кабель под Каспием" in page


def test_experts_can_be_filtered_by_area_of_expertise_in_each_language(client, site):
    """The experts index offers each area of expertise in the page's language; choosing one
    keeps only the experts who work on it."""
    everyone = html(client, "/ru/people/")
    assert 'href="?expertise=%D0%9A%D0%B0%D0%B2%D0%BA%D0%B0%D0%B7"' in everyone  # Кавказ
    assert "Sokolov" in everyone
    caucasus = html(client, "/ru/people/?expertise=Кавказ")
    assert "Ayla" in caucasus and "Sokolov" not in caucasus
    assert 'aria-current="page">Кавказ</a>' in caucasus
    assert "Ayla" in html(client, "/en/people/?expertise=caucasus")
    assert "Ayla" not in html(client, "/en/people/?expertise=Fisheries")


def test_inactive_people_leave_the_list_but_keep_their_page(client, site):
    """An inactive expert is not listed, yet bylines still lead to their page."""
    site.coauthor.is_active = False
    site.coauthor.save()
    assert "Sokolov" not in html(client, "/en/people/")
    assert client.get("/en/people/oleg-sokolov/").status_code == 200


def test_topic_and_region_pages_list_their_articles(client, site):
    """A topic page lists its live articles; a region page its own; an unknown slug is a 404."""
    topic = html(client, "/tr/topics/enerji/")
    assert "<h1>Enerji</h1>" in topic and "Şebekeler ve rüzgâr" in topic
    region = html(client, "/tr/regions/kafkasya/")
    assert "Hazar’ın altından bir kablo" in region and "Şebekeler ve rüzgâr" not in region
    assert client.get("/tr/topics/energy/").status_code == 404


def test_topic_without_a_name_in_a_language_has_no_page_there(client, site):
    """A topic named only in English has no Russian page."""
    site.security.name_ru = ""
    site.security.slug_ru = ""
    site.security.save()
    assert client.get("/ru/topics/security/").status_code == 404
    assert client.get("/en/topics/security/").status_code == 200


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Page not found"), ("tr", "Sayfa bulunamadı"), ("ru", "Страница не найдена")],
)
def test_not_found_page_speaks_the_readers_language(client, site, lang, heading):
    """A missing page answers 404 with our own page in the language of its address."""
    response = client.get(f"/{lang}/articles/no-such-article/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page and f'<html lang="{lang}" dir="ltr">' in page


def test_not_found_without_language_prefix_follows_accept_language(client, db):
    """An unknown address outside the language folders answers in the browser's language."""
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 404
    assert "Sayfa bulunamadı" in response.content.decode()


@pytest.mark.parametrize(("lang", "heading"), [("tr", "Sunucu hatası"), ("ru", "Ошибка сервера")])
def test_server_error_page_speaks_the_readers_language(client, site, lang, heading, monkeypatch):
    """An unexpected error answers 500 with our own page in the reader's language."""
    from articles.public import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.ArticleListView, "get_queryset", broken)
    client.raise_request_exception = False
    response = client.get(f"/{lang}/articles/")
    assert response.status_code == 500
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page and f'<html lang="{lang}" dir="ltr">' in page


def test_stylesheet_is_mobile_first_with_print_rules(client):
    """A small stylesheet: base rules for phones, a wider-screen query, dark colours; a print
    stylesheet that prints the addresses of links and leaves out back-links and buttons."""
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    printed = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    assert len(css) + len(printed) < 30_000
    assert "@media (min-width:" in css and "prefers-color-scheme: dark" in css
    assert "attr(href)" in printed
    assert re.search(r"\.fn-back[^{]*\.cite-copy[^{]*\{ display: none", printed, re.S)
    page = html(client, "/en/")
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in page


def test_scheduled_article_appears_when_due(client, site, monkeypatch):
    """The scheduled article has no page now and one once its time has come."""
    url = site.scheduled.get_absolute_url("en")
    assert client.get(url).status_code == 404
    later = timezone.now() + datetime.timedelta(days=4)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(url).status_code == 200


def test_a_long_article_has_a_table_of_contents_linking_its_sections(client, site, editor):
    """Headed sections are listed under "On this page", each linking to its heading; an
    article with one section or none gets no table of contents."""
    body = (
        "<h2>Where the cable runs</h2><p>Text.</p><h3>The seabed</h3><p>Text.</p>"
        "<h2>Who pays</h2><p>Text.</p><h2>Who pays</h2><p>Again.</p>"
    )
    report = make_live_article(
        editor, site.analysis, [site.author],
        titles={"en": "A long report on cables"}, bodies={"en": body},
    )  # fmt: skip
    page = client.get(report.get_absolute_url("en")).content.decode()
    aside = page[page.index('id="aside-contents"') :]
    for ident, text in [
        ("section-where-the-cable-runs", "Where the cable runs"),
        ("section-the-seabed", "The seabed"),
        ("section-who-pays", "Who pays"),
        ("section-who-pays-2", "Who pays"),
    ]:
        assert f'<a href="#{ident}">{text}</a>' in aside
        assert f'id="{ident}">{text}</h' in page
    short = make_live_article(
        editor, site.analysis, [site.author],
        titles={"en": "A short note"}, bodies={"en": "<h2>Only one</h2><p>Text.</p>"},
    )  # fmt: skip
    assert 'href="#section-' not in client.get(short.get_absolute_url("en")).content.decode()
