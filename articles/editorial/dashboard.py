"""The lists the admin's start page shows: an editor's or contributor's day, a translator's work."""

from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from articles.editorial.preview import LINKS_MADE, LINKS_REVOKED
from articles.models import Article, Status
from articles.permissions import article_policy
from audit.edits import EDIT_ACTIONS
from audit.models import LogEntry

LIMIT = 10
# Preview links are no step of the workflow: a returned draft stays returned when its writer
# looks at it, and the activity list leaves out who was shown links (the audit log has it).
PREVIEW_ACTIONS = (LINKS_MADE, LINKS_REVOKED)


def editorial_lists(user: Any, limit: int = LIMIT) -> dict | None:
    """What ``user`` starts the day with, limited to what they may see; None for no articles."""
    if not article_policy.user_has_permission(user, "view"):
        return None
    now = timezone.now()
    visible = article_policy.visible(user).select_related("article_type", "created_by")
    last = (  # the last workflow step: plain saves do not take a draft out of "returned"
        LogEntry.objects.for_model(Article)
        .filter(object_id=OuterRef("pk"))
        .exclude(action__in=[*PREVIEW_ACTIONS, *EDIT_ACTIONS])
        .order_by("-created_at", "-id")
    )
    mine = visible.filter(created_by=user, status=Status.DRAFT).annotate(
        last_action=Subquery(last.values("action")[:1]),
        last_comment=Subquery(last.values("comment")[:1]),
    )
    returned = Q(last_action="request_changes")
    return {
        "returned": list(mine.filter(returned).order_by("-updated_at")[:limit]),
        "drafts": list(
            mine.filter(Q(last_action__isnull=True) | ~returned).order_by("-updated_at")[:limit]
        ),
        "in_review": list(visible.filter(status=Status.IN_REVIEW).order_by("updated_at")[:limit]),
        "scheduled": list(
            visible.filter(status=Status.PUBLISHED, publish_at__gt=now).order_by("publish_at")[
                :limit
            ]
        ),
        "published": list(
            visible.filter(status=Status.PUBLISHED, publish_at__lte=now).order_by("-publish_at")[
                :limit
            ]
        ),
        "activity": list(LogEntry.objects.exclude(action=LINKS_MADE).select_related("user")[:limit])
        if article_policy.may_view_log(user)
        else [],
    }
