"""Search over the articles live in one language.

``search(lang, query, filters)`` is the one entry point, on every database. It returns
``SearchResults``: counted (up to ``MAX_COUNTED``) and sliced like a queryset, each slice the
live versions of that page, fetched through ``LiveVersion.objects.visible(lang)`` with what list
pages show.

- PostgreSQL: full text against ``SearchEntry``, the index of each live version, with the
  language's text-search configuration (``articles.search.schema``). A query must match the
  whole document (title, summary, highlights, author names, body, topics and regions); results
  are ordered by ``ts_rank`` over the ranking vector — the title weighs most, then summary,
  highlights and author names — then come the articles filed under a topic or region the query
  names, newest first, then those that only mention the words in their text, newest first.
  Snippets come from ``ts_headline``.
- SQLite (the zero-setup default): every word must occur (case-insensitively, for ASCII) in the
  title, summary, body, highlights, author names, topics or regions; title matches rank first.

The query is read with ``websearch_to_tsquery`` (quotes, ``or``, ``-word``), which accepts any
text; it is capped and cleaned of control characters first. ``highlight_results`` turns the
database's marked snippets into safe HTML: the text is escaped and the only tag it may contain
is ``<mark>``.
"""

import re
from contextlib import contextmanager

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connections, models, transaction
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.functional import cached_property

from articles.models import LiveAuthorship, LiveVersion, Region, SearchEntry, Topic
from articles.search.filters import CONTROL, ArticleFilterForm, uses_full_text
from thinktank.languages import get_language_info

MAX_QUERY_LENGTH = 200
# Results are counted (and paginated) up to this many: counting 30,000 matches of a very common
# word costs more than the whole page otherwise does; readers refine such a search instead.
MAX_COUNTED = 1000
MAX_FALLBACK_WORDS = 8
# Longer queries are ranked in one tier (``FullTextResults``).
MAX_TIER_WORDS = 16
# ``ts_rank`` gives 1e-20, not 0, to a vector without the query's words (or without all of an
# AND query's): results at that floor are ordered by date only. Real ranks are above 1e-3.
RANK_FLOOR = 1e-10
# Private-use characters mark matches in ts_headline's output (``articles.search.snippets``
# turns them into <mark> after escaping); ``CONTROL`` removes them from queries.
START, STOP = "\ue000", "\ue001"


def clean_query(query) -> str:
    """The query as searched: control characters and NUL bytes dropped, length capped."""
    query = CONTROL.sub(" ", str(query or ""))[:MAX_QUERY_LENGTH]
    return " ".join(query.split())


def query_words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:MAX_FALLBACK_WORDS]


def search(lang: str, query: str, filters=None) -> "SearchResults":
    """Articles live in ``lang`` matching ``query`` and ``filters``, best first.

    Each result carries ``search_rank``; on PostgreSQL also ``search_title`` and
    ``search_snippet`` (marked text for ``highlight_results``). An empty query finds nothing.
    """
    query = clean_query(query)
    filters = ArticleFilterForm(filters or {}, lang=lang, authors=True)
    if uses_full_text(LiveVersion.objects.db):
        return _full_text(lang, query, filters)
    return _substring(lang, query, filters)


class SearchResults:
    """Search results, counted and sliced like a queryset, best first.

    ``matches`` are the matching version ids (counted); ``ranked`` the same with their
    ``search_rank``, best first (sliced). A slice costs a fixed number of queries whatever its
    size: its ids, then its versions through ``LiveVersion.objects.visible()`` with
    ``annotations``, then their people and types. A version that stopped being visible in
    between is left out of the slice.
    """

    def __init__(self, lang, matches, ranked, annotations=None):
        self.lang = lang
        self.matches = matches
        self.ranked = ranked
        self.annotations = annotations or {}
        self._count = None

    def count(self):
        """How many results there are, counted up to ``MAX_COUNTED`` (once)."""
        if self._count is None:
            with self.planner_settings():
                self._count = self.matches.order_by()[:MAX_COUNTED].count()
        return self._count

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        with self.planner_settings():
            ranks = self.ranks(key)
        articles = (
            LiveVersion.objects.visible(self.lang)
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

    def ranks(self, key: slice) -> dict[int, float]:
        """``{version id: rank}`` of the results in ``key``, best first."""
        return dict(self.ranked[key])

    @contextmanager
    def planner_settings(self):
        """Settings for the queries that count and rank: none by default."""
        yield


class FullTextResults(SearchResults):
    """Results of PostgreSQL full text: ``matches`` and ``ranked`` are ``SearchEntry`` queries.

    Results come in three tiers, the order of ``ranked``: the matches whose ranking vector
    (title, summary, highlights, authors) ranks above the floor (``RANK_FLOOR``), best first;
    then those filed under a topic or region the query names, newest first; then the others,
    newest first. A slice is read tier by tier (``tiers``): the first tier is found through the
    ranking vectors' own GIN index (a fraction of the matches of a common word), ranked and cut
    to the slice's end; the second through the filing vectors' index; the third only when those
    run out before the slice ends — neither of the last two computes a rank to order by. Ranking
    every match of a common word read and ranked each of them (~30,000 for ``cooperation`` at
    100,000 articles: ~90 ms; ~3,800 of them hold it in their ranking vector), and ranking the
    articles filed under a topic named by the query ranked a third of the articles for
    ``energy security``.
    """

    def __init__(self, lang, matches, ranked, annotations=None, *, tiers=(), newest=None):
        super().__init__(lang, matches, ranked, annotations)
        self.tiers = list(tiers)
        # Every match, newest first: the last tier when the others are empty (no match holds
        # the words in its title, summary, authors, topics or regions), read without computing
        # what to leave out.
        self.newest = newest

    def ranks(self, key: slice) -> dict[int, float]:
        if not self.tiers or key.stop is None:
            return super().ranks(key)
        start, stop = key.start or 0, key.stop
        rows, before = [], 0  # ``before``: results in the tiers already read
        for number, tier in enumerate(self.tiers, start=1):
            if number == len(self.tiers) and not before and self.newest is not None:
                tier = self.newest
                if self.count() >= MAX_COUNTED:
                    # At least one entry in a hundred matches: walking the entries newest first
                    # reads a few for each result (~80 for a page of a word in a quarter of the
                    # entries and a negated one, where the GIN index made PostgreSQL read and
                    # recheck 25,000 documents).
                    tier = tier.filter(document__gt="")  # ``schema.WORDED``
            low, high = max(0, start - before), stop - before
            part = list(tier[low:high])
            rows += part
            if len(part) == high - low:
                break
            # The tier ends before the slice does: how many results it holds.
            before += low + len(part) if part or not low else tier[:low].count()
        return dict(rows)

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
    config = get_language_info(lang).index_config
    tsquery = SearchQuery(query, search_type="websearch", config=config)
    now = timezone.now()
    visible = SearchEntry.objects.filter(
        models.Q(visible_until__isnull=True) | models.Q(visible_until__gt=now),
        language=lang,
        visible_from__lte=now,
    )
    if not query:
        visible = visible.none()
    visible = filters.filter(visible, version="version_id")
    matches = visible.filter(document=tsquery)
    # Ranked by what the query asks for, its negated words left out: ``ts_rank`` counts them as
    # words to find, so with one every match would rank at the floor (``pipeline -oil``: a title
    # "Gas pipeline" would not lead an article mentioning pipelines in its text).
    wanted = without_negations(query)
    by_words = tsquery
    if wanted and wanted != query:
        by_words = SearchQuery(wanted, search_type="websearch", config=config)
    rank = SearchRank(models.F("ranking"), by_words)
    filed_rank = SearchRank(models.F("filed"), by_words)
    # Below the ranked results: those filed under a topic or region the query names.
    filed_next = models.Case(
        models.When(
            models.Q(search_rank__lte=RANK_FLOOR, filed_rank__gt=RANK_FLOOR), then=models.Value(1)
        ),
        default=models.Value(0),
    )
    ranked = (
        matches.annotate(search_rank=rank, filed_rank=filed_rank)
        .annotate(filed_next=filed_next)
        .order_by("-search_rank", "-filed_next", "-visible_from", "-version_id")
        .values_list("version_id", "search_rank")
    )
    marks = {"start_sel": START, "stop_sel": STOP}
    annotations = {
        "search_title": SearchHeadline(
            "title", tsquery, config=config, highlight_all=True, **marks
        ),
        "search_snippet": SearchHeadline(
            Concat("summary", models.Value(" "), "body", output_field=models.TextField()),
            tsquery,
            config=config,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
            **marks,
        ),
    }
    words = re.findall(r"\w+", wanted)
    if not words or len(words) > MAX_TIER_WORDS:
        return FullTextResults(lang, matches.values("version_id"), ranked, annotations)
    # Any of the words ranked by (a superset of their lexemes): a vector that holds none of them
    # ranks at the floor.
    any_word = SearchQuery(words[0], config=config)
    for word in words[1:]:
        any_word = any_word | SearchQuery(word, config=config)
    needs = ranking_needs(wanted, config)
    by_date = ("-visible_from", "-version_id")
    tiers = []
    for vector in ("ranking", "filed"):
        if needs is not None and "-" not in query:
            # Without a negated word, a vector matching the query means the document does (it
            # holds the vector): the document, out of line, is read only for the others — for
            # ``"black sea"``, not for the articles filed under the region Black Sea.
            candidates = visible.filter(**{vector: needs}).filter(
                models.Q(**{vector: tsquery}) | models.Q(document=tsquery)
            )
        else:
            candidates = matches.filter(**{vector: needs or any_word})
        tiers.append(candidates.annotate(search_rank=rank, filed_rank=filed_rank))
    titled, filed = tiers
    # Newest first by a walk of the filed entries' date index (``schema.FILED``), which stops
    # at the page's end: each row it reads is cheap to test (two small vectors, in line), and a
    # third of a language's entries may be filed under a topic a query names.
    filed = filed.filter(filed__gt="")  # ``FILED``: a vector is greater than the empty one
    untitled = matches.annotate(search_rank=rank, filed_rank=filed_rank)
    in_first = models.Q(ranking=any_word) & models.Q(search_rank__gt=RANK_FLOOR)
    in_second = models.Q(filed=any_word) & models.Q(filed_rank__gt=RANK_FLOOR)
    tiers = [
        titled.filter(search_rank__gt=RANK_FLOOR).order_by("-search_rank", *by_date),
        filed.filter(filed_rank__gt=RANK_FLOOR).exclude(in_first).order_by(*by_date),
        untitled.exclude(in_first).exclude(in_second).order_by(*by_date),
    ]
    return FullTextResults(
        lang,
        matches.values("version_id"),
        ranked,
        annotations,
        tiers=[tier.values_list("version_id", "search_rank") for tier in tiers],
        newest=matches.annotate(search_rank=rank)
        .order_by(*by_date)
        .values_list("version_id", "search_rank"),
    )


# A negated word or phrase of a ``websearch`` query: ``-oil``, ``-"oil spill"``.
NEGATED = re.compile(r'(?:^|(?<=\s))-(?:"[^"]*"?|\S+)')


def without_negations(query: str) -> str:
    """The query without its negated words and phrases (``pipeline -oil`` → ``pipeline``)."""
    return " ".join(NEGATED.sub(" ", query).split())


# A query of plain words (letters and digits), each perhaps quoted or negated, without ``or``:
# PostgreSQL's parser reads these words exactly as ``plainto_tsquery`` reads each alone.
PLAIN_WORDS = re.compile(r'^\s*(?:-?"?[^\W_]+"?(?:\s+|$))+$')
MAX_PAIRED_WORDS = 6


def ranking_needs(query: str, config: str) -> SearchQuery | None:
    """What the ranking vector of every result ranked above the floor matches, narrower than
    "any of the words" where that is known: None when it is not.

    ``ts_rank`` ranks a query of words joined by AND (a phrase, negations: ``websearch`` without
    ``or``) by the distances between the positions of two of its distinct words found in the
    vector; with fewer than two found it gives the floor. So such a result's ranking vector holds
    at least one pair of the query's words — for ``energy security``, both words: the ranking
    vectors' GIN index then finds the few entries with both in their title, summary, authors or
    topics, where "either word" made PostgreSQL read ~36,000 of them at 100,000 articles.
    """
    words = list(dict.fromkeys(word.casefold() for word in re.findall(r"[^\W_]+", query)))
    if not PLAIN_WORDS.match(query) or "or" in words or not 2 <= len(words) <= MAX_PAIRED_WORDS:
        return None
    pairs = None
    for number, first in enumerate(words):
        for second in words[number + 1 :]:
            pair = SearchQuery(first, config=config) & SearchQuery(second, config=config)
            pairs = pair if pairs is None else pairs | pair
    return pairs


def _substring(lang, query, filters):
    versions = filters.filter(LiveVersion.objects.visible(lang))
    words = query_words(query)
    if not words:
        versions = versions.none()
    rank = models.Value(0)
    for word in words:
        people = LiveAuthorship.objects.filter(version=models.OuterRef("pk")).filter(
            models.Q(person__given_name__folded=word) | models.Q(person__family_name__folded=word)
        )
        terms = LiveVersion.objects.filter(pk=models.OuterRef("pk")).filter(
            models.Q(topics__in=Topic.objects.named_in(lang).filter(_named_like(lang, word)))
            | models.Q(regions__in=Region.objects.named_in(lang).filter(_named_like(lang, word)))
        )
        in_title = models.Q(title__folded=word)
        in_summary = models.Q(summary__folded=word) | models.Q(highlights__folded=word)
        in_body = models.Q(body__folded=word)
        versions = versions.filter(
            in_title | in_summary | in_body | models.Exists(people) | models.Exists(terms)
        )
        # The tiers of the full-text ranking: title; summary, highlights and authors; topics
        # and regions; the body alone adds nothing, so such matches come newest first.
        rank = rank + models.Case(
            models.When(in_title, then=models.Value(4)),
            models.When(in_summary | models.Exists(people), then=models.Value(2)),
            models.When(models.Exists(terms), then=models.Value(1)),
            default=models.Value(0),
        )
    ranked = (
        versions.annotate(search_rank=rank)
        .order_by("-search_rank", "-publish_at", "-pk")
        .values_list("pk", "search_rank")
    )
    return SearchResults(lang, versions.values("pk"), ranked)


def _named_like(lang, word):
    """A term whose public name in ``lang`` contains ``word`` (its source name, or the name of
    its approved translation)."""
    if lang == settings.LANGUAGE_CODE:
        return models.Q(**{f"name_{lang}__folded": word})
    return models.Q(
        translations__language=lang,
        translations__approved_at__isnull=False,
        **{f"translations__live_values__name_{lang}__folded": word},
    )


class SearchPaginator(Paginator):
    """Pages of ``SearchResults``, which count at most ``MAX_COUNTED`` results."""

    @cached_property
    def count(self):
        return self.object_list.count()

    @property
    def is_capped(self):
        return self.count >= MAX_COUNTED
