"""Search results as readers see them: titles and snippets as safe HTML, matches in ``<mark>``.

On PostgreSQL the database marks the matches (``ts_headline`` with private-use characters);
elsewhere the query's words are marked here. Either way the text is escaped first, and the only
tag it may then contain is ``<mark>``.
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.search.query import START, STOP, clean_query, query_words

SNIPPET_CHARS = 220
_MARKED = re.compile(re.escape(START) + "([^" + START + STOP + "]*)" + re.escape(STOP))
_NOTE_MARKERS = re.compile(r"\[\d+\]")


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


def highlight_results(versions, lang, query):
    """Give each result (a live version) ``title_html`` and ``snippet_html``: escaped text,
    matches in <mark>."""
    words = query_words(clean_query(query))
    for version in versions:
        if hasattr(version, "search_snippet"):
            version.title_html = _marked_to_html(version.search_title)
            version.snippet_html = _marked_to_html(version.search_snippet, rich=True)
        else:
            text = " ".join(_plain(f"{version.summary} {version.body}").split())
            version.title_html = _mark_words(version.title, words)
            version.snippet_html = _mark_words(_excerpt(text, words), words)
    return versions
