"""The editorial dashboard on the admin's start page."""

from django import template
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from articles import workflow
from articles.models import ArticleActivity, Status

register = template.Library()
LIMIT = 10


@register.simple_tag
def editorial_dashboard(user):
    """The lists an editor or contributor starts the day with, limited to what they may see."""
    if not user.has_perm("articles.view_article"):
        return None
    now = timezone.now()
    visible = workflow.visible_articles(user).select_related("article_type", "created_by")
    last = ArticleActivity.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-id")
    mine = visible.filter(created_by=user, status=Status.DRAFT).annotate(
        last_action=Subquery(last.values("action")[:1]),
        last_comment=Subquery(last.values("comment")[:1]),
    )
    returned = Q(last_action=ArticleActivity.Action.REQUEST_CHANGES)
    return {
        "returned": list(mine.filter(returned).order_by("-updated_at")[:LIMIT]),
        "drafts": list(
            mine.filter(Q(last_action__isnull=True) | ~returned).order_by("-updated_at")[:LIMIT]
        ),
        "in_review": list(visible.filter(status=Status.IN_REVIEW).order_by("updated_at")[:LIMIT]),
        "scheduled": list(
            visible.filter(status=Status.PUBLISHED, publish_at__gt=now).order_by("publish_at")[
                :LIMIT
            ]
        ),
        "published": list(
            visible.filter(status=Status.PUBLISHED, publish_at__lte=now).order_by("-publish_at")[
                :LIMIT
            ]
        ),
        "activity": list(ArticleActivity.objects.select_related("user")[:LIMIT])
        if user.has_perm("articles.view_articleactivity")
        else [],
    }
