"""Footnote text per language and per kind of source, archive links, Chicago and APA: no database."""

import datetime

import polib
import pytest
from django.utils import translation

from citations.formatting import (
    Name,
    Work,
    archive_url,
    format_access_date,
    format_apa,
    format_chicago,
    format_long_date,
    format_reference,
    format_reference_html,
    parse_authors,
    work_from_source,
)
from citations.models import Source

ACCESSED = datetime.date(2024, 7, 1)
LABELS = {"tr": "Erişim Tarihi", "ru": "Дата обращения"}


@pytest.fixture
def catalogues(settings, tmp_path):
    """Turkish and Russian catalogues with the access-date label, compiled as Django reads them.

    The real translations live in locale/ (another part of the project); this proves the label
    goes through gettext in the page's language.
    """
    for lang, label in LABELS.items():
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid="Date of Access", msgstr=label))
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        po.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path)]
    yield
    translation.trans_real._translations = {}


def news():
    return Source(
        kind="news",
        title="S. Korea, Japan hold 1st meeting of senior defense officials in 9 years",
        outlet="Yonhap News",
        url="https://en.yna.co.kr/view/AEN20240710009900315?section=national/defense",
    )


def test_news_footnote_matches_the_reference_article():
    """The reference's form, exactly: “Title”, Outlet, URL, (Date of Access: 01.07.2024)."""
    assert format_reference(news(), lang="en", accessed_on=ACCESSED) == (
        "“S. Korea, Japan hold 1st meeting of senior defense officials in 9 years”, Yonhap News, "
        "https://en.yna.co.kr/view/AEN20240710009900315?section=national/defense, "
        "(Date of Access: 01.07.2024)."
    )


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_access_label_is_in_the_page_language(catalogues, lang):
    """Turkish and Russian pages say Erişim Tarihi / Дата обращения, through gettext."""
    text = format_reference(news(), lang=lang, accessed_on=ACCESSED)
    assert text.endswith(f"({LABELS[lang]}: 01.07.2024).")
    assert translation.get_language() == "en"  # the page language was only borrowed


def test_dates_are_formatted_for_each_language():
    """Access dates are day.month.year; publication dates are written out per language."""
    day = datetime.date(2024, 6, 28)
    assert {lang: format_access_date(day, lang) for lang in ("en", "tr", "ru")} == {
        "en": "28.06.2024",
        "tr": "28.06.2024",
        "ru": "28.06.2024",
    }
    assert format_long_date(day, "en") == "June 28, 2024"
    assert format_long_date(day, "tr") == "28 Haziran 2024"
    assert format_long_date(day, "ru") == "28 июня 2024"


def test_web_page_with_author_and_publication_date():
    """A web page names its author first and its publication date after the site."""
    page = Source(
        kind="web",
        title="Caspian grid map",
        authors="Demir, Ayla",
        outlet="Grid Atlas",
        url="https://atlas.example.org/caspian",
        published_on=datetime.date(2024, 3, 5),
    )
    assert format_reference(page, lang="ru", accessed_on=ACCESSED).startswith(
        "Ayla Demir, “Caspian grid map”, Grid Atlas, 5 марта 2024, https://atlas.example.org/"
    )


def test_journal_article_has_volume_issue_pages_and_doi():
    """Journal articles: authors, quoted title, journal, volume, issue, year, pages, DOI link."""
    paper = Source(
        kind="journal",
        title="Interconnectors and sovereignty",
        authors="Demir, Ayla; Smith, John; Иванова, Мария",
        outlet="Energy Policy Review",
        volume="12",
        issue="3",
        pages="45-67",
        doi="10.5555/epr.2023.12",
        published_on=datetime.date(2023, 3, 1),
    )
    assert format_reference(paper, lang="en") == (
        "Ayla Demir, John Smith and Мария Иванова, “Interconnectors and sovereignty”, "
        "Energy Policy Review, Vol. 12, No. 3, 2023, pp. 45–67, https://doi.org/10.5555/epr.2023.12."
    )
    assert "Ayla Demir, John Smith ve Мария Иванова" in format_reference(paper, lang="tr")
    html = format_reference_html(paper, lang="en")
    assert "<i>Energy Policy Review</i>" in html
    assert '<a href="https://doi.org/10.5555/epr.2023.12">' in html


def test_book_has_place_and_publisher():
    """Books: author, title in italics, Place: Publisher, year, then the locator."""
    book = Source(
        kind="book",
        title="Power across borders",
        authors="Lee, Kim",
        outlet="Polity",
        place="Cambridge",
        published_on=datetime.date(2020, 1, 1),
    )
    assert format_reference(book, lang="en", locator="p. 12") == (
        "Kim Lee, Power across borders, Cambridge: Polity, 2020, p. 12."
    )
    assert "<i>Power across borders</i>" in format_reference_html(book, lang="en")


def test_report_names_its_institution():
    """Reports: title in italics, the institution, place and date, link and access date."""
    report = Source(
        kind="report",
        title="Regional Energy Outlook",
        outlet="Kafkas Enerji Enstitüsü",
        place="Ankara",
        url="https://enstitu.example.org/outlook.pdf",
        published_on=datetime.date(2024, 5, 2),
    )
    assert format_reference(report, lang="tr", accessed_on=ACCESSED).startswith(
        "Regional Energy Outlook, Kafkas Enerji Enstitüsü, Ankara, 2 Mayıs 2024, "
        "https://enstitu.example.org/outlook.pdf, ("
    )


def test_official_document_starts_with_the_issuing_body():
    """Official documents without a personal author start with the issuing body."""
    statement = Source(
        kind="official",
        title="Joint statement on energy security",
        outlet="Ministry of Foreign Affairs",
        published_on=datetime.date(2024, 5, 2),
    )
    assert format_reference(statement, lang="en") == (
        "Ministry of Foreign Affairs, “Joint statement on energy security”, May 2, 2024."
    )


def test_html_escapes_source_fields():
    """Markup typed into a source's fields is shown as text, never run."""
    hostile = Source(kind="news", title="<script>x()</script>", outlet="A & B", url="")
    html = format_reference_html(hostile, lang="en")
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html


def test_archive_link_uses_the_access_date():
    """The archived copy is the Wayback snapshot nearest the access date; none without a date."""
    url = "https://www.reuters.com/world/us/some-story-2024-06-28/"
    assert archive_url(url, ACCESSED) == f"https://web.archive.org/web/20240701/{url}"
    assert archive_url(url, None) == "" and archive_url("", ACCESSED) == ""


def test_source_link_has_robust_link_attributes_only_for_a_recorded_snapshot():
    """The link carries data-versionurl/-versiondate when a snapshot is known to exist, and
    nothing is guessed otherwise."""
    plain = format_reference_html(news(), lang="en", accessed_on=ACCESSED)
    assert "data-versionurl" not in plain and "web.archive.org" not in plain
    snapshot = "https://web.archive.org/web/20240701093000/https://en.yna.co.kr/view/x"
    source = news()
    source.archived_url = snapshot
    html = format_reference_html(source, lang="en", accessed_on=ACCESSED)
    assert f'data-versionurl="{snapshot}" data-versiondate="2024-07-01"' in html


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        ("Allies meet again.", "Example Media", "“Allies meet again”, Example Media, "),
        ("Who pays?", "Example Media Inc.", "“Who pays?”, Example Media Inc., "),
    ],
)
def test_no_comma_after_a_full_stop(title, outlet, expected):
    """A title's own full stop is dropped (never “Title.”, …); an abbreviation keeps its own."""
    source = Source(kind="news", title=title, outlet=outlet, url="https://ex.org/a")
    text = format_reference(source, lang="en", accessed_on=ACCESSED)
    assert text == f"{expected}https://ex.org/a, (Date of Access: 01.07.2024)."
    assert ".," not in text.replace("Inc.,", "")


@pytest.mark.parametrize("pages", ["45-67", "pp. 45-67", "pp 45–67"])
def test_pages_are_labelled_once(pages):
    """A page range typed with its “pp.” gets no second one, and a locator repeating it is not
    printed twice."""
    paper = Source(kind="journal", title="Grids", outlet="Review", volume="3", pages=pages)
    assert format_reference(paper, lang="en") == "“Grids”, Review, Vol. 3, pp. 45–67."
    assert format_reference(paper, lang="en", locator="pp. 45-67") == (
        "“Grids”, Review, Vol. 3, pp. 45–67."
    )
    assert format_reference(paper, lang="en", locator="p. 50").endswith("pp. 45–67, p. 50.")


def test_authors_are_parsed_into_people_and_organisations():
    """“Family, Given; Organisation” gives a person and an organisation."""
    assert parse_authors("Demir, Ayla Nur; World Bank") == [
        Name("Demir", "Ayla Nur"),
        Name("World Bank"),
    ]
    assert Name("Dupont", "Jean-Paul Marc").initials() == "J.-P. M."


ARTICLE = Work(
    id="demir2024grid",
    kind="web",
    title="Grid links across the Caspian",
    authors=[Name("Demir", "Ayla"), Name("Smith", "John"), Name("Петров", "Иван")],
    container="Meridian Institute",
    url="https://example.org/en/articles/grid/",
    issued=datetime.date(2024, 6, 28),
)


def test_chicago_citation_of_an_article():
    """Chicago: first author inverted, serial comma in English, date written out per language."""
    assert format_chicago(ARTICLE, "en") == (
        "Demir, Ayla, John Smith, and Иван Петров. “Grid links across the Caspian.” "
        "Meridian Institute, June 28, 2024. https://example.org/en/articles/grid/."
    )
    assert format_chicago(ARTICLE, "tr").startswith("Demir, Ayla, John Smith ve Иван Петров.")
    assert "28 июня 2024" in format_chicago(ARTICLE, "ru")


def test_apa_citation_of_an_article():
    """APA 7: initials, ampersand, (year, date), italic title in HTML, URL without a full stop."""
    assert format_apa(ARTICLE, "en") == (
        "Demir, A., Smith, J., & Петров, И. (2024, June 28). Grid links across the Caspian. "
        "Meridian Institute. https://example.org/en/articles/grid/"
    )
    assert "(2024, 28 Haziran)" in format_apa(ARTICLE, "tr")
    assert "<i>Grid links across the Caspian</i>. Meridian" in format_apa(ARTICLE, "en", html=True)


def test_work_from_source_places_outlet_by_kind():
    """A newspaper is a container; a book's outlet is its publisher."""
    assert work_from_source(news(), key="k").container == "Yonhap News"
    book = Source(kind="book", title="T", outlet="Polity")
    assert work_from_source(book, key="k").publisher == "Polity"
