"""E-mail to translators: a background job started from ``translation_transitioned`` (see
``apps.py``), so a slow or unreachable mail server never holds up the editor who asked."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.permissions import translation_policy
from audit.models import LogEntry
from thinktank.tasks import enqueue, task

# How long a sent notice is remembered, so that a job run again sends nothing twice.
SENT_FOR = 7 * 24 * 3600


def translators_of(language):
    """Active users with an e-mail address who translate into ``language``."""
    return [
        user
        for user in get_user_model()
        .objects.filter(is_active=True, translator_languages__language=language)
        .exclude(email="")
        .distinct()
        if translation_policy.is_translator(user)
    ]


def notify_translators(sender, *, obj, language, action, by, activity, **kwargs):
    """A translation of ``obj`` into ``language`` was requested: e-mail its translators."""
    if action == "translation_request":
        enqueue(send_translation_request, activity.pk)


def request_message(obj, language, by, user):
    """The e-mail telling ``user`` that ``by`` asks for ``obj`` in ``language``."""
    opts = obj._meta
    link = reverse(f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, language])
    with override(settings.LANGUAGE_CODE):
        subject = _("Translation requested (%(language)s): %(title)s") % {
            "language": language,
            "title": obj,
        }
        body = _(
            "%(by)s asks for a translation of “%(title)s” into %(language)s.\n\n"
            "Translation form: %(link)s\n"
        ) % {"by": by or _("An editor"), "title": obj, "language": language, "link": link}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@task(retries=3, backoff=300)
def send_translation_request(activity_id: int) -> int:
    """E-mail the translators about the translation request logged as ``activity_id``; the
    number of e-mails sent. A translator already told (a run before this one) is not told
    again; nothing is sent when the request or its object is gone."""
    entry = LogEntry.objects.select_related("content_type", "user").filter(pk=activity_id).first()
    model = entry.content_type.model_class() if entry and entry.content_type else None
    obj = model._default_manager.filter(pk=entry.object_id).first() if model else None
    if obj is None:
        return 0
    sent = 0
    with get_connection() as connection:
        for user in translators_of(entry.language):
            key = f"translation-request:{entry.pk}:{entry.created_at.timestamp()}:{user.pk}"
            if cache.get(key):
                continue
            message = request_message(obj, entry.language, entry.user, user)
            message.connection = connection
            message.send()
            cache.set(key, True, SENT_FOR)
            sent += 1
    return sent
