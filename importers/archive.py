"""Archive editing: an editor publishes an archived article with its original publication date.

Publishing with a past time is the workflow's own back-dating (``publish(at=…)``, with the
ticked translations approved as the publish confirmation does): the live
version carries that date everywhere readers see it (page, lists, feeds, citation exports).
Only editors may do it (``backdate`` in the permission policy), and the audit log keeps a line
saying who back-dated which article to which date, besides the publication itself.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article
from articles.models.translation import target_languages
from articles.permissions import article_policy
from articles.translations.status import missing_for, publish_with_translations
from audit.log import log
from audit.registry import register_actions
from importers.models import ImportRecord

BACKDATE = "backdate"
register_actions([(BACKDATE, gettext_lazy("Published with its original date"))])
# The time of day given to a date without one: noon, so the day is the same in every time zone
# within twelve hours of the site's.
NOON = datetime.time(12, 0)


def original_date(article: Article) -> datetime.date | None:
    """The publication date the article had where it was imported from, if it was published."""
    record = (
        ImportRecord.objects.filter(article=article, original_published_at__isnull=False)
        .order_by("-imported_at")
        .first()
    )
    return timezone.localdate(record.original_published_at) if record is not None else None


def written_translations(article: Article) -> list[str]:
    """The translations complete enough to be approved with the publication."""
    return [code for code in target_languages(article) if not missing_for(article, code)]


def publish_archived(
    article: Article, *, on: datetime.date, by: Any, languages: list[str] | None = None
) -> Article:
    """Publish ``article`` as first published on ``on`` (today or earlier), approving the
    translations in ``languages`` with it (as an imported archive's translations are)."""
    if not article_policy.user_has_permission_for_instance(by, "backdate", article):
        raise PermissionDenied(_("Only editors may publish an article with an earlier date."))
    if on > timezone.localdate():
        raise ValidationError(
            _("The original publication date cannot be in the future; schedule the article."),
            code="future_original_date",
        )
    moment = timezone.make_aware(datetime.datetime.combine(on, NOON))
    moment = min(moment, timezone.now())
    with transaction.atomic():
        publish_with_translations(article, by=by, languages=languages or [], at=moment)
        log(by, BACKDATE, article, original_date=on.isoformat(), languages=languages or [])
    return article
