"""The editor's admin tried on a 1280 × 800 screen: the article form fits without sideways
scrolling, headlines read in full, citation numbers follow the markers, publishing asks first."""

import datetime

import pytest
from django.utils import timezone

from articles.demo.loader import load_demo
from articles.models import Article, Status
from citations.models import Citation, Source

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = {"width": 1280, "height": 800}
CITATIONS = 10
READY = "() => window.CKEDITOR && CKEDITOR.instances['{id}'] && CKEDITOR.instances['{id}'].status === 'ready'"
LONG_NOTE = {
    "en": "Figures for the second half are provisional and were revised twice by the ministry.",
    "tr": "İkinci yarının rakamları geçicidir ve bakanlık tarafından iki kez revize edilmiştir.",
    "ru": "Данные за второе полугодие предварительные и дважды пересматривались министерством.",
}
HEADLINE = (
    "Electricity interconnectors across the South Caucasus: who pays for the subsea and "
    "overland cables, who sets the market rules, and why the grid codes matter most"
)


@pytest.fixture
def demo(settings, tmp_path):
    """The demo content, with one article grown to ten citations whose notes are written in all
    three languages; the admin logs in with ``password``."""
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(admin_password="password")
    article = max(Article.objects.all(), key=lambda article: article.citations.count())
    accessed = timezone.localdate() - datetime.timedelta(days=3)
    for number in range(article.citations.count() + 1, CITATIONS + 1):
        source = Source.objects.create(
            kind="report",
            title=f"Annual review of regional transmission capacity and tariffs, part {number}",
            outlet="Example Energy Regulators' Association",
            url=f"https://regulators.example.org/reviews/{number}",
        )
        Citation.objects.create(article=article, source=source, number=number, accessed_on=accessed)
    for citation in article.citations.all():
        for code, note in LONG_NOTE.items():
            setattr(citation, f"note_{code}", note)
        citation.save()
    return article


def open_form(page, url):
    page.set_viewport_size(SCREEN)
    page.goto(url)
    page.wait_for_function(READY.format(id="id_body_en"))


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def width_of(page, selector):
    return page.locator(selector).bounding_box()["width"]


def test_article_forms_fit_a_1280_px_screen(page, log_in, demo):
    """The add form and the change form of an article with ten citations scroll only down, and
    the title box is as wide as the column."""
    log_in("admin")
    assert demo.citations.count() == CITATIONS
    for url in ("/admin/articles/article/add/", f"/admin/articles/article/{demo.pk}/change/"):
        open_form(page, url)
        assert scroll_width(page) <= SCREEN["width"], url
        assert width_of(page, "#id_title_en") >= 600, url
        assert width_of(page, "#id_slug_en") >= 600, url


def test_a_long_headline_is_shown_in_full(page, log_in, demo):
    """A 150-character headline fits in the title box without being cut."""
    log_in("admin")
    open_form(page, f"/admin/articles/article/{demo.pk}/change/")
    assert len(HEADLINE) >= 150
    page.fill("#id_title_en", HEADLINE[:150])
    overflow = page.evaluate(
        "() => { const box = document.querySelector('#id_title_en');"
        " return [box.scrollWidth - box.clientWidth, box.scrollHeight - box.clientHeight]; }"
    )
    assert overflow == [0, 0]
    assert scroll_width(page) <= SCREEN["width"]


def test_citation_rows_number_themselves_from_the_markers(page, log_in, demo, live_server):
    """Two citation rows added without numbers take the article's two new markers, in order."""
    log_in("admin")
    article = Article.objects.filter(status=Status.DRAFT).first() or demo
    known = set(article.citations.values_list("number", flat=True))
    new = [max(known) + 1, max(known) + 2]
    sources = [
        Source.objects.create(
            kind="web", title=f"Grid operator notice {n}", url=f"https://tso.example.org/{n}"
        )
        for n in new
    ]
    open_form(page, f"/admin/articles/article/{article.pk}/change/")
    body = page.evaluate("CKEDITOR.instances['id_body_en'].getData()")
    body += f"<p>One more claim.[{new[0]}] And another.[{new[1]}]</p>"
    page.evaluate(
        "html => new Promise(r => CKEDITOR.instances['id_body_en'].setData(html, {callback: r}))",
        body,
    )
    accessed = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    for index, source in enumerate(sources, start=len(known)):
        page.locator("#citations-group .add-row a").click()
        page.locator(f"#id_citations-{index}-source ~ .select2 .select2-selection").click()
        page.locator(".select2-container--open .select2-search__field").fill(source.title)
        page.locator(".select2-results__option", has_text=source.title).first.click()
        page.fill(f"#id_citations-{index}-accessed_on", accessed)
    assert scroll_width(page) <= SCREEN["width"]
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    assert page.locator(".errornote").count() == 0
    numbered = {c.source_id: c.number for c in Citation.objects.filter(source__in=sources)}
    assert [numbered[source.pk] for source in sources] == new


def test_publishing_asks_first_and_says_where_readers_will_find_it(page, log_in, demo):
    """Publish now leads to a page naming the article's address; only its button publishes."""
    log_in("admin")
    article = Article.objects.filter(status=Status.DRAFT).first()
    open_form(page, f"/admin/articles/article/{article.pk}/change/")
    page.click(".workflow-publish button")
    page.wait_for_load_state()
    text = page.locator("#content").inner_text()
    assert article.get_absolute_url(article.original_language) in text
    assert scroll_width(page) <= SCREEN["width"]
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    page.click("#confirm-button")
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
