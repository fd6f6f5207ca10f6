"""Do an article's footnote markers and its citations agree? Pure functions over plain values.

``body_by_lang`` maps a language code to that language's body HTML; ``citations`` are objects with
``number``, ``accessed_on`` and ``source`` (with ``title`` and ``published_on``): model instances,
saved or not, or look-alikes. Errors stop a save (the admin's citation formset raises them);
warnings are shown but do not.

Duplicate numbers are refused by the formset's unique check and the database constraint
``citation_number_once_per_article``; future access dates by ``validate_not_future``; malformed
URLs and DOIs by the fields of ``Source``.
"""

from django.utils.translation import gettext as _

from citations.footnotes import markers_in
from thinktank.languages import language_codes, language_name, translated_value


def _numbers(numbers):
    return ", ".join(f"[{number}]" for number in sorted(numbers))


def citation_errors(body_by_lang, citations):
    """Markers in a body that no citation answers: one message per language."""
    known = {citation.number for citation in citations}
    errors = []
    for lang, html in body_by_lang.items():
        missing = set(markers_in(html or "")) - known
        if missing:
            errors.append(
                _("The %(language)s text has footnote markers with no citation: %(numbers)s.")
                % {"language": language_name(lang), "numbers": _numbers(missing)}
            )
    return errors


def citation_warnings(body_by_lang, citations):
    """Citations a written language never marks, and sources read before they were published."""
    citations = sorted(citations, key=lambda citation: citation.number)
    warnings = []
    for lang, html in body_by_lang.items():
        if not (html or "").strip():
            continue
        marked = set(markers_in(html))
        unmarked = {citation.number for citation in citations} - marked
        if unmarked:
            warnings.append(
                _("The %(language)s text never refers to citations %(numbers)s.")
                % {"language": language_name(lang), "numbers": _numbers(unmarked)}
            )
    for citation in citations:
        source = getattr(citation, "source", None)
        published = getattr(source, "published_on", None)
        if citation.accessed_on and published and citation.accessed_on < published:
            warnings.append(
                _(
                    "Citation [%(number)s]: the access date %(accessed)s is before the source’s "
                    "publication date %(published)s."
                )
                % {
                    "number": citation.number,
                    "accessed": citation.accessed_on.isoformat(),
                    "published": published.isoformat(),
                }
            )
    return warnings


def bodies(article):
    """An article's body per site language, as ``citation_errors``/``citation_warnings`` take it."""
    return {code: translated_value(article, "body", code) for code in language_codes()}


def article_citation_warnings(article):
    """The warnings for a saved article and its saved citations (for the article admin)."""
    citations = list(article.citations.select_related("source"))
    return citation_warnings(bodies(article), citations)
