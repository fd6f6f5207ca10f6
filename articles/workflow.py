"""State changes of an article, as explicit functions.

Each one checks the current state and the user's permission, changes the article inside a
transaction, and only then returns. Views, admin actions and commands call these; nothing else
writes ``Article.status``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Status
from thinktank.languages import translated_value


class TransitionError(ValidationError):
    """The article is not in a state that allows the requested change."""


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


def publish(article, *, by, at=None):
    """Publish ``article`` now, or schedule it for ``at`` (a future time)."""
    if not by.has_perm("articles.publish_article"):
        raise PermissionDenied(_("You are not allowed to publish articles."))
    allowed = {Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED, Status.PUBLISHED}
    if article.status not in allowed:
        raise TransitionError(_("This article cannot be published from its current state."))
    missing = missing_for_publication(article)
    if missing:
        raise TransitionError(
            _("The article cannot be published without: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        now = timezone.now()
        locked.status = Status.PUBLISHED
        locked.publish_at = at or now
        if locked.first_published_at is None:
            locked.first_published_at = locked.publish_at
        locked.save(update_fields=["status", "publish_at", "first_published_at", "updated_at"])
    article.refresh_from_db()
    return article
