"""Search over the articles live in one language.

``search(lang, query, filters)`` is the one entry point, on every database:

- PostgreSQL: full text against the stored, weighted vectors of ``SearchDocument`` (title A;
  summary, highlights and author names B; body C; topics and regions D) with the english,
  turkish or russian configuration, ranked by ``ts_rank``, with ``ts_headline`` snippets.
- SQLite (the zero-setup default): every word must occur (case-insensitively, for ASCII) in the
  title, summary, body, highlights, author names, topics or regions; title matches rank first.

Both start from ``Article.objects.live(lang)``. The query is read with ``websearch_to_tsquery``
(quotes, ``or``, ``-word``), which accepts any text; it is capped and cleaned of control
characters first. ``highlight_results`` turns the database's marked snippets into safe HTML: the
text is escaped and the only tag it may contain is ``<mark>``.
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models.functions import Concat
from django.utils.functional import cached_property
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article, Authorship, Highlight

# The PostgreSQL text-search configuration of each site language.
SEARCH_CONFIGS = {"en": "english", "tr": "turkish", "ru": "russian"}
MAX_QUERY_LENGTH = 200
# Results are counted (and paginated) up to this many: counting 30,000 matches of a very common
# word costs more than the whole page otherwise does; readers refine such a search instead.
MAX_COUNTED = 1000
MAX_FALLBACK_WORDS = 8
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


def clean_filters(filters):
    """The filters that take effect, from a mapping such as ``request.GET``."""
    chosen = {}
    for name in (*FILTERS, "year"):
        value = _CONTROL.sub("", str(filters.get(name, "") or ""))[:200].strip()
        if not value:
            continue
        if name == "year" and not (value.isdigit() and len(value) == 4):
            continue
        chosen[name] = value
    return chosen


def filtered(articles, lang, filters):
    for name, value in clean_filters(filters).items():
        if name == "year":
            articles = articles.filter(publish_at__year=int(value))
        else:
            ids = Article.objects.filter(**{FILTERS[name].format(lang=lang): value}).values("pk")
            articles = articles.filter(pk__in=ids)
    return articles


def uses_full_text(using="default"):
    return connections[using].vendor == "postgresql"


def search(lang, query, filters=None):
    """Articles live in ``lang`` matching ``query`` and ``filters``, best first.

    Each result carries ``search_rank``; on PostgreSQL also ``search_title`` and
    ``search_snippet`` (marked text for ``highlight_results``). An empty query finds nothing.
    """
    articles = filtered(Article.objects.live(lang), lang, filters or {})
    query = clean_query(query)
    if not query:
        return articles.none()
    if uses_full_text(articles.db):
        return _full_text(articles, lang, query)
    return _substring(articles, lang, query)


def _full_text(articles, lang, query):
    config = SEARCH_CONFIGS[lang]
    tsquery = SearchQuery(query, search_type="websearch", config=config)
    vector = f"search_document__search_{lang}"
    marks = {"start_sel": START, "stop_sel": STOP}
    return (
        articles.filter(**{vector: tsquery})
        .annotate(
            search_rank=SearchRank(models.F(vector), tsquery),
            search_title=SearchHeadline(
                f"title_{lang}", tsquery, config=config, highlight_all=True, **marks
            ),
            search_snippet=SearchHeadline(
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
        )
        .order_by("-search_rank", "-publish_at", "-pk")
    )


def query_words(query):
    return re.findall(r"\w+", query)[:MAX_FALLBACK_WORDS]


def _substring(articles, lang, query):
    words = query_words(query)
    if not words:
        return articles.none()
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
        rank = rank + models.Case(
            models.When(in_title, then=models.Value(4)),
            models.When(in_summary, then=models.Value(2)),
            models.When(in_body, then=models.Value(1)),
            default=models.Value(0),
        )
    return articles.annotate(search_rank=rank).order_by("-search_rank", "-publish_at", "-pk")


class SearchPaginator(Paginator):
    """Counts at most ``MAX_COUNTED`` results, without ranking or sorting them to do so."""

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[:MAX_COUNTED].count()

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
