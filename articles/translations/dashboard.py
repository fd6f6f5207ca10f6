"""What the translation dashboard shows: articles × languages, counts, what waits for whom."""

from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from articles.models import Article, Translation, TranslationStatus
from articles.models.translation import field_label
from articles.permissions import article_policy, translation_policy
from thinktank.languages import language_codes, localized_names

TS = TranslationStatus
WAITING = [TS.NOT_STARTED, TS.IN_PROGRESS, TS.NEEDS_UPDATE]
UNSHOWN_TEXTS = [name for field in ("body", "summary") for name in (field, *localized_names(field))]


@dataclass
class Cell:
    language: str
    status: str
    label: str
    stale_fields: list
    translatable: bool
    original: bool = False


def dashboard(user: Any, *, mine: bool = False, status: str | None = None, limit: int = 200):
    """The matrix of articles × languages with counts per language and status.

    ``mine`` keeps the translator's languages and the articles where one of them needs work;
    ``status`` keeps articles with a language in that status (``needs_update``, ``ready`` ...).
    """
    languages = language_codes()
    if mine:
        languages = translation_policy.assigned_languages(user)
    rows = Translation.objects.filter(article__isnull=False, language__in=languages)
    # Newest changes first, read through their index; the texts the matrix does not show
    # (bodies and summaries in every language) are left in the table.
    articles = (
        article_policy.visible(user)
        .select_related("article_type")
        .defer(*UNSHOWN_TEXTS)
        .order_by("-updated_at")
    )
    if mine:
        waiting = rows.filter(status__in=WAITING).exclude(article__original_language=F("language"))
        articles = articles.filter(pk__in=waiting.values("article_id"))
    if status:
        articles = articles.filter(pk__in=rows.filter(status=status).values("article_id"))
    articles = list(articles[:limit])
    states = {
        (t.article_id, t.language): t
        for t in rows.filter(article__in=articles).only(
            "article_id", "language", "status", "stale_fields"
        )
    }
    matrix = []
    counts = {code: {value: 0 for value in TS.values} for code in languages}
    for article in articles:
        cells = []
        for code in languages:
            if code == article.original_language:
                cells.append(Cell(code, "original", _("Original"), [], False, original=True))
                continue
            state = states.get((article.pk, code))
            value = state.status if state else TS.NOT_STARTED
            counts[code][value] += 1
            cells.append(
                Cell(
                    code,
                    value,
                    str(TS(value).label),
                    [field_label(Article, name) for name in (state.stale_fields if state else [])],
                    translation_policy.can_edit_language(user, article, code),
                )
            )
        matrix.append((article, cells))
    return {"languages": languages, "matrix": matrix, "counts": counts}


def waiting_for(user: Any, limit: int = 20) -> list[Translation]:
    """What waits for ``user`` as a translator: objects in their languages not yet done."""
    languages = translation_policy.assigned_languages(user)
    if not languages:
        return []
    return list(
        Translation.objects.filter(language__in=languages, status__in=WAITING)
        .exclude(article__original_language=F("language"))
        .select_related("article", "person", "topic", "region", "article_type")
        .order_by("-status", "requested_at", "id")[:limit]
    )


def waiting_for_review(limit: int = 20) -> list[Translation]:
    return list(
        Translation.objects.filter(status=TS.READY)
        .select_related("article", "person", "topic", "region", "article_type")
        .order_by("updated_at")[:limit]
    )
