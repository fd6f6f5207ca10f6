"""The admin at scale: lists and forms cost the same number of queries however many rows,
authors, topics or citations they hold; the search box finds titles in every language and
authors' names; long lists count cheaply and read only the rows of the page; autocomplete
answers only those who may see the objects."""

import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles.models import Article, Authorship, Topic, Translation, TranslationStatus
from audit.models import LogEntry
from citations.models import Citation, Source
from people.models import Person
from thinktank import admin_paging

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ARTICLES = "/admin/articles/article/"


@pytest.fixture
def people(db):
    return [
        Person.objects.create(given_name=f"Given{i}", family_name=f"Family{i}", slug=f"p-{i}")
        for i in range(4)
    ]


@pytest.fixture
def topics(db):
    return [Topic.objects.create(name_en=f"Topic {i}", slug_en=f"topic-{i}") for i in range(4)]


@pytest.fixture
def write(analysis, people, topics, source):
    """Articles with ``authors`` people, ``terms`` topics and ``citations`` citations each."""

    def make(count, *, authors=1, terms=1, citations=1, owner=None, **titles):
        made = []
        for _ in range(count):
            number = Article.objects.count()
            article = Article.objects.create(
                article_type=analysis,
                title_en=titles.get("title_en", f"Article {number}"),
                title_tr=titles.get("title_tr", ""),
                title_ru=titles.get("title_ru", ""),
                slug_en=f"article-{number}",
                body_en="<p>Text.</p>",
                created_by=owner,
            )
            for order, person in enumerate(people[:authors]):
                Authorship.objects.create(article=article, person=person, sort_order=order)
            article.topics.set(topics[:terms])
            for index in range(citations):
                Citation.objects.create(article=article, source=source, number=index + 1)
            made.append(article)
        return made

    return make


def queries_of(client, url):
    """The page, and its queries once per-process caches (content types) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(queries)


def titles_listed(response):
    return {str(article) for article in response.context["cl"].result_list}


# Fixed query counts ---------------------------------------------------------------------------


LISTS = [
    ARTICLES,
    f"{ARTICLES}?q=article",
    f"{ARTICLES}?q=Family0",
    f"{ARTICLES}?status=draft",
    f"{ARTICLES}?p=2",
    "/admin/articles/translation/",
    "/admin/citations/source/",
    "/admin/citations/source/?o=-5",
    "/admin/audit/logentry/",
    "/admin/people/person/",
    "/admin/articles/topic/",
]


@pytest.mark.parametrize("url", LISTS)
def test_admin_lists_cost_the_same_queries_for_few_or_many_rows(client, editor, write, url):
    """Each list page costs as many queries with 101 articles of four authors, four topics and
    three citations each as with 101 articles of one of each (page 2 exists in both), and as
    many for 150 log lines as for 101."""
    client.force_login(editor)
    write(101)
    LogEntry.objects.bulk_create(LogEntry(action="publish", subject=f"s{i}") for i in range(101))
    _response, few = queries_of(client, url)
    Article.objects.all().delete()
    write(150, authors=4, terms=4, citations=3)
    LogEntry.objects.bulk_create(LogEntry(action="publish", subject=f"t{i}") for i in range(50))
    response, many = queries_of(client, url)
    assert many == few, url
    if url.startswith(ARTICLES) and "status" not in url:
        assert len(response.context["cl"].result_list) == (50 if "p=2" in url else 100)


def test_source_list_and_page_cost_the_same_for_one_or_many_citing_articles(
    client, editor, write, source
):
    """A source cited by 31 articles costs the queries of one cited once; the list names the
    first three citing articles, the page the first 20 citations, and both count the rest."""
    client.force_login(editor)
    write(1)
    page = f"/admin/citations/source/{source.pk}/change/"
    _r, list_few = queries_of(client, "/admin/citations/source/")
    _r, page_few = queries_of(client, page)
    write(30)
    response, list_many = queries_of(client, "/admin/citations/source/")
    assert list_many == list_few
    assert "and 28 more citations" in response.content.decode()
    response, page_many = queries_of(client, page)
    assert page_many == page_few
    assert "and 11 more citations" in response.content.decode()


def test_article_change_form_costs_the_same_for_more_authors_topics_and_citations(
    client, editor, write
):
    """The change form of an article with four authors, four topics and three citations costs
    the queries of one with one of each."""
    client.force_login(editor)
    (small,) = write(1)
    (large,) = write(1, authors=4, terms=4, citations=3)
    write(20, authors=4, terms=4)  # more articles elsewhere change nothing either
    _r, few = queries_of(client, f"{ARTICLES}{small.pk}/change/")
    _r, many = queries_of(client, f"{ARTICLES}{large.pk}/change/")
    assert many == few


def test_topic_filter_lists_each_article_once_without_removing_duplicates(
    client, editor, write, topics
):
    """Filtering by a topic lists each of its articles once and counts them right, in the same
    queries for 4 articles as for 40 with four topics each, and no query de-duplicates rows
    (``DISTINCT`` over every column of 100,000 articles took most of the page's time)."""
    client.force_login(editor)
    write(3, terms=1)
    write(1, terms=0)
    url = f"{ARTICLES}?topics__id__exact={topics[0].pk}"
    _response, few = queries_of(client, url)
    write(40, terms=4)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) == few
    distinct_rows = 'DISTINCT "articles_article"."id"'
    assert not [query for query in queries.captured_queries if distinct_rows in query["sql"]]
    listed = [article.pk for article in response.context["cl"].result_list]
    assert sorted(listed) == sorted(
        Article.objects.filter(topics=topics[0]).values_list("pk", flat=True)
    )
    assert len(listed) == 43
    assert re.search(r"43\s+articles", response.content.decode())
    without = client.get(ARTICLES, {"topics__isnull": "True"}).context["cl"].result_list
    assert len(without) == 1


def test_source_list_names_the_first_citing_articles_in_article_order(
    client, editor, write, source
):
    """The source list names a source's first three citing articles in article order (each
    once, however often it cites the source) and links "and N more citations" to the article
    list filtered by the source; the page names the first 20 citations. On PostgreSQL they are
    read by walking the index per source, never by numbering every citation in a window."""
    client.force_login(editor)
    articles = write(2, citations=3)  # the first two articles cite the source three times each
    articles += write(23)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/citations/source/")
    (shown,) = response.context["cl"].result_list
    assert [(article.pk, total) for article, total in shown.citing] == [
        (articles[0].pk, 3),
        (articles[1].pk, 3),
        (articles[2].pk, 1),
    ]
    html = response.content.decode()
    assert str(articles[2]) in html and str(articles[3]) not in html
    more = re.search(r'<a href="([^"]+)" class="more-citations">and 22 more citations</a>', html)
    assert more, html
    if connection.vendor == "postgresql":
        assert not [q for q in queries.captured_queries if "ROW_NUMBER" in q["sql"]]
    listed = client.get(more.group(1).replace("&amp;", "&"))
    assert {article.pk for article in listed.context["cl"].result_list} == {
        article.pk for article in articles
    }
    page = client.get(f"/admin/citations/source/{source.pk}/change/").content.decode()
    assert str(articles[15]) in page  # 6 citations of the first two, then 14 articles
    assert str(articles[16]) not in page
    assert "and 9 more citations" in page


def test_and_more_leads_to_the_articles_citing_the_source(client, editor, write, source):
    """The article list filtered by a source lists the articles citing it (not the others),
    names the source in its filter (which can be cleared), and costs the same queries for 3
    citing articles as for 40."""
    client.force_login(editor)
    other = Source.objects.create(kind="web", title="Other work", url="https://o.example.org/")
    citing = write(3)
    (elsewhere,) = write(1, citations=0)
    Citation.objects.create(article=elsewhere, source=other, number=1)
    url = f"{ARTICLES}?source={source.pk}"
    response, few = queries_of(client, url)
    assert {article.pk for article in response.context["cl"].result_list} == {
        article.pk for article in citing
    }
    html = response.content.decode()
    assert "By cited source" in html and str(source) in html
    assert re.search(r"3\s+articles", html)
    citing += write(40, authors=4, terms=4, citations=2)
    response, many = queries_of(client, url)
    assert many == few
    assert len(response.context["cl"].result_list) == 43
    listed = client.get(ARTICLES, {"source": other.pk}).context["cl"].result_list
    assert [article.pk for article in listed] == [elsewhere.pk]
    assert client.get(ARTICLES, {"source": "x"}).status_code in (200, 302)  # refused quietly


def test_article_list_reads_its_first_and_last_dates_once(client, editor, write, people):
    """The date drill-down of a list filtered by an author asks for the first and last
    publication dates in one query (Django's drill-down and the probing of years share it)."""
    client.force_login(editor)
    write(3)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ARTICLES, {"author": people[0].pk})
    assert len(response.context["cl"].result_list) == 3
    bounds = [
        q
        for q in queries.captured_queries
        if 'MIN("articles_article"."publish_at")' in q["sql"]  # SQLite
        or (  # PostgreSQL: the first and last dates as two walks of the date's index
            connection.vendor == "postgresql"
            and '"articles_article"."publish_at" IS NOT NULL' in q["sql"]
            and "LIMIT 1" in q["sql"]
        )
    ]
    assert len(bounds) == 1


# The search box ---------------------------------------------------------------------------------


def test_search_finds_titles_in_each_language_and_authors(client, editor, write, people):
    """A word of the English, Turkish or Russian title finds the article, as does an author's
    name; every word must match; other articles are not listed."""
    client.force_login(editor)
    write(
        1,
        title_en="Pipeline politics in the Caspian",
        title_tr="Hazar'da boru hattı siyaseti",
        title_ru="Политика трубопроводов на Каспии",
    )
    write(1, title_en="Solar tariffs", title_tr="Güneş tarifeleri", title_ru="Солнечные тарифы")
    Authorship.objects.filter(article__title_en="Solar tariffs").update(person=people[2])
    wanted = {"Pipeline politics in the Caspian"}
    for word in ("pipeline", "PIPELINE", "boru hattı", "siyaseti", "трубопроводов", "Каспии"):
        response = client.get(ARTICLES, {"q": word})
        assert titles_listed(response) == wanted, word
    assert titles_listed(client.get(ARTICLES, {"q": "Family2"})) == {"Solar tariffs"}
    assert titles_listed(client.get(ARTICLES, {"q": "pipeline Family2"})) == set()
    assert titles_listed(client.get(ARTICLES, {"q": '"boru hattı" Family0'})) == wanted
    assert titles_listed(client.get(ARTICLES, {"q": "nothing-like-this"})) == set()


def test_contributor_search_finds_only_their_own(client, contributor, write):
    """A contributor's search never lists someone else's article, even when its title matches."""
    write(1, title_en="Grid study (mine)", owner=contributor)
    write(1, title_en="Grid study (theirs)")
    client.force_login(contributor)
    assert titles_listed(client.get(ARTICLES, {"q": "grid"})) == {"Grid study (mine)"}


# Pagination ------------------------------------------------------------------------------------


def test_pages_list_the_rows_of_the_ordered_list(client, editor, write):
    """Page 2 lists the 101st to 150th articles of the list's order, as the full list would."""
    client.force_login(editor)
    write(150)
    expected = [str(article) for article in Article.objects.order_by("-publish_at", "-id")]
    response = client.get(ARTICLES, {"p": 2})
    assert [str(article) for article in response.context["cl"].result_list] == expected[100:]
    assert re.search(r"150\s+articles", response.content.decode())


def test_long_lists_say_their_count_is_an_estimate(client, editor, write, monkeypatch):
    """Past the exact count's limit, PostgreSQL's estimate is shown as "about N"; elsewhere (and
    below the limit) the count is exact. Pages still list the right rows."""
    monkeypatch.setattr(admin_paging.LargeListPaginator, "exact_up_to", 5)
    client.force_login(editor)
    write(8)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE articles_article")
    response = client.get(ARTICLES)
    page = response.content.decode()
    paginator = response.context["cl"].paginator
    if connection.vendor == "postgresql":
        assert paginator.count_is_estimate
        assert re.search(r"about \d+\s+articles", page)
        assert paginator.count >= 6
    else:
        assert not paginator.count_is_estimate
        assert re.search(r"(?<!about )8\s+articles", page)
    assert len(response.context["cl"].result_list) == 8


# Autocomplete ------------------------------------------------------------------------------------


def autocomplete(client, app_label, model_name, field_name, term):
    return client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )


def test_autocomplete_answers_who_may_see_the_objects(client, contributor, make_user, people):
    """A contributor finds people, topics and sources for their articles' fields; a staff user
    whose role does not include seeing people is refused (403) and learns no name."""
    Topic.objects.create(name_en="Energy security", slug_en="energy-security")
    Source.objects.create(kind="web", title="Energy outlook", url="https://e.org/outlook")
    client.force_login(contributor)
    found = autocomplete(client, "articles", "authorship", "person", "Family1")
    assert found.status_code == 200
    assert [item["text"] for item in found.json()["results"]] == [str(people[1])]
    topics = autocomplete(client, "articles", "article", "topics", "energy")
    assert [item["text"] for item in topics.json()["results"]] == ["Energy security"]
    sources = autocomplete(client, "citations", "citation", "source", "outlook")
    assert len(sources.json()["results"]) == 1
    outsider = make_user("olaf")  # staff, but no role: may see nothing
    client.force_login(outsider)
    refused = autocomplete(client, "articles", "authorship", "person", "Family1")
    assert refused.status_code == 403
    assert "Family1" not in refused.content.decode()


def test_growing_selects_are_autocompletes():
    """Every select of the article form that grows with the site is an autocomplete."""
    article_admin = admin.site.get_model_admin(Article)
    assert {"topics", "regions"} <= set(article_admin.autocomplete_fields)
    inlines = {inline.model._meta.model_name: inline for inline in article_admin.inlines}
    assert "person" in inlines["authorship"].autocomplete_fields
    assert "source" in inlines["citation"].autocomplete_fields


def test_date_drill_down_offers_only_years_and_months_with_articles(client, editor, write, topics):
    """The list's dates offer the years that have articles (2024 and 2026, not 2025), then
    the months of the chosen year that have some; filtered by a topic, those of its articles
    (2022 and 2026); an article without a date changes nothing."""
    client.force_login(editor)
    for when in ("2024-03-05", "2026-01-10", "2026-07-20"):
        (article,) = write(1, terms=0)
        Article.objects.filter(pk=article.pk).update(publish_at=f"{when}T12:00:00Z")
    for when in ("2022-11-30", "2026-07-21"):
        (article,) = write(1, terms=1)
        Article.objects.filter(pk=article.pk).update(publish_at=f"{when}T12:00:00Z")
    (undated,) = write(1, terms=1)
    Article.objects.filter(pk=undated.pk).update(publish_at=None)
    page = client.get(ARTICLES).content.decode()
    assert re.findall(r"publish_at__year=(\d+)", page) == ["2022", "2024", "2026"]
    page = client.get(ARTICLES, {"publish_at__year": 2026}).content.decode()
    assert re.findall(r"publish_at__month=(\d+)", page) == ["1", "7"]
    by_topic = {"topics__id__exact": topics[0].pk}
    page = client.get(ARTICLES, by_topic).content.decode()
    assert re.findall(r"publish_at__year=(\d+)", page) == ["2022", "2026"]
    page = client.get(ARTICLES, {**by_topic, "publish_at__year": 2022}).content.decode()
    assert re.findall(r"publish_at__month=(\d+)", page) == ["11"]


# Rendering ---------------------------------------------------------------------------------------


def test_row_checkboxes_are_djangos_html(client, editor, write):
    """The lists' row checkboxes (written by ``thinktank.admin_rows``, not rendered as form
    widgets) are byte for byte what Django's widget renders, escaping included; selecting rows
    for an action still works."""
    from thinktank.admin_rows import DJANGO_ACTION_CHECKBOX, action_checkbox

    (article,) = write(1, title_en='Gas & "grids" <2030>')
    article_admin = admin.site.get_model_admin(Article)
    with translation.override("tr"):
        assert action_checkbox(article_admin, article) == DJANGO_ACTION_CHECKBOX(
            article_admin, article
        )
    client.force_login(editor)
    html = client.get(ARTICLES).content.decode()
    assert str(DJANGO_ACTION_CHECKBOX(article_admin, article)) in html


# The translation dashboard ------------------------------------------------------------------


DASHBOARD = "/admin/articles/translation/"


def dashboard_rows(response):
    return re.findall(r'<tr id="article-(\d+)">', response.content.decode())


def page_links(response):
    html = response.content.decode()
    return {
        rel: href.replace("&amp;", "&")
        for href, rel in re.findall(r'<a href="([^"]+)" rel="(prev|next)">', html)
    }


def test_translation_dashboard_pages_newest_changes_first(client, editor, write):
    """The dashboard shows 50 articles a page, newest changes first, with links to the older
    and newer pages; every page costs the same queries, for 60 articles as for 120."""
    client.force_login(editor)
    write(60)
    _r, few = queries_of(client, DASHBOARD)
    write(60, authors=4, terms=4, citations=3)
    newest_first = [
        str(pk) for pk in Article.objects.order_by("-updated_at").values_list("pk", flat=True)
    ]
    response, many = queries_of(client, DASHBOARD)
    assert many == few
    assert dashboard_rows(response) == newest_first[:50]
    assert page_links(response) == {"next": "?p=2"}
    assert "Page 1: articles 1–50" in response.content.decode()
    response, third = queries_of(client, f"{DASHBOARD}?p=3")
    assert third == few
    assert dashboard_rows(response) == newest_first[100:]
    assert page_links(response) == {"prev": "?p=2"}
    second = client.get(f"{DASHBOARD}?p=2")
    assert dashboard_rows(second) == newest_first[50:100]
    assert page_links(second) == {"prev": "/admin/articles/translation/", "next": "?p=3"}
    assert dashboard_rows(client.get(f"{DASHBOARD}?p=x")) == newest_first[:50]


def test_translation_dashboard_pages_keep_the_filter_and_the_translators_view(
    client, editor, write, make_translator
):
    """Page links keep the chosen filter ("needs update") and the translator's "mine" view;
    each page lists only what the filter keeps."""
    articles = write(70)
    stale = articles[:55]
    for article in stale:
        Translation.objects.update_or_create(
            article=article, language="tr", defaults={"status": TranslationStatus.NEEDS_UPDATE}
        )
    Translation.objects.filter(language="tr").exclude(article__in=stale).update(
        status=TranslationStatus.APPROVED
    )
    client.force_login(editor)
    response = client.get(DASHBOARD, {"status": "needs_update"})
    assert len(dashboard_rows(response)) == 50
    assert page_links(response) == {"next": "?status=needs_update&p=2"}
    rest = client.get(page_links(response)["next"].join([DASHBOARD, ""]))
    assert {int(pk) for pk in dashboard_rows(rest)} <= {article.pk for article in stale}
    assert len(dashboard_rows(rest)) == 5
    assert page_links(rest) == {"prev": "?status=needs_update"}
    translator = make_translator("tuna", "tr")
    client.force_login(translator)
    mine = client.get(DASHBOARD, {"mine": "1"})
    waiting = set(
        Translation.objects.filter(language="tr")
        .exclude(status__in=[TranslationStatus.APPROVED, TranslationStatus.READY])
        .values_list("article_id", flat=True)
    )
    assert len(waiting) > 50
    assert page_links(mine) == {"next": "?mine=1&p=2"}
    older = client.get(DASHBOARD + page_links(mine)["next"])
    shown = {int(pk) for pk in dashboard_rows(mine) + dashboard_rows(older)}
    assert shown == waiting
    assert page_links(older) == {"prev": "?mine=1"}
