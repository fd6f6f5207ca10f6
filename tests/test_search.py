"""Search per language: stemming, ranking, visibility, strange queries, filters, pagination."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.editorial.transitions import publish_changes
from articles.models import Authorship, Topic
from articles.search.query import search
from articles.search.snippets import highlight_results
from people.models import Person
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the substring fallback runs on SQLite"
)


def found(lang, query, filters=None):
    """The articles found, best first (search answers with their live versions)."""
    return [version.article_id for version in search(lang, query, filters)]


def article(site, editor, titles, bodies=None, **extra):
    return make_live_article(
        editor, site.analysis, [site.author], titles=titles, bodies=bodies, **extra
    )


@postgres_only
@pytest.mark.parametrize(
    ("lang", "text", "query"),
    [
        ("en", "The ministers kept cooperating on grids.", "cooperation"),
        ("tr", "Bakanlar şebekelerin işbirliğinin önemini vurguladı.", "işbirliği"),
        ("ru", "Министры обсудили развитие сотрудничества в энергетике.", "сотрудничество"),
    ],
)
def test_stemming_finds_other_forms_of_a_word_in_each_language(site, editor, lang, text, query):
    """English, Turkish and Russian configurations find inflected forms of the query word."""
    target = article(site, editor, {lang: "Stemming probe"}, bodies={lang: f"<p>{text}</p>"})
    assert target.pk in found(lang, query)


@postgres_only
def test_turkish_and_russian_suffixes_in_the_query_match_the_base_form(site, editor):
    """The query's own suffixes are stemmed too: "işbirliğinin" finds "işbirliği"."""
    turkish = article(site, editor, {"tr": "Bölgesel işbirliği"})
    russian = article(site, editor, {"ru": "Региональное сотрудничество"})
    assert turkish.pk in found("tr", "işbirliğinin")
    assert russian.pk in found("ru", "сотрудничества")


def test_a_title_match_ranks_above_a_body_match(site, editor):
    """The word in the title outranks the same word only in the body, however recent."""
    in_body = article(
        site,
        editor,
        {"en": "Grid notes"},
        bodies={"en": "<p>Hydrogen appears here once.</p>"},
        at=PUBLISHED_AT,
    )
    in_title = article(
        site,
        editor,
        {"en": "Hydrogen corridors"},
        bodies={"en": "<p>Pipes and ports.</p>"},
        at=PUBLISHED_AT - datetime.timedelta(days=300),
    )
    assert found("en", "hydrogen")[:2] == [in_title.pk, in_body.pk]


def test_summary_and_topic_matches_rank_above_mentions_in_the_text(site, editor):
    """Title, then summary, then topic; articles that only mention the word follow."""
    mention = article(
        site, editor, {"en": "Grid notes"}, bodies={"en": "<p>Kelp, kelp and kelp.</p>"}
    )
    tagged = article(
        site,
        editor,
        {"en": "Coastal notes"},
        at=PUBLISHED_AT - datetime.timedelta(days=9),
        topics=[Topic.objects.create(name_en="Kelp", slug_en="kelp")],
    )
    summarised = article(
        site,
        editor,
        {"en": "Sea notes"},
        summary_en="Why kelp matters.",
        at=PUBLISHED_AT - datetime.timedelta(days=20),
    )
    titled = article(
        site, editor, {"en": "Kelp forests"}, at=PUBLISHED_AT - datetime.timedelta(days=30)
    )
    assert found("en", "kelp") == [titled.pk, summarised.pk, tagged.pk, mention.pk]


def test_articles_filed_under_a_named_topic_come_newest_first_after_the_ranked_ones(site, editor):
    """Articles filed under a topic or region the query names follow those with the words in
    their title or summary, newest first however their titles read, and lead those that only
    mention the words."""
    topic = Topic.objects.create(name_en="Blue economy", slug_en="blue-economy")
    older_filed = article(
        site,
        editor,
        {"en": "Fisheries"},
        topics=[topic],
        at=PUBLISHED_AT - datetime.timedelta(days=40),
    )
    newer_filed = article(
        site,
        editor,
        {"en": "Harbours"},
        topics=[topic],
        at=PUBLISHED_AT - datetime.timedelta(days=5),
    )
    mention = article(
        site, editor, {"en": "Notes"}, bodies={"en": "<p>The blue economy grows.</p>"}
    )
    titled = article(
        site, editor, {"en": "Blue economy outlook"}, at=PUBLISHED_AT - datetime.timedelta(days=90)
    )
    assert found("en", "blue economy") == [titled.pk, newer_filed.pk, older_filed.pk, mention.pk]


def test_articles_that_only_mention_the_words_come_newest_first(site, editor):
    """However often an older article repeats the word in its text, the newer one leads."""
    older = article(
        site,
        editor,
        {"en": "Older notes"},
        bodies={"en": "<p>Seaweed, seaweed, seaweed and more seaweed.</p>"},
        at=PUBLISHED_AT - datetime.timedelta(days=60),
    )
    newer = article(site, editor, {"en": "Newer notes"}, bodies={"en": "<p>Seaweed once.</p>"})
    assert found("en", "seaweed") == [newer.pk, older.pk]


def test_the_year_filter_offers_only_years_with_live_articles(client, site, editor):
    """Years without an article live in the language, or only with drafts, are not offered."""
    from articles.search.filters import publication_years

    years_before = set(publication_years("en"))
    for year in (2003, 2006):
        article(
            site,
            editor,
            {"en": f"Archive {year}"},
            at=PUBLISHED_AT.replace(year=year),
        )
    article(site, editor, {"tr": "Yalnız Türkçe"}, at=PUBLISHED_AT.replace(year=2004))
    years = publication_years("en")
    assert years == sorted(years_before | {2003, 2006}, reverse=True)
    assert 2004 not in years and 2005 not in years
    assert 2004 in publication_years("tr")
    page = client.get("/en/search/", {"q": "archive"}).content.decode()
    assert 'value="2003"' in page and 'value="2004"' not in page


def test_drafts_scheduled_and_other_languages_are_never_found(site):
    """Only articles live in the language are found: no draft, scheduled or English-only ones."""
    assert found("en", "Sentinel") == [site.english_only.pk]
    assert found("tr", "Gözcü") == []
    assert found("ru", "Сторож") == found("ru", "Черновик") == []


def test_an_unapproved_translation_is_not_found(make_article):
    """A translation written but not yet approved is not searchable in its language."""
    hidden = make_article(
        approve=False, title_tr="Onaylanmamış çeviri", body_tr="<p>Gizli metin.</p>"
    )
    assert found("tr", "Onaylanmamış") == []
    assert hidden.pk in found("en", "Caspian")


def test_an_article_without_a_body_in_a_language_is_not_live_there(site, editor):
    """An empty or missing body in a language keeps the article out of that language."""
    from django.utils import timezone

    from articles.models import Article, Translation, TranslationStatus

    target = article(
        site,
        editor,
        {"en": "Bodiless probe", "tr": "Gövdesiz deneme"},
        bodies={"en": "<p>Text.</p>", "tr": ""},
    )
    Translation.objects.update_or_create(
        article=target,
        language="tr",
        defaults={"status": TranslationStatus.APPROVED, "approved_at": timezone.now()},
    )
    assert Article.objects.live("en").filter(pk=target.pk).exists()
    for body in ("", None):
        Article.objects.filter(pk=target.pk).update(body_tr=body)
        publish_changes(target, by=editor)
        assert not Article.objects.live("tr").filter(pk=target.pk).exists()
        assert target.pk not in found("tr", "Gövdesiz")
    Article.objects.filter(pk=target.pk).update(body_tr="<p>Metin.</p>")
    publish_changes(target, by=editor)
    assert Article.objects.live("tr").filter(pk=target.pk).exists()
    assert target.pk in found("tr", "Gövdesiz")


def test_authors_and_topics_are_searched(site):
    """An author's family name and a topic's name find the article."""
    assert site.main.pk in found("en", "Sokolov")
    assert site.main.pk in found("tr", "Enerji")


@postgres_only
def test_the_index_follows_published_changes_and_names(site, editor):
    """A new topic, author or title is found once published (not before); renaming a person or
    a topic updates the stored vectors at once."""
    target = article(site, editor, {"en": "Plain title"})
    assert found("en", "Zanzibar") == []
    topic = Topic.objects.create(name_en="Zanzibar", slug_en="zanzibar")
    target.topics.add(topic)
    newcomer = Person.objects.create(given_name="Quentin", family_name="Xu", slug="quentin-xu")
    Authorship.objects.create(article=target, person=newcomer, sort_order=5)
    target.title_en = "Kelp farming"
    target.save()
    assert found("en", "Zanzibar") == found("en", "Quentin") == found("en", "kelp") == []
    publish_changes(target, by=editor)
    assert found("en", "Zanzibar") == [target.pk]
    assert found("en", "Quentin") == [target.pk]
    assert found("en", "kelp") == [target.pk]
    Person.objects.filter(pk=newcomer.pk).update(given_name="Quill")
    newcomer.given_name = "Quillon"
    newcomer.save()
    assert found("en", "Quillon") == [target.pk]
    topic.name_en = "Pemba"
    topic.save()
    assert found("en", "Pemba") == [target.pk]


STRANGE = [
    '"',
    '"unclosed quote',
    "a & b | !c",
    "(((",
    ":*",
    "-",
    "or",
    "foo:* & !bar",
    "x" * 500,
    "' OR 1=1; DROP TABLE articles_article; --",
    "\\",
    "back\\slash",
    "nul\x00byte",
    "<script>alert(1)</script>",
    "the",
    "%_%",
    "😀 emoji",
    "\u202e\u0000\t\n",
    "caspian <-> gas",
]


@pytest.mark.parametrize("year", ["0000", "²⁰²⁴", "٢٠٢٤", "-999", "20245"])
def test_impossible_years_are_ignored_on_search_and_list_pages(client, site, year):
    """A year that is not four ASCII digits from 0001 on filters nothing and breaks nothing."""
    for path in ("/en/search/", "/en/articles/"):
        response = client.get(path, {"q": "cable", "year": year})
        assert response.status_code == 200
        assert "year" not in response.context["selected"]
    assert client.get("/en/articles/", {"year": "2024"}).context["selected"]["year"] == "2024"


@pytest.mark.parametrize("query", STRANGE)
def test_strange_queries_never_error(client, site, query):
    """Quotes, operators, very long or SQL-looking queries answer 200; one with a NUL character
    is refused with a clear 400 before any view runs (``thinktank.request_limits``)."""
    list(search("en", query))
    response = client.get("/en/search/", {"q": query, "type": query, "year": query})
    if "\x00" in query:
        assert response.status_code == 400
        assert "not allowed" in response.content.decode()
    else:
        assert response.status_code == 200


def test_filters_narrow_the_results(site, editor):
    """Type, topic, region, author and year filters each keep only matching articles."""
    other = Person.objects.create(given_name="Vera", family_name="Lind", slug="vera-lind")
    extra = make_live_article(
        editor,
        site.commentary,
        [other],
        titles={"en": "Cable commentary"},
        at=PUBLISHED_AT - datetime.timedelta(days=800),
    )
    query = "cable"
    assert set(found("en", query)) == {site.main.pk, extra.pk}
    assert found("en", query, {"type": "commentary"}) == [extra.pk]
    assert found("en", query, {"topic": "energy"}) == [site.main.pk]
    assert found("en", query, {"region": "caucasus"}) == [site.main.pk]
    assert found("en", query, {"author": "vera-lind"}) == [extra.pk]
    assert found("en", query, {"year": str(PUBLISHED_AT.year)}) == [site.main.pk]
    assert found("tr", "kablo", {"topic": "enerji"}) == [site.main.pk]


def test_results_are_paginated(client, site, editor):
    """Twenty-five matches make two pages: twenty, then five."""
    for i in range(25):
        article(
            site,
            editor,
            {"en": f"Pagination probe {i}"},
            at=PUBLISHED_AT - datetime.timedelta(days=i),
        )
    first = client.get("/en/search/", {"q": "pagination probe"})
    second = client.get("/en/search/", {"q": "pagination probe", "page": 2})
    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 5
    assert first.context["paginator"].count == 25


def test_search_page_shows_marked_and_escaped_results(client, site, editor):
    """The title and snippet are escaped; the only markup they carry is <mark>."""
    article(
        site,
        editor,
        {"en": "Turbine <b>bold</b> & co"},
        bodies={"en": "<p>Turbine blades turn.</p>"},
    )
    html = client.get("/en/search/", {"q": "turbine"}).content.decode()
    assert "<mark>Turbine</mark> &lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    assert "<b>bold</b>" not in html


def test_highlights_escape_everything_but_mark(site, editor):
    """highlight_results never lets stored markup through."""
    target = article(site, editor, {"en": "Plain <i>x</i> turbine"})
    results = highlight_results(list(search("en", "turbine")), "en", "turbine")
    (result,) = [item for item in results if item.article_id == target.pk]
    assert "<i>" not in result.title_html
    assert "<mark>" in result.title_html


def test_an_empty_query_shows_only_the_form(client, site):
    """Without words the page shows the form and no results."""
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert list(response.context["articles"]) == []


@sqlite_only
def test_sqlite_fallback_matches_substrings_in_any_field(site):
    """On SQLite every word must occur somewhere, case-insensitively; punctuation is ignored."""
    assert found("en", "SUBSEA") == [site.main.pk]
    assert found("en", '"subsea" -baku') == [site.main.pk]
    assert found("en", "subsea nonexistentword") == []
    assert found("en", "!!!") == []


@postgres_only
@pytest.mark.parametrize(
    ("lang", "title", "query"),
    [
        ("en", "Türkiye and the straits", "turkiye"),
        ("tr", "Türkiye ve boğazlar", "TURKIYE"),
        ("tr", "Işık ve enerji", "ışık"),
        ("ru", "Газ и трубы", "газ"),
        ("ru", "ГАЗ И ЁЛКИ", "елки"),
    ],
)
def test_full_text_search_ignores_case_and_accents_in_every_language(
    site, editor, lang, title, query
):
    """On PostgreSQL too: “Turkiye” finds “Türkiye”, “елки” finds “ЁЛКИ” (``unaccent`` in each
    language's text-search configuration, before its stemmer)."""
    titles = {"en": "Other", "tr": "Başka", "ru": "Другое"} | {lang: title}
    created = article(site, editor, titles)
    assert found(lang, query) == [created.pk]


@sqlite_only
@pytest.mark.parametrize(
    ("lang", "title", "query"),
    [
        ("en", "Türkiye and the straits", "turkiye"),
        ("tr", "Türkiye ve boğazlar", "TÜRKİYE"),
        ("tr", "Işık ve enerji", "isik"),
        ("ru", "Газ и трубы", "газ"),
        ("ru", "ГАЗ И ЁЛКИ", "елки"),
    ],
)
def test_sqlite_fallback_ignores_case_and_accents_in_every_language(
    site, editor, lang, title, query
):
    """“Turkiye” finds “Türkiye”, “газ” finds “Газ”: not only ASCII letters are folded."""
    titles = {"en": "Other", "tr": "Başka", "ru": "Другое"} | {lang: title}
    created = article(site, editor, titles)
    assert found(lang, query) == [created.pk]


@sqlite_only
def test_sqlite_fallback_searches_highlights_and_the_language_only(site):
    """Highlights count, and the Russian text is not searched from the English page."""
    assert found("en", "two grids") == [site.main.pk]
    assert found("en", "Каспием") == []
    assert found("ru", "Каспием") == [site.main.pk]


def test_the_search_page_costs_a_fixed_number_of_queries(client, site, editor):
    """Searching costs the same with a few results as with three pages of them, on any page
    (once the filters' choices are kept: the first page after a change makes them again,
    ``tests/test_filter_choices.py``)."""
    url = "/tr/search/?q=kablo"

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count(url)
    for i in range(45):
        make_live_article(
            editor,
            site.analysis,
            [site.author, site.coauthor],
            titles={"en": f"Cable {i}", "tr": f"Kablo {i}"},
            at=PUBLISHED_AT - datetime.timedelta(days=i + 1),
        )
    assert count(url) == few
    assert count(url + "&page=2") == few
    assert count(url + "&topic=enerji&type=analiz&year=2024") == few


@postgres_only
def test_deleting_an_article_deletes_its_search_entries(site, editor):
    """The stored vectors go with their article, authorships and topics included."""
    from articles.models import SearchEntry

    target = article(site, editor, {"en": "Short-lived"}, topics=[site.energy])
    assert SearchEntry.objects.filter(article_id=target.pk).exists()
    pk = target.pk
    target.delete()
    assert not SearchEntry.objects.filter(article_id=pk).exists()


def test_very_common_searches_are_counted_up_to_a_cap(client, site, editor, monkeypatch):
    """Beyond MAX_COUNTED matches the page says "more than" instead of counting them all."""
    from articles.search import query as search_module

    monkeypatch.setattr(search_module, "MAX_COUNTED", 3)
    for i in range(5):
        article(site, editor, {"en": f"Capped probe {i}"})
    response = client.get("/en/search/", {"q": "capped probe"})
    assert response.context["paginator"].count == 3
    assert "More than 3 results" in response.content.decode()
    assert len(response.context["articles"]) == 3
