"""BibTeX, RIS and CSL-JSON downloads of an article and its references, read by real parsers."""

import datetime
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser import middlewares

from articles.editorial.publishing import refresh_pending_changes
from articles.editorial.transitions import publish_changes
from articles.models import ArticleType
from citations.exports import bibtex_escape, to_bibtex, to_csl_json, to_ris
from citations.formatting import Name, Work
from citations.models import Source

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.schema.json").read_text("utf-8"))
ACCESSED = datetime.date(2024, 7, 1)


def parse_bibtex(text):
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
            middlewares.LatexDecodingMiddleware(),
        ],
    )
    assert library.failed_blocks == []
    return library.entries


def parse_csl(text):
    items = json.loads(text)
    jsonschema.validate(items, SCHEMA)
    return items


@pytest.fixture
def article(make_article, cite, person):
    def compose(article):
        journal = Source.objects.create(
            kind="journal",
            title="Энергетические коридоры Каспия",
            authors="Иванова, Мария; Şahin, Çağrı",
            outlet="Вестник энергетики",
            volume="7",
            issue="2",
            pages="10–25",
            doi="10.5555/ve.2023.7",
            published_on=datetime.date(2023, 4, 1),
            language="ru",
        )
        news = Source.objects.create(
            kind="news",
            title="Bakanlar denizaltı kablosunda anlaştı",
            outlet="Örnek Gazete",
            url="https://gazete.example.org/kablo?id=5&lang=tr",
            published_on=datetime.date(2024, 6, 28),
            language="tr",
        )
        cite(article, journal, 1)
        cite(article, news, 2, accessed_on=ACCESSED)

    return make_article(
        title_en="Grid links across the Caspian",
        summary_en="Cables & pipelines: who decides?",
        title_tr="Hazar'da şebeke bağlantıları: İşbirliği",
        slug_tr="hazarda-sebeke-baglantilari",
        summary_tr="Kablolar ve boru hatları.",
        body_tr="<p>Önce [2], sonra [1].</p>",
        body_en="<p>First [1], then [2], again [1].</p>",
        compose=compose,
    )


pytestmark = pytest.mark.django_db


def test_article_citation_bibtex(client, article):
    """citation.bib is one BibTeX entry for the article, Turkish letters intact."""
    response = client.get("/tr/articles/hazarda-sebeke-baglantilari/citation.bib")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="hazarda-sebeke-baglantilari.bib"'
    )
    (entry,) = parse_bibtex(response.content.decode("utf-8"))
    assert entry.entry_type == "misc"
    assert entry["title"] == "Hazar'da şebeke bağlantıları: İşbirliği"
    assert entry["howpublished"] == "Meridian Institute"
    author = entry["author"][0]
    assert (author.last, author.first) == (["Demir"], ["Ayla"])
    assert entry["url"] == "http://testserver/tr/articles/hazarda-sebeke-baglantilari/"
    assert entry["language"] == "tr"


def test_article_citation_ris_and_csl_json(client, article):
    """citation.ris and citation.json describe the same article; the JSON passes the CSL schema."""
    ris = client.get("/en/articles/grid-links-across-the-caspian/citation.ris")
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    (record,) = rispy.loads(ris.content.decode("utf-8"))
    assert record["type_of_reference"] == "ELEC"
    assert record["authors"] == ["Demir, Ayla"]
    assert record["title"] == "Grid links across the Caspian"
    assert record["abstract"] == "Cables & pipelines: who decides?"
    csl = client.get("/en/articles/grid-links-across-the-caspian/citation.json")
    assert csl["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert csl["Content-Disposition"].endswith('filename="grid-links-across-the-caspian.json"')
    (item,) = parse_csl(csl.content.decode("utf-8"))
    assert item["author"] == [{"family": "Demir", "given": "Ayla"}]
    assert item["URL"] == "http://testserver/en/articles/grid-links-across-the-caspian/"


def test_references_follow_note_order_of_the_language(client, article):
    """references.* list the sources in the order the notes are numbered on that page."""
    english = client.get("/en/articles/grid-links-across-the-caspian/references.ris")
    turkish = client.get("/tr/articles/hazarda-sebeke-baglantilari/references.ris")
    assert english["Content-Disposition"].endswith(
        'filename="grid-links-across-the-caspian-references.ris"'
    )
    assert [r["type_of_reference"] for r in rispy.loads(english.content.decode())] == [
        "JOUR",
        "NEWS",
    ]
    assert [r["type_of_reference"] for r in rispy.loads(turkish.content.decode())] == [
        "NEWS",
        "JOUR",
    ]


def test_references_bibtex_with_cyrillic_and_turkish(client, article):
    """Journal and newspaper entries keep Cyrillic and Turkish text and their fields."""
    response = client.get("/en/articles/grid-links-across-the-caspian/references.bib")
    journal, news = parse_bibtex(response.content.decode("utf-8"))
    assert journal.entry_type == "article"
    assert journal["title"] == "Энергетические коридоры Каспия"
    assert journal["journal"] == "Вестник энергетики"
    assert [(name.last, name.first) for name in journal["author"]] == [
        (["Иванова"], ["Мария"]),
        (["Şahin"], ["Çağrı"]),
    ]
    assert (journal["volume"], journal["number"], journal["pages"]) == ("7", "2", "10–25")
    assert "pages = {10--25}" in response.content.decode("utf-8")
    assert journal["doi"] == "10.5555/ve.2023.7" and journal["year"] == "2023"
    assert news["title"] == "Bakanlar denizaltı kablosunda anlaştı"
    assert news["journal"] == "Örnek Gazete"
    assert news["urldate"] == "2024-07-01"
    # url is a verbatim field (not LaTeX): read it without decoding
    raw_news = bibtexparser.parse_string(response.content.decode("utf-8")).entries[1]
    assert raw_news["url"] == "https://gazete.example.org/kablo?id=5&lang=tr"


def test_references_ris_fields(client, article):
    """RIS carries pages, DOI, dates, access date and language."""
    response = client.get("/en/articles/grid-links-across-the-caspian/references.ris")
    journal, news = rispy.loads(response.content.decode("utf-8"))
    assert journal["authors"] == ["Иванова, Мария", "Şahin, Çağrı"]
    assert (journal["start_page"], journal["end_page"]) == ("10", "25")
    assert journal["doi"] == "10.5555/ve.2023.7"
    assert news["title"] == "Bakanlar denizaltı kablosunda anlaştı"
    assert news["urls"] == ["https://gazete.example.org/kablo?id=5&lang=tr"]
    assert news["access_date"] == "2024/07/01" and news["language"] == "tr"


def test_references_csl_json_validates(client, article):
    """references.json is valid CSL-JSON with types, names and date parts."""
    response = client.get("/tr/articles/hazarda-sebeke-baglantilari/references.json")
    news, journal = parse_csl(response.content.decode("utf-8"))
    assert news["type"] == "article-newspaper" and journal["type"] == "article-journal"
    assert news["container-title"] == "Örnek Gazete"
    assert news["accessed"] == {"date-parts": [[2024, 7, 1]]}
    assert journal["author"][0] == {"family": "Иванова", "given": "Мария"}
    assert journal["page"] == "10-25" and journal["issued"] == {"date-parts": [[2023, 4, 1]]}
    assert len({news["id"], journal["id"]}) == 2


@pytest.mark.parametrize(
    "url",
    [
        "/ru/articles/grid-links-across-the-caspian/citation.bib",  # not written in Russian
        "/en/articles/hazarda-sebeke-baglantilari/references.ris",  # another language's slug
        "/en/articles/no-such-article/citation.json",
        "/en/articles/grid-links-across-the-caspian/citation.xml",
    ],
)
def test_only_live_articles_in_that_language_export(client, article, url):
    """Exports exist only where the article page does."""
    assert client.get(url).status_code == 404


def test_draft_article_does_not_export(client, make_article):
    """An unpublished article has no citation to download."""
    make_article(published=False, title_en="Draft thoughts")
    assert client.get("/en/articles/draft-thoughts/citation.bib").status_code == 404


def test_report_article_exports_as_report(client, article, editor):
    """An article of a report type is a techreport / RPRT / report."""
    article.article_type = ArticleType.objects.create(
        name_en="Report", slug_en="report", schema_type="Report"
    )
    article.save()
    refresh_pending_changes(article)
    publish_changes(article, by=editor)
    base = "/en/articles/grid-links-across-the-caspian/citation"
    (entry,) = parse_bibtex(client.get(f"{base}.bib").content.decode())
    assert entry.entry_type == "techreport" and entry["institution"] == "Meridian Institute"
    assert rispy.loads(client.get(f"{base}.ris").content.decode())[0]["type_of_reference"] == (
        "RPRT"
    )
    assert parse_csl(client.get(f"{base}.json").content.decode())[0]["type"] == "report"


def test_special_characters_are_escaped_for_each_format():
    """BibTeX syntax characters are escaped; every kind passes each parser."""
    works = [
        Work(
            id=f"k{index}",
            kind=kind,
            title="50% of {grids} & $costs_ #1 ~",
            authors=[Name("O'Brien", "Seán"), Name("Meridian & Co")],
            container="Ёжик",
            publisher="Yayınevi",
            place="İstanbul",
            pages="3-4",
            issued=datetime.date(2020, 1, 2),
        )
        for index, kind in enumerate(["news", "web", "journal", "book", "report", "official"])
    ]
    entries = parse_bibtex(to_bibtex(works))
    assert [entry.entry_type for entry in entries] == [
        "article",
        "misc",
        "article",
        "book",
        "techreport",
        "misc",
    ]
    assert entries[0]["title"] == "50% of {grids} & $costs_ #1 ~"
    assert [name.last for name in entries[0]["author"]] == [["O'Brien"], [r"{Meridian \& Co}"]]
    assert bibtex_escape("a^b\\c") == r"a\textasciicircum{}b\textbackslash{}c"
    records = rispy.loads(to_ris(works))
    assert [record["title"] for record in records] == [works[0].title] * 6
    items = parse_csl(to_csl_json(works))
    assert items[0]["author"][1] == {"literal": "Meridian & Co"}
