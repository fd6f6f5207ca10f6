"""The editorial workflow of an article, declared as data for ``articles.workflow``.

draft → in review → published (a future ``publish_at`` means scheduled) → unpublished, and
"request changes" sends an article in review back to draft with a comment. Publishing makes the
live versions readers see (``articles.editorial.publishing``); afterwards the article's rows are
a working version again: a live article with changes is "Published, changes pending" until an
editor publishes them (now or at a scheduled time, as a minor change, an update or a correction
with a public note), submits them for review, or discards them.

Views, admin actions and commands call the functions below; nothing else writes
``Article.status``, ``Article.publish_at`` or the live versions.
"""

from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.editorial import publishing
from articles.models import Article, Correction, LiveVersion, Status
from articles.permissions import article_policy
from articles.signals import article_transitioned
from articles.workflow import Transition, TransitionError, Workflow, transition
from audit.log import log
from audit.registry import register_actions
from library.embedded import without_alt
from thinktank.languages import language_name, translated_value

# States the workflow tells apart beyond the stored status.
SCHEDULED = "scheduled"  # published, with a publication time still to come
CHANGED = "changed"  # live, and the working version differs (or was returned)
CHANGES_IN_REVIEW = "changes_in_review"  # live, its changes submitted for review
CHANGES_SCHEDULED = "changes_scheduled"  # live, its changes to go live at a set time
LIVE_STATES = (Status.PUBLISHED, CHANGED, CHANGES_IN_REVIEW, CHANGES_SCHEDULED)

# How a change to a live article is announced: not at all, or with a dated public note.
MINOR = "minor"
KINDS = {
    MINOR: gettext_lazy("Minor change (no notice)"),
    Correction.Kind.UPDATE: gettext_lazy("Update (with a public note)"),
    Correction.Kind.CORRECTION: gettext_lazy("Correction (with a public note)"),
}

DELETE = "delete"
RESTORE = "restore"
register_actions([(DELETE, gettext_lazy("Deleted")), (RESTORE, gettext_lazy("Revision restored"))])

_NOT_LIVE = (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED, SCHEDULED)
_PENDING = (CHANGED, CHANGES_IN_REVIEW, CHANGES_SCHEDULED)


class ArticleWorkflow(Workflow):
    states = Status
    extra_states = (
        (SCHEDULED, gettext_lazy("Scheduled")),
        (CHANGED, gettext_lazy("Published, changes pending")),
        (CHANGES_IN_REVIEW, gettext_lazy("Published, changes in review")),
        (CHANGES_SCHEDULED, gettext_lazy("Published, changes scheduled")),
    )
    transitions = (
        Transition(
            "submit", gettext_lazy("Submitted for review"), (Status.DRAFT, CHANGED),
            Status.IN_REVIEW, "submit",
        ),
        Transition(
            "request_changes", gettext_lazy("Changes requested"),
            (Status.IN_REVIEW, CHANGES_IN_REVIEW), Status.DRAFT, "request_changes",
        ),
        Transition("publish", gettext_lazy("Published"), _NOT_LIVE, Status.PUBLISHED, "publish"),
        Transition(
            "schedule", gettext_lazy("Scheduled"), _NOT_LIVE, Status.PUBLISHED, "schedule"
        ),
        Transition(
            "publish_changes", gettext_lazy("Changes published"), _PENDING, Status.PUBLISHED,
            "publish",
        ),
        Transition(
            "schedule_changes", gettext_lazy("Changes scheduled"), _PENDING, Status.PUBLISHED,
            "schedule",
        ),
        Transition(
            "discard_changes", gettext_lazy("Changes discarded"), _PENDING, Status.PUBLISHED,
            "publish",
        ),
        Transition(
            "unpublish", gettext_lazy("Unpublished"), (SCHEDULED, *LIVE_STATES),
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
        return state_of(row)

    def user_may(self, user, step, obj, language):
        return article_policy.user_has_permission_for_instance(user, step.permission, obj)

    def validate(self, step, obj, row, language):
        if step.name in ("publish", "schedule", "publish_changes", "schedule_changes"):
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
    """The article's state as editors see it: its status, refined by what is live.

    A published article whose publication time is still to come is "scheduled"; a live one is
    "published", or has changes pending, in review or scheduled.
    """
    if article.pk is None:
        return article.status
    if hasattr(article, "live_now"):  # Article.objects.with_live_state()
        live, coming = article.live_now, article.coming
    else:
        now = timezone.now()
        starts = list(
            LiveVersion.objects.filter(article_id=article.pk)
            .not_ended()
            .values_list("visible_from", flat=True)
        )
        live = any(start <= now for start in starts)
        coming = any(start > now for start in starts)
    if live:
        if coming:
            return CHANGES_SCHEDULED
        if article.status == Status.IN_REVIEW:
            return CHANGES_IN_REVIEW
        if article.status == Status.DRAFT or article.has_unpublished_changes:
            return CHANGED
        return Status.PUBLISHED
    if coming:
        return SCHEDULED
    return article.status


def current_state(article: Article) -> str:
    """``state_of`` after checking what differs between the working and the live version (the
    recorded flag may be stale after a save that did not go through the admin)."""
    state = state_of(article)
    if state in LIVE_STATES:
        publishing.refresh_pending_changes(article)
        state = state_of(article)
    return state


def state_label(article: Article) -> str:
    """ "Draft", "Scheduled", "Published, changes pending" …"""
    return article_workflow.state_label(state_of(article))


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
    if article.hero_id and not translated_value(article.hero, "alt", lang):
        missing.append(_("the hero image's alternative text"))
    if without_alt(translated_value(article, "body", lang), lang):
        missing.append(_("the alternative text of the images in the body"))
    return missing


def _run(article, name, *, by, comment="", changes=None, prepare=None, then=None, details=None):
    transition(
        article_workflow,
        name,
        article,
        by=by,
        comment=comment,
        changes=changes,
        prepare=prepare,
        then=then,
        details=details,
    )
    return article


def submit_for_review(article: Article, *, by: Any, comment: str = "") -> Article:
    """A draft (or the changes of a live article) goes to the editors for review."""
    return _run(article, "submit", by=by, comment=comment)


def request_changes(article: Article, *, by: Any, comment: str) -> Article:
    """An article in review goes back to its writer as a draft, with what to change; a live
    article stays as readers see it."""
    article_workflow.check("request_changes", article, by, state=state_of(article))
    if not (comment or "").strip():
        raise ValidationError(
            _("Say what should change: a comment is required."), code="comment_required"
        )
    return _run(article, "request_changes", by=by, comment=comment.strip())


def publish(
    article: Article,
    *,
    by: Any,
    at=None,
    comment: str = "",
    kind: str = MINOR,
    notes: dict[str, str] | None = None,
) -> Article:
    """Publish ``article`` now, or schedule it for ``at`` when that time is in the future.

    A past ``at`` publishes with that date (back-dating, as imports and the demo content do).
    For an article that is already live this publishes its changes (``publish_changes``).
    """
    if current_state(article) in _PENDING:
        return publish_changes(article, by=by, at=at, comment=comment, kind=kind, notes=notes)
    now = timezone.now()
    moment = at or now
    name = "schedule" if moment > now else "publish"

    def first_publication(row):
        if row.first_published_at is None or row.first_published_at > now:
            return {"first_published_at": moment}
        return {}

    def go_live(row):
        publishing.drop_scheduled(row)
        working = publishing.working_article(row.pk)
        publishing.make_live(
            working,
            publishing.contents_to_publish(working, {}),
            at=moment,
            by=by,
            publish_at=moment,
        )
        Article.objects.filter(pk=row.pk).update(has_unpublished_changes=False)

    return _run(
        article,
        name,
        by=by,
        comment=comment,
        changes={"publish_at": moment},
        prepare=first_publication,
        then=go_live,
        details={"publish_at": moment},
    )


def schedule(article: Article, *, by: Any, at, comment: str = "", **options) -> Article:
    """Publish ``article`` (or its changes) at ``at``, a time in the future; it goes live then,
    with no job to run."""
    state = current_state(article)
    name = "schedule_changes" if state in _PENDING else "schedule"
    article_workflow.check(name, article, by, state=state)
    if at is None or at <= timezone.now():
        raise ValidationError(
            _("Choose a publication time in the future to schedule the article."),
            code="not_future",
        )
    return publish(article, by=by, at=at, comment=comment, **options)


def notes_needed(article: Article, kind: str, notes: dict[str, str] | None) -> list[str]:
    """The live languages an update or a correction still needs a public note in."""
    if kind == MINOR:
        return []
    live = publishing.current_versions(article)
    return [code for code in live if not (notes or {}).get(code, "").strip()]


def publish_changes(
    article: Article,
    *,
    by: Any,
    at=None,
    comment: str = "",
    kind: str = MINOR,
    notes: dict[str, str] | None = None,
) -> Article:
    """Make the working version of a live article what readers see, now or at ``at``.

    ``kind`` is ``minor`` (a typo: readers are told nothing), ``update`` or ``correction``: the
    last two need a short public note in each live language, shown dated at the end of the
    article and in the corrections log, and change the article's "updated" date. When readers
    already see the working version there is nothing to publish, and nothing happens.
    """
    if kind not in KINDS:
        raise ValidationError(_("Choose the kind of change."), code="kind")
    if current_state(article) == Status.PUBLISHED:
        return article  # readers already see the working version: nothing to publish
    now = timezone.now()
    moment = at or now
    name = "schedule_changes" if moment > now else "publish_changes"
    article_workflow.check(name, article, by, state=state_of(article))
    missing = notes_needed(article, kind, notes)
    if missing:
        raise ValidationError(
            _("Write the public note of this %(kind)s in: %(languages)s.")
            % {
                "kind": Correction.Kind(kind).label.lower(),
                "languages": ", ".join(language_name(code) for code in missing),
            },
            code="notes_required",
        )

    def go_live(row):
        working = publishing.working_article(row.pk)
        publishing.drop_scheduled(working)
        current = publishing.current_versions(working)
        contents = publishing.contents_to_publish(working, current)
        dropped = sorted(set(current) - {content.language for content in contents})
        if dropped:
            publishing.close_live(working, languages=dropped, at=moment)
        if kind != MINOR:  # before the versions are made: their pages show it
            notes_by_language = {content.language: notes[content.language] for content in contents}
            publishing.add_correction(working, kind=kind, notes=notes_by_language, at=moment, by=by)
        publishing.make_live(
            working,
            contents,
            at=moment,
            by=by,
            publish_at=working.publish_at or moment,
            modified_at=None if kind == MINOR else moment,
            keep_modified=kind == MINOR,
        )
        Article.objects.filter(pk=row.pk).update(has_unpublished_changes=False)

    return _run(
        article,
        name,
        by=by,
        comment=comment,
        then=go_live,
        details={"at": moment, "kind": kind, "notes": notes or {}},
    )


def discard_changes(article: Article, *, by: Any, comment: str = "") -> Article:
    """Put the working version of a live article back to what readers see (and drop changes
    scheduled for later); a translator's text waiting for approval is left alone."""

    def put_back(row):
        publishing.drop_scheduled(row)
        with reversion.create_revision():
            restored = publishing.discard_working_changes(row)
            reversion.set_user(by if by is not None and by.pk else None)
            reversion.set_comment(
                _("Changes discarded (%(languages)s).")
                % {"languages": ", ".join(language_name(code) for code in restored.languages)}
            )
        Article.objects.filter(pk=row.pk).update(has_unpublished_changes=False)

    return _run(article, "discard_changes", by=by, comment=comment, then=put_back)


def unpublish(article: Article, *, by: Any, comment: str = "") -> Article:
    """Take a published (or scheduled) article off the site, in every language."""
    return _run(
        article, "unpublish", by=by, comment=comment, then=lambda row: publishing.close_live(row)
    )


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
