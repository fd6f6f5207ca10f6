"""What the translation dashboard shows: articles × languages, counts, what waits for whom."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as _

from articles.models import Article, Translation, TranslationStatus
from articles.models.translation import field_label
from articles.permissions import article_policy, translation_policy
from audit.models import LogEntry
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


# Articles per page of the dashboard: the matrix renders 3 cells an article.
PER_PAGE = 50


def dashboard(
    user: Any,
    *,
    mine: bool = False,
    status: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
):
    """One page of the matrix of articles × languages (newest changes first), with the counts
    per language and status of the articles on it.

    ``mine`` keeps the translator's languages and the articles where one of them needs work;
    ``status`` keeps articles with a language in that status (``needs_update``, ``ready`` ...).
    Pages are not counted (that would read every article and translation): the page's query
    asks for one article more than it shows, which says whether a next page exists.
    """
    page = max(1, page)
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
        # Asked of each article in the order shown (an index probe each, stopping at the
        # page's last), where a list of every waiting article's id had to be sorted first.
        waiting = rows.filter(article=OuterRef("pk"), status__in=WAITING).exclude(
            language=OuterRef("original_language")
        )
        articles = articles.filter(Exists(waiting))
    if status:
        articles = articles.filter(pk__in=rows.filter(status=status).values("article_id"))
    first = (page - 1) * per_page
    articles = list(articles[first : first + per_page + 1])
    has_next = len(articles) > per_page
    articles = articles[:per_page]
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
    return {
        "languages": languages,
        "matrix": matrix,
        "counts": counts,
        "page": page,
        "first": first + 1,
        "last": first + len(articles),
        "has_next": has_next,
        "has_previous": page > 1,
    }


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


# The steps of the translation workflow, as the audit log names them.
WORKFLOW_ACTIONS = (
    "translation_request",
    "translation_ready",
    "translation_approve",
    "translation_return",
    "translation_withdraw",
    "translation_edit",
    "translation_stale",
    "translation_current",
)
RETURNED = "translation_return"


def translator_work(user: Any, limit: int = 50) -> dict[str, list[Translation]]:
    """A translator's own work in their languages, by what to do next: ``waiting`` (not
    started), ``returned`` (sent back by an editor; ``return_comment`` says why),
    ``in_progress`` and ``needs_update`` (the original changed since approval)."""
    rows = waiting_for(user, limit=limit)
    last_steps = _last_workflow_steps([t for t in rows if t.status == TS.IN_PROGRESS])
    work = {"waiting": [], "returned": [], "in_progress": [], "needs_update": []}
    for row in rows:
        step = last_steps.get(_log_key(row.target, row.language))
        if row.status == TS.IN_PROGRESS and step is not None and step.action == RETURNED:
            row.return_comment = step.comment
            work["returned"].append(row)
        elif row.status == TS.IN_PROGRESS:
            work["in_progress"].append(row)
        elif row.status == TS.NEEDS_UPDATE:
            work["needs_update"].append(row)
        else:
            work["waiting"].append(row)
    return work


def _log_key(obj, language):
    return (ContentType.objects.get_for_model(obj).pk, obj.pk, language)


def _last_workflow_steps(rows: list[Translation]) -> dict[tuple, LogEntry]:
    """The last workflow step logged for each of ``rows`` (one query)."""
    if not rows:
        return {}
    keys = {_log_key(row.target, row.language) for row in rows}
    entries = LogEntry.objects.filter(
        action__in=WORKFLOW_ACTIONS,
        content_type_id__in={key[0] for key in keys},
        object_id__in={key[1] for key in keys},
        language__in={key[2] for key in keys},
    ).order_by("-created_at", "-id")
    last = {}
    for entry in entries.only("action", "comment", "content_type_id", "object_id", "language"):
        key = (entry.content_type_id, entry.object_id, entry.language)
        if key in keys:
            last.setdefault(key, entry)
    return last


def waiting_for_review(limit: int = 20) -> list[Translation]:
    return list(
        Translation.objects.filter(status=TS.READY)
        .select_related("article", "person", "topic", "region", "article_type")
        .order_by("updated_at")[:limit]
    )
