"""The editorial workflow of an article, declared as data for ``articles.workflow``.

draft → in review → published (a future ``publish_at`` means scheduled) → unpublished, and
"request changes" sends an article in review back to draft with a comment. Views, admin actions
and commands call the functions below; nothing else writes ``Article.status`` or
``Article.publish_at``.
"""

from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Status
from articles.permissions import article_policy
from articles.signals import article_transitioned
from articles.workflow import Transition, TransitionError, Workflow, transition
from audit.log import log
from audit.registry import register_actions
from thinktank.languages import translated_value

SCHEDULED = "scheduled"  # published, with a publication time still to come
DELETE = "delete"
RESTORE = "restore"
register_actions([(DELETE, gettext_lazy("Deleted")), (RESTORE, gettext_lazy("Revision restored"))])

_EDITABLE = (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED, SCHEDULED)


class ArticleWorkflow(Workflow):
    states = Status
    extra_states = ((SCHEDULED, gettext_lazy("Scheduled")),)
    transitions = (
        Transition(
            "submit", gettext_lazy("Submitted for review"), (Status.DRAFT,), Status.IN_REVIEW,
            "submit",
        ),
        Transition(
            "request_changes", gettext_lazy("Changes requested"), (Status.IN_REVIEW,),
            Status.DRAFT, "request_changes",
        ),
        Transition("publish", gettext_lazy("Published"), _EDITABLE, Status.PUBLISHED, "publish"),
        Transition("schedule", gettext_lazy("Scheduled"), _EDITABLE, Status.PUBLISHED, "schedule"),
        Transition(
            "unpublish", gettext_lazy("Unpublished"), (Status.PUBLISHED, SCHEDULED),
            Status.UNPUBLISHED, "unpublish",
        ),
    )  # fmt: skip
    error_class = TransitionError
    signal = article_transitioned
    wrong_state_message = gettext_lazy(
        "“%(action)s” is not possible for an article that is “%(status)s”; it is allowed "
        "from: %(allowed)s."
    )

    def lock(self, obj, language):
        return Article.objects.select_for_update().get(pk=obj.pk)

    def state_of(self, row):
        return SCHEDULED if row.is_scheduled else row.status

    def user_may(self, user, step, obj, language):
        return article_policy.user_has_permission_for_instance(user, step.permission, obj)

    def validate(self, step, obj, row, language):
        if step.name in ("publish", "schedule"):
            missing = missing_for_publication(row)
            if missing:
                raise TransitionError(
                    _("The article cannot be published without: %(missing)s.")
                    % {"missing": ", ".join(missing)},
                    code="incomplete",
                )

    def change(self, step, row, changes, by):
        row.status = step.target
        fields = ["status", "updated_at"]
        for name, value in changes.items():
            setattr(row, name, value)
            fields.append(name)
        with reversion.create_revision():
            row.save(update_fields=fields)
            reversion.set_user(by if by is not None and by.pk else None)
            reversion.set_comment(str(step.label))

    def send(self, step, obj, row, language, **kwargs):
        obj.refresh_from_db()
        article_transitioned.send(sender=Article, article=obj, action=step.name, **kwargs)


article_workflow = ArticleWorkflow()


def state_of(article: Article) -> str:
    """The article's state as the workflow sees it (``scheduled`` for a future publication)."""
    return article_workflow.state_of(article)


def available_actions(article: Article, user: Any) -> list[Transition]:
    """The transitions ``user`` may apply to ``article`` now, in the order of the buttons."""
    return article_workflow.available(article, user, state=state_of(article))


def missing_for_publication(article: Article) -> list[str]:
    """Names of what an article lacks before it may be published in its original language."""
    lang = article.original_language
    missing = []
    if not translated_value(article, "title", lang):
        missing.append(_("title"))
    if not translated_value(article, "body", lang):
        missing.append(_("body"))
    if not article.authorships.exists():
        missing.append(_("author"))
    return missing


def _run(article, name, *, by, comment="", changes=None, prepare=None, details=None):
    transition(
        article_workflow,
        name,
        article,
        by=by,
        comment=comment,
        changes=changes,
        prepare=prepare,
        details=details,
    )
    return article


def submit_for_review(article: Article, *, by: Any, comment: str = "") -> Article:
    """A draft goes to the editors for review."""
    return _run(article, "submit", by=by, comment=comment)


def request_changes(article: Article, *, by: Any, comment: str) -> Article:
    """An article in review goes back to its writer as a draft, with what to change."""
    article_workflow.check("request_changes", article, by, state=state_of(article))
    if not (comment or "").strip():
        raise ValidationError(
            _("Say what should change: a comment is required."), code="comment_required"
        )
    return _run(article, "request_changes", by=by, comment=comment.strip())


def publish(article: Article, *, by: Any, at=None, comment: str = "") -> Article:
    """Publish ``article`` now, or schedule it for ``at`` when that time is in the future.

    A past ``at`` publishes with that date (back-dating, as imports and the demo content do).
    """
    now = timezone.now()
    moment = at or now
    name = "schedule" if moment > now else "publish"

    def first_publication(row):
        if row.first_published_at is None or row.first_published_at > now:
            return {"first_published_at": moment}
        return {}

    return _run(
        article,
        name,
        by=by,
        comment=comment,
        changes={"publish_at": moment},
        prepare=first_publication,
        details={"publish_at": moment},
    )


def schedule(article: Article, *, by: Any, at, comment: str = "") -> Article:
    """Publish ``article`` at ``at``, a time in the future; it goes live then, with no job to run."""
    article_workflow.check("schedule", article, by, state=state_of(article))
    if at is None or at <= timezone.now():
        raise ValidationError(
            _("Choose a publication time in the future to schedule the article."),
            code="not_future",
        )
    return publish(article, by=by, at=at, comment=comment)


def unpublish(article: Article, *, by: Any, comment: str = "") -> Article:
    """Take a published (or scheduled) article off the site."""
    return _run(article, "unpublish", by=by, comment=comment)


def delete_article(article: Article, *, by: Any) -> None:
    """Delete an article, keeping a line in the audit log."""
    article_policy.check_can_delete(by, article)
    with transaction.atomic():
        log(
            by,
            DELETE,
            article,
            from_status=article.status,
            comment=_("Article #%(pk)s deleted.") % {"pk": article.pk},
        )
        article.delete()


def record_restore(article: Article, *, by: Any, revision_id: int):
    return log(
        by,
        RESTORE,
        article,
        from_status=article.status,
        to_status=article.status,
        comment=_("Revision #%(id)s restored.") % {"id": revision_id},
    )
