"""Search over the articles live in one language.

``search(lang, query, filters)`` is the one entry point, on every database. It returns
``SearchResults``: counted (up to ``MAX_COUNTED``) and sliced like a queryset, each slice the
articles of that page, fetched through ``Article.objects.live(lang)`` with what list pages show.

- PostgreSQL: full text against ``SearchEntry``, the trigger-kept index of each article in each
  live language, with the english, turkish or russian configuration. A query must match the
  whole document (title, summary, highlights, author names, body, topics and regions); results
  are ordered by ``ts_rank`` over the ranking vector — the title weighs most, then summary,
  highlights and author names, then topics and regions — and then newest first, so articles that
  only mention the words in their text follow, newest first. Snippets come from ``ts_headline``.
- SQLite (the zero-setup default): every word must occur (case-insensitively, for ASCII) in the
  title, summary, body, highlights, author names, topics or regions; title matches rank first.

The query is read with ``websearch_to_tsquery`` (quotes, ``or``, ``-word``), which accepts any
text; it is capped and cleaned of control characters first. ``highlight_results`` turns the
database's marked snippets into safe HTML: the text is escaped and the only tag it may contain
is ``<mark>``.
"""

import html
import re
from contextlib import contextmanager

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connections, models, transaction
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article, Authorship, Highlight, SearchEntry, Status

# The PostgreSQL text-search configuration of each site language.
SEARCH_CONFIGS = {"en": "english", "tr": "turkish", "ru": "russian"}
MAX_QUERY_LENGTH = 200
# Results are counted (and paginated) up to this many: counting 30,000 matches of a very common
# word costs more than the whole page otherwise does; readers refine such a search instead.
MAX_COUNTED = 1000
MAX_FALLBACK_WORDS = 8
# The year filter probes each year between the first and the latest publication, up to this span.
MAX_PROBED_YEARS = 100
SNIPPET_CHARS = 220
# Private-use characters mark matches in ts_headline's output; they become <mark> after escaping.
START, STOP = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + START + STOP + "]")
_MARKED = re.compile(re.escape(START) + "([^" + START + STOP + "]*)" + re.escape(STOP))
_NOTE_MARKERS = re.compile(r"\[\d+\]")

# Filter name -> lookup (``{lang}`` is the page's language).
FILTERS = {
    "type": "article_type__slug_{lang}",
    "topic": "topics__slug_{lang}",
    "region": "regions__slug_{lang}",
    "author": "authors__slug",
}


def clean_query(query):
    """The query as searched: control characters and NUL bytes dropped, length capped."""
    query = _CONTROL.sub(" ", str(query or ""))[:MAX_QUERY_LENGTH]
    return " ".join(query.split())


def parse_year(value):
    """The year a filter asks for (``"2024"`` → 2024), or None for anything else: other digits
    (``"²⁰²⁴"``), year 0, more or fewer than four digits."""
    value = str(value or "")
    if value.isascii() and value.isdigit() and len(value) == 4 and int(value) > 0:
        return int(value)
    return None


def clean_filters(filters):
    """The filters that take effect, from a mapping such as ``request.GET``."""
    chosen = {}
    for name in (*FILTERS, "year"):
        value = _CONTROL.sub("", str(filters.get(name, "") or ""))[:200].strip()
        if not value:
            continue
        if name == "year" and parse_year(value) is None:
            continue
        chosen[name] = value
    return chosen


def filtered(matches, lang, filters, *, article="pk", published="publish_at"):
    """``matches`` narrowed by the chosen filters; ``article`` and ``published`` name its
    article id and publication time fields."""
    for name, value in clean_filters(filters).items():
        if name == "year":
            matches = matches.filter(**{f"{published}__year": int(value)})
        else:
            ids = Article.objects.filter(**{FILTERS[name].format(lang=lang): value}).values("pk")
            matches = matches.filter(**{f"{article}__in": ids})
    return matches


def uses_full_text(using="default"):
    return connections[using].vendor == "postgresql"


def search(lang, query, filters=None):
    """Articles live in ``lang`` matching ``query`` and ``filters``, best first.

    Each result carries ``search_rank``; on PostgreSQL also ``search_title`` and
    ``search_snippet`` (marked text for ``highlight_results``). An empty query finds nothing.
    """
    query = clean_query(query)
    filters = filters or {}
    if uses_full_text(Article.objects.db):
        return _full_text(lang, query, filters)
    return _substring(lang, query, filters)


class SearchResults:
    """Search results, counted and sliced like a queryset, best first.

    ``matches`` are the matching article ids (counted); ``ranked`` the same with their
    ``search_rank``, best first (sliced). A slice costs three queries whatever its size: its
    ids, then its articles through ``Article.objects.live()`` with ``annotations``, then their
    authors. An article that stopped being live in between is left out of the slice.
    """

    def __init__(self, lang, matches, ranked, annotations=None):
        self.lang = lang
        self.matches = matches
        self.ranked = ranked
        self.annotations = annotations or {}

    def count(self):
        """How many results there are, counted up to ``MAX_COUNTED``."""
        with self.planner_settings():
            return self.matches.order_by()[:MAX_COUNTED].count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        with self.planner_settings():
            ranks = dict(self.ranked[key])
        articles = (
            Article.objects.live(self.lang)
            .for_listing()
            .filter(pk__in=list(ranks))
            .annotate(**self.annotations)
        )
        by_pk = {article.pk: article for article in articles}
        results = []
        for pk, rank in ranks.items():
            if pk in by_pk:
                by_pk[pk].search_rank = rank
                results.append(by_pk[pk])
        return results

    def __iter__(self):
        """The first ``MAX_COUNTED`` results, as far as a reader can page."""
        return iter(self[:MAX_COUNTED])

    @contextmanager
    def planner_settings(self):
        """Settings for the queries that count and rank: none by default."""
        yield


class FullTextResults(SearchResults):
    """Results of PostgreSQL full text: ``matches`` and ``ranked`` are ``SearchEntry`` queries."""

    @contextmanager
    def planner_settings(self):
        """Make PostgreSQL reach the entries through their GIN index, never a sequential scan.

        The document vectors are mostly stored out of line (TOAST), which the planner does not
        cost: for a word in most articles it would otherwise scan the table and decompress every
        document (~190 ms at 100,000 articles, against ~35 ms through the index).
        """
        using = self.matches.db
        if self.matches.query.is_empty():  # no query: nothing is sent to the database
            yield
            return
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def _full_text(lang, query, filters):
    config = SEARCH_CONFIGS[lang]
    tsquery = SearchQuery(query, search_type="websearch", config=config)
    matches = SearchEntry.objects.filter(language=lang, visible_from__lte=timezone.now())
    if not query:
        matches = matches.none()
    matches = filtered(
        matches.filter(document=tsquery),
        lang,
        filters,
        article="article_id",
        published="visible_from",
    )
    ranked = (
        matches.annotate(search_rank=SearchRank(models.F("ranking"), tsquery))
        .order_by("-search_rank", "-visible_from", "-article_id")
        .values_list("article_id", "search_rank")
    )
    marks = {"start_sel": START, "stop_sel": STOP}
    annotations = {
        "search_title": SearchHeadline(
            f"title_{lang}", tsquery, config=config, highlight_all=True, **marks
        ),
        "search_snippet": SearchHeadline(
            Concat(
                f"summary_{lang}",
                models.Value(" "),
                f"body_{lang}",
                output_field=models.TextField(),
            ),
            tsquery,
            config=config,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
            **marks,
        ),
    }
    return FullTextResults(lang, matches.values("article_id"), ranked, annotations)


def query_words(query):
    return re.findall(r"\w+", query)[:MAX_FALLBACK_WORDS]


def _substring(lang, query, filters):
    articles = filtered(Article.objects.live(lang), lang, filters)
    words = query_words(query)
    if not words:
        articles = articles.none()
    rank = models.Value(0)
    for word in words:
        highlights = Highlight.objects.filter(
            article=models.OuterRef("pk"), **{f"text_{lang}__icontains": word}
        )
        people = Authorship.objects.filter(article=models.OuterRef("pk")).filter(
            models.Q(person__given_name__icontains=word)
            | models.Q(person__family_name__icontains=word)
        )
        terms = Article.objects.filter(pk=models.OuterRef("pk")).filter(
            models.Q(**{f"topics__name_{lang}__icontains": word})
            | models.Q(**{f"regions__name_{lang}__icontains": word})
        )
        in_title = models.Q(**{f"title_{lang}__icontains": word})
        in_summary = models.Q(**{f"summary_{lang}__icontains": word})
        in_body = models.Q(**{f"body_{lang}__icontains": word})
        articles = articles.filter(
            in_title
            | in_summary
            | in_body
            | models.Exists(highlights)
            | models.Exists(people)
            | models.Exists(terms)
        )
        # The tiers of the full-text ranking: title; summary, highlights and authors; topics
        # and regions; the body alone adds nothing, so such matches come newest first.
        rank = rank + models.Case(
            models.When(in_title, then=models.Value(4)),
            models.When(
                in_summary | models.Exists(highlights) | models.Exists(people),
                then=models.Value(2),
            ),
            models.When(models.Exists(terms), then=models.Value(1)),
            default=models.Value(0),
        )
    ranked = (
        articles.annotate(search_rank=rank)
        .order_by("-search_rank", "-publish_at", "-pk")
        .values_list("pk", "search_rank")
    )
    return SearchResults(lang, articles.values("pk"), ranked)


def publication_years(lang):
    """Years with articles live in ``lang``, newest first: the choices of the year filter.

    On PostgreSQL: the first and the latest publication, then one probe per year between them,
    each walking the articles' (status, publication time) index and stopping at the first article
    with a search entry in ``lang``, instead of reading every live article to group them by year
    (~250 ms at 100,000 articles). There is deliberately no index on ``visible_from``: the
    planner would prefer it to the GIN index for common words and read every document.
    """
    if not uses_full_text(SearchEntry.objects.db):
        return _grouped_years(lang)
    published = Article.objects.filter(
        status=Status.PUBLISHED,
        publish_at__lte=timezone.now(),
        search_entries__language=lang,
    ).values_list("publish_at", flat=True)
    ends = published.order_by("publish_at")[:1].union(
        published.order_by("-publish_at")[:1], all=True
    )
    years = {timezone.localtime(moment).year for moment in ends}
    if not years:
        return []
    if max(years) - min(years) > MAX_PROBED_YEARS:  # a mistyped year, say 0224: group instead
        return _grouped_years(lang)
    probes = [
        published.filter(publish_at__year=year)
        .annotate(year=models.Value(year))
        .values_list("year", flat=True)[:1]
        for year in range(max(years), min(years) - 1, -1)
    ]
    return sorted(probes[0].union(*probes[1:], all=True), reverse=True)


def _grouped_years(lang):
    """Every live article's year, grouped: right everywhere, slow on a large PostgreSQL site."""
    moments = Article.objects.live(lang).datetimes("publish_at", "year", order="DESC")
    return [moment.year for moment in moments]


class SearchPaginator(Paginator):
    """Pages of ``SearchResults``, which count at most ``MAX_COUNTED`` results."""

    @cached_property
    def count(self):
        return self.object_list.count()

    @property
    def is_capped(self):
        return self.count >= MAX_COUNTED


# Showing results ------------------------------------------------------------------------------


def _plain(text):
    """Text of a fragment of our sanitized HTML: tags removed, entities decoded."""
    return html.unescape(strip_tags(_NOTE_MARKERS.sub("", text or "")))


def _marked_to_html(marked, *, rich=False):
    """Escaped text in which only the matches the database marked are wrapped in ``<mark>``.

    ``rich``: the text is a fragment of our sanitized HTML (a body), read as text first."""
    text = _plain(marked) if rich else (marked or "")
    text = escape(" ".join(text.split()))
    text = _MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above


def _mark_words(text, words):
    """Escaped ``text`` with each occurrence of ``words`` wrapped in ``<mark>``."""
    text = escape(text)
    if words:
        pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
        text = pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", text)
    return mark_safe(text)  # noqa: S308 - escaped above; words are \w+ only


def _excerpt(text, words):
    lowered = text.casefold()
    positions = [lowered.find(word.casefold()) for word in words]
    positions = [position for position in positions if position >= 0]
    start = max(0, min(positions) - SNIPPET_CHARS // 3) if positions else 0
    excerpt = text[start : start + SNIPPET_CHARS]
    if start:
        excerpt = "… " + excerpt.split(" ", 1)[-1]
    if start + SNIPPET_CHARS < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0] + " …"
    return excerpt


def highlight_results(articles, lang, query):
    """Give each result ``title_html`` and ``snippet_html``: escaped text, matches in <mark>."""
    words = query_words(clean_query(query))
    for article in articles:
        if hasattr(article, "search_snippet"):
            article.title_html = _marked_to_html(article.search_title)
            article.snippet_html = _marked_to_html(article.search_snippet, rich=True)
        else:
            title = getattr(article, f"title_{lang}") or ""
            text = " ".join(
                _plain(
                    f"{getattr(article, f'summary_{lang}') or ''} {getattr(article, f'body_{lang}')}"
                ).split()
            )
            article.title_html = _mark_words(title, words)
            article.snippet_html = _mark_words(_excerpt(text, words), words)
    return articles
