"""The audit log: one line per thing someone did, naming any object (article, person, term,
source, user, role). Lines are written only by ``audit.log.log`` and never changed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import registry


class LogEntryQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "LogEntryQuerySet":
        """The lines about ``obj``, newest first."""
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk)

    def for_model(self, model: type[models.Model]) -> "LogEntryQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class LogEntry(models.Model):
    """Who did what to which object, when, from which state to which, and why."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=40)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of object"),
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    subject = models.CharField(
        _("subject"),
        max_length=300,
        blank=True,
        help_text=_("The object's name at the time, kept after it is deleted."),
    )
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    address = models.GenericIPAddressField(
        _("address"),
        null=True,
        blank=True,
        help_text=_("The IP address the request came from."),
    )

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("log entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="logentry_object_idx"
            ),
            # The login throttle counts recent failures by user name and by address.
            models.Index(fields=["action", "subject", "-created_at"], name="logentry_subject_idx"),
            models.Index(fields=["action", "address", "-created_at"], name="logentry_address_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"

    def get_action_display(self):
        return registry.action_label(self.action)

    def get_from_status_display(self):
        return registry.state_label(self.from_status)

    def get_to_status_display(self):
        return registry.state_label(self.to_status)
