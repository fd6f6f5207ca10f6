"""State changes of an article, as explicit functions.

draft → in review → published (a future ``publish_at`` means scheduled) → unpublished, and
"request changes" sends an article in review back to draft with a comment.

Each transition checks the user's permission and the article's current state, changes the
article inside a transaction (row locked), writes an ``ArticleActivity`` line, and only then
sends ``article_transitioned``. Views, admin actions and commands call these; nothing else
writes ``Article.status`` or ``Article.publish_at``.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleActivity, Status
from articles.signals import article_transitioned
from thinktank.languages import translated_value

Action = ArticleActivity.Action

# Which states each transition may start from: the single source of truth for the admin too.
ALLOWED_FROM = {
    Action.SUBMIT: (Status.DRAFT,),
    Action.REQUEST_CHANGES: (Status.IN_REVIEW,),
    Action.PUBLISH: (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED),
    Action.SCHEDULE: (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED),
    Action.UNPUBLISH: (Status.PUBLISHED,),
}
REQUIRED_PERMISSION = {
    Action.SUBMIT: "articles.submit_article",
    Action.REQUEST_CHANGES: "articles.review_article",
    Action.PUBLISH: "articles.publish_article",
    Action.SCHEDULE: "articles.publish_article",
    Action.UNPUBLISH: "articles.publish_article",
}


class TransitionError(ValidationError):
    """The article is not in a state that allows the requested change, or is not ready for it."""


# Who may see and edit what ------------------------------------------------------------------


def sees_all_articles(user):
    """Editors and translators work on everyone's articles; contributors only on their own."""
    return user.has_perm("articles.edit_any_article") or user.has_perm("articles.translate_article")


def visible_articles(user, queryset=None):
    """The articles ``user`` may open in the back office."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not (user.is_active and user.has_perm("articles.view_article")):
        return queryset.none()
    if sees_all_articles(user):
        return queryset
    return queryset.filter(created_by=user)


def can_edit(user, article):
    """Editors edit any article; a contributor edits only their own, and only while a draft."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if sees_all_articles(user):
        return True
    return article.created_by_id == user.pk and article.status == Status.DRAFT


def can_edit_every_field(user, article):
    """Editors change every field; a writer every field of their own draft. A translator (who
    may open any article) changes only their languages' fields (``articles.translation_workflow``)."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status == Status.DRAFT


def check_can_edit(user, article):
    """Raise ``PermissionDenied`` unless ``user`` may change ``article`` now."""
    if not can_edit(user, article):
        if article.pk and article.status != Status.DRAFT and not sees_all_articles(user):
            raise PermissionDenied(
                _("This article is “%(status)s”: only drafts can be changed by their writer.")
                % {"status": article.get_status_display()}
            )
        raise PermissionDenied(_("You are not allowed to change this article."))


def can_preview(user, article):
    return (
        user.has_perm("articles.preview_article")
        and visible_articles(user).filter(pk=article.pk).exists()
    )


def is_allowed(action, article, user):
    """Whether ``user`` may apply ``action`` to ``article`` in its current state (for buttons)."""
    try:
        _check(action, article, user)
    except (PermissionDenied, ValidationError):
        return False
    return True


def available_actions(article, user):
    return [action for action in ALLOWED_FROM if is_allowed(action, article, user)]


def _state_names(states):
    return ", ".join(str(Status(state).label) for state in states)


def _check(action, article, user, *, status=None):
    """Permission first, then state: a user who may not act learns nothing about the state."""
    if not (user.is_active and user.has_perm(REQUIRED_PERMISSION[action])):
        raise PermissionDenied(
            _("You are not allowed to do this: %(action)s.") % {"action": Action(action).label}
        )
    if action == Action.SUBMIT and not (
        sees_all_articles(user) or article.created_by_id == user.pk
    ):
        raise PermissionDenied(_("You can submit only your own articles."))
    status = status or article.status
    allowed = ALLOWED_FROM[action]
    if action == Action.PUBLISH and article.is_scheduled:
        allowed = (*allowed, Status.PUBLISHED)  # publish a scheduled article now
    if action == Action.SCHEDULE and status == Status.PUBLISHED and article.is_scheduled:
        allowed = (*allowed, Status.PUBLISHED)  # move the time of a scheduled article
    if status not in allowed:
        raise TransitionError(
            _(
                "“%(action)s” is not possible for an article that is “%(status)s”; it is allowed from: %(allowed)s."
            )
            % {
                "action": Action(action).label,
                "status": Status(status).label,
                "allowed": _state_names(ALLOWED_FROM[action]),
            },
            code="wrong_state",
        )


def missing_for_publication(article):
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


def _require_publishable(article):
    missing = missing_for_publication(article)
    if missing:
        raise TransitionError(
            _("The article cannot be published without: %(missing)s.")
            % {"missing": ", ".join(missing)},
            code="incomplete",
        )


def _apply(article, *, by, action, to_status, comment="", publish_at=None, extra=None):
    """Lock, re-check, change, record, then signal. Returns the refreshed article."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        from_status = locked.status
        _check(action, locked, by)
        if action in (Action.PUBLISH, Action.SCHEDULE):
            _require_publishable(locked)
        locked.status = to_status
        fields = ["status", "updated_at"]
        for name, value in (extra or {}).items():
            setattr(locked, name, value)
            fields.append(name)
        with reversion.create_revision():
            locked.save(update_fields=fields)
            reversion.set_user(by if by.pk else None)
            reversion.set_comment(str(Action(action).label))
        activity = ArticleActivity.objects.create(
            article=locked,
            subject=str(locked)[:300],
            user=by if by.pk else None,
            action=action,
            from_status=from_status,
            to_status=to_status,
            comment=comment,
            publish_at=publish_at,
        )
    article.refresh_from_db()
    article_transitioned.send(
        sender=Article, article=article, activity=activity, action=action, by=by
    )
    return article


def submit_for_review(article, *, by, comment=""):
    """A draft goes to the editors for review."""
    _check(Action.SUBMIT, article, by)
    return _apply(article, by=by, action=Action.SUBMIT, to_status=Status.IN_REVIEW, comment=comment)


def request_changes(article, *, by, comment):
    """An article in review goes back to its writer as a draft, with what to change."""
    _check(Action.REQUEST_CHANGES, article, by)
    if not (comment or "").strip():
        raise ValidationError(
            _("Say what should change: a comment is required."), code="comment_required"
        )
    return _apply(
        article,
        by=by,
        action=Action.REQUEST_CHANGES,
        to_status=Status.DRAFT,
        comment=comment.strip(),
    )


def publish(article, *, by, at=None, comment=""):
    """Publish ``article`` now, or schedule it for ``at`` when that time is in the future.

    A past ``at`` publishes with that date (back-dating, as imports and the demo content do).
    """
    now = timezone.now()
    moment = at or now
    action = Action.SCHEDULE if moment > now else Action.PUBLISH
    _check(action, article, by)
    _require_publishable(article)
    extra = {"publish_at": moment}
    if article.first_published_at is None or article.first_published_at > now:
        extra["first_published_at"] = moment
    return _apply(
        article,
        by=by,
        action=action,
        to_status=Status.PUBLISHED,
        comment=comment,
        publish_at=moment,
        extra=extra,
    )


def schedule(article, *, by, at, comment=""):
    """Publish ``article`` at ``at``, a time in the future; it goes live then, with no job to run."""
    _check(Action.SCHEDULE, article, by)
    if at is None or at <= timezone.now():
        raise ValidationError(
            _("Choose a publication time in the future to schedule the article."),
            code="not_future",
        )
    return publish(article, by=by, at=at, comment=comment)


def unpublish(article, *, by, comment=""):
    """Take a published (or scheduled) article off the site."""
    _check(Action.UNPUBLISH, article, by)
    return _apply(
        article, by=by, action=Action.UNPUBLISH, to_status=Status.UNPUBLISHED, comment=comment
    )


def delete_article(article, *, by):
    """Delete an article, keeping a line in the audit trail."""
    if not (by.is_active and by.has_perm("articles.delete_article")):
        raise PermissionDenied(_("You are not allowed to delete articles."))
    with transaction.atomic():
        ArticleActivity.objects.create(
            article=None,
            subject=str(article)[:300],
            user=by,
            action=Action.DELETE,
            from_status=article.status,
            comment=_("Article #%(pk)s deleted.") % {"pk": article.pk},
        )
        article.delete()


def record_restore(article, *, by, revision_id):
    return ArticleActivity.objects.create(
        article=article,
        subject=str(article)[:300],
        user=by,
        action=Action.RESTORE,
        from_status=article.status,
        to_status=article.status,
        comment=_("Revision #%(id)s restored.") % {"id": revision_id},
    )


def record_role_change(user, *, by, added=(), removed=()):
    """Log that ``user`` gained or lost roles (groups)."""
    parts = []
    if added:
        parts.append(_("added: %(roles)s") % {"roles": ", ".join(sorted(added))})
    if removed:
        parts.append(_("removed: %(roles)s") % {"roles": ", ".join(sorted(removed))})
    if not parts:
        return None
    return ArticleActivity.objects.create(
        subject=user.get_username(),
        user=by if by is not None and by.pk else None,
        action=Action.ROLE_CHANGE,
        comment="; ".join(parts),
    )
