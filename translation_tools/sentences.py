"""Sentence boundaries in a segment's tagged text, by the rules of its language.

A paragraph splits after ``.``, ``!``, ``?`` or ``…`` (with any closing quotes, brackets and
footnote markers that follow) where a space comes next and then what can start a sentence
(a capital letter, a digit, an opening quote or bracket), and never:

- inside an inline element (a link, emphasis: the placeholder must stay whole),
- after a known abbreviation of the language ("e.g.", "Dr.", "т. е.", "örn.") or a single
  capital initial ("J. Smith"),
- inside a number ("3.5" has no space after its point).

Languages without rules here are not split into sentences (their paragraphs stay whole).
"""

import re

# Abbreviations after which a full stop does not end a sentence (lower case, without the stop).
ABBREVIATIONS = {
    "en": {
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "no",
        "nos",
        "vol",
        "pp",
        "p",
        "fig",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
    },
    "tr": {
        "dr",
        "prof",
        "doç",
        "yrd",
        "av",
        "sn",
        "vb",
        "vs",
        "örn",
        "bkz",
        "yak",
        "s",
        "no",
        "ocak",
        "şub",
        "mar",
        "nis",
        "haz",
        "tem",
        "ağu",
        "eyl",
        "eki",
        "kas",
        "ara",
        "çev",
    },
    "ru": {
        "т.е",
        "т.д",
        "т.п",
        "т.к",
        "др",
        "пр",
        "г",
        "гг",
        "им",
        "ул",
        "д",
        "с",
        "см",
        "рис",
        "стр",
        "тыс",
        "млн",
        "млрд",
        "руб",
        "проф",
        "акад",
        "напр",
        "в",
        "вв",
        "н.э",
        "е",
    },
}
# A sentence end: terminal punctuation, closing quotes/brackets, footnote markers, then spaces.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:\{/\d{1,3}\}|\[\d{1,4}\])*(?P<gap>[ \t\n]+)")
_STARTS_SENTENCE = re.compile(r"(?:[\"“«„(\[]|\{\d{1,3}/?\})*[A-ZÀ-ÖØ-ÞА-ЯЁİĞŞÇÖÜ0-9]")
_PLACEHOLDER = re.compile(r"\{(/?)(\d{1,3})(/?)\}")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def splits_sentences(language: str | None) -> bool:
    return language in ABBREVIATIONS


def sentence_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """``[(start, end)]`` of the sentences of tagged ``text``; the gaps between them are
    spaces. One span (the whole text) when it has a single sentence or no rules."""
    if not splits_sentences(language):
        return [(0, len(text))]
    depth = _depths(text)
    spans = []
    start = 0
    for match in _END.finditer(text):
        gap_start, gap_end = match.span("gap")
        if depth[gap_start] or not _STARTS_SENTENCE.match(text, gap_end):
            continue
        if _abbreviation(text[start : match.start("gap")], language):
            continue
        spans.append((start, gap_start))
        start = gap_end
    spans.append((start, len(text)))
    return [span for span in spans if text[span[0] : span[1]].strip()]


def _depths(text: str) -> list[int]:
    """How many inline elements are open at each position of ``text``."""
    depth = [0] * (len(text) + 1)
    level = 0
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        for index in range(position, match.start()):
            depth[index] = level
        closing, _number, empty = match.groups()
        if not closing and not empty:
            level += 1
        elif closing:
            level = max(level - 1, 0)
        for index in range(match.start(), match.end()):
            depth[index] = level
        position = match.end()
    for index in range(position, len(depth)):
        depth[index] = level
    return depth


def _abbreviation(sentence: str, language: str) -> bool:
    """Whether ``sentence`` ends with an abbreviation or an initial rather than a full stop."""
    bare = re.sub(r"(?:\[\d{1,4}\]|\{/\d{1,3}\})+$", "", sentence.rstrip())
    bare = _PLACEHOLDER.sub(" ", bare).rstrip()
    if not bare.endswith("."):
        return False
    match = _WORD_BEFORE.search(bare)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return (
        word.lower() in ABBREVIATIONS[language]
        or word.lower().rstrip(".") in ABBREVIATIONS[language]
    )
