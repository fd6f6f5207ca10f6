"""Reference lists as the reference article writes them, in English, Turkish and Russian, read
into structured sources and citations; what cannot be read is kept as text and named."""

import datetime

import pytest

from citations.models import Citation, Source
from importers.citations import replace_citations
from importers.dates import parse_date
from importers.footnotes import parse_reference, split_pasted_text, split_reference_list

ENGLISH = "[1] “Grid links across the Caspian”, Example Times, https://news.example.org/grid, (Date of Access: 01.07.2024)."
TURKISH = "[2] “Hazar’da enerji koridoru”, Örnek Gazete, https://haber.example.com.tr/hazar, (Erişim Tarihi: 15.03.2024)."
RUSSIAN = "[3] «Энергетический мост через Каспий», Пример-Медиа, https://media.example.ru/most, (Дата обращения: 02.02.2024)."


def test_english_reference_is_read_into_its_parts():
    """Title, outlet, address and access date come out of the reference article's form."""
    reference = parse_reference(ENGLISH)
    assert reference.number == 1
    assert reference.title == "Grid links across the Caspian"
    assert reference.outlet == "Example Times"
    assert reference.url == "https://news.example.org/grid"
    assert reference.accessed_on == datetime.date(2024, 7, 1)
    assert reference.parsed


def test_turkish_and_russian_access_dates_are_read():
    """“Erişim Tarihi” and “Дата обращения” are access dates like “Date of Access”."""
    turkish, russian = parse_reference(TURKISH), parse_reference(RUSSIAN)
    assert (turkish.title, turkish.outlet) == ("Hazar’da enerji koridoru", "Örnek Gazete")
    assert turkish.accessed_on == datetime.date(2024, 3, 15)
    assert russian.title == "Энергетический мост через Каспий"
    assert russian.outlet == "Пример-Медиа"
    assert russian.accessed_on == datetime.date(2024, 2, 2)


def test_author_and_publication_date_around_the_title():
    reference = parse_reference(
        "Demir, Ayla, “Cables and ports”, Policy Review, 3 March 2024, "
        "https://review.example.org/c, (Accessed: 2024-04-05)"
    )
    assert reference.authors == "Demir, Ayla"
    assert reference.outlet == "Policy Review"
    assert reference.published_on == datetime.date(2024, 3, 3)
    assert reference.accessed_on == datetime.date(2024, 4, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.07.2024", datetime.date(2024, 7, 1)),
        ("2024-07-01", datetime.date(2024, 7, 1)),
        ("1 July 2024", datetime.date(2024, 7, 1)),
        ("July 1, 2024", datetime.date(2024, 7, 1)),
        ("1 Temmuz 2024", datetime.date(2024, 7, 1)),
        ("1 июля 2024 г.", datetime.date(2024, 7, 1)),
        ("31.02.2024", None),
        ("soon", None),
    ],
)
def test_dates_in_the_forms_editors_write(text, expected):
    assert parse_date(text) == expected


def test_unreadable_references_are_kept_as_text_with_a_reason():
    """No quoted title, or an access date that is no date: kept, and the editor is told why."""
    untitled = parse_reference("[4] Annual report of the ministry, 2023.")
    assert not untitled.parsed
    assert untitled.text == "Annual report of the ministry, 2023."
    assert "No title in quotation marks" in untitled.problems[0]
    bad_date = parse_reference("“Title”, Outlet, https://x.example/, (Date of Access: 45.13.2024)")
    assert not bad_date.parsed
    assert "“45.13.2024” is not a date" in bad_date.problems[0]
    future = parse_reference("“Title”, Outlet, https://x.example/, (Date of Access: 01.01.2999)")
    assert "in the future" in future.problems[0]
    assert future.accessed_on is None


def test_a_list_with_continuation_lines_and_a_repeated_number():
    references = split_reference_list(
        f"{ENGLISH}\n{TURKISH}\n   continued on a second line\n[2] “Again”, X, (Erişim: 01.01.2024)"
    )
    assert [r.number for r in references] == [1, 2, 2]
    assert references[1].outlet.startswith("Örnek Gazete")
    assert "used twice" in references[2].problems[-1]


def test_pasted_text_with_the_list_at_its_end():
    body, references = split_pasted_text(
        f"A first paragraph citing [1].\n\nA second one [2], [3].\n\n{ENGLISH}\n{TURKISH}\n{RUSSIAN}"
    )
    assert body == "A first paragraph citing [1].\n\nA second one [2], [3]."
    assert [r.title for r in references][2] == "Энергетический мост через Каспий"
    assert split_pasted_text("No list here.") == ("No list here.", [])


def test_citations_are_matched_to_existing_sources_and_replaced_on_reimport(make_article):
    """A known address reuses its source; importing again replaces, never doubles."""
    article = make_article(published=False)
    known = Source.objects.create(title="Known", url="https://news.example.org/grid/")
    references = [*split_reference_list(f"{ENGLISH}\n{TURKISH}"), parse_reference("[3] plain text")]
    outcome = replace_citations(article, references)
    assert (outcome.sources_matched, outcome.sources_added) == (1, 2)
    assert [r.number for r in outcome.left_as_text] == [3]
    citations = list(Citation.objects.filter(article=article).select_related("source"))
    assert [c.source_id == known.pk for c in citations] == [True, False, False]
    assert citations[1].accessed_on == datetime.date(2024, 3, 15)
    assert citations[2].source.title == "plain text"

    again = replace_citations(article, references)
    assert (again.sources_matched, again.sources_added) == (3, 0)
    assert Citation.objects.filter(article=article).count() == 3
    assert Source.objects.count() == 3
