"""E-mail to translators: a side job hanging off ``translation_transitioned`` (see ``apps.py``)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.permissions import translation_policy


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


def notify_translators(sender, *, obj, language, action, by, **kwargs):
    """Tell the translators of ``language`` that ``obj`` was submitted for translation to it."""
    if action != "translation_request":
        return
    opts = obj._meta
    link = reverse(f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, language])
    messages = []
    for user in translators_of(language):
        with override(settings.LANGUAGE_CODE):
            subject = _("Translation requested (%(language)s): %(title)s") % {
                "language": language,
                "title": obj,
            }
            body = _(
                "%(by)s asks for a translation of “%(title)s” into %(language)s.\n\n"
                "Translation form: %(link)s\n"
            ) % {"by": by or _("An editor"), "title": obj, "language": language, "link": link}
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    if messages:
        send_mass_mail(messages, fail_silently=True)
