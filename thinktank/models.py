"""What the site's core keeps in the database: the background jobs that failed.

A ``FailedTask`` row stands for one job — a task and its arguments — from its first failure
until it succeeds, when the row goes: the admin's list of failed tasks is what is failing now.
Rows are written only by ``thinktank.tasks``.
"""

import hashlib
import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ERROR_LENGTH = 500


def job_key(task_path: str, args: list, kwargs: dict) -> str:
    """The same task with the same arguments is the same job (tasks are idempotent)."""
    text = json.dumps([task_path, args, kwargs], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class FailedTaskQuerySet(models.QuerySet):
    def record(
        self, task_path: str, args: list, kwargs: dict, *, error: str, traceback: str
    ) -> "FailedTask":
        """Count one more failed run of the job, keeping the latest error."""
        now = timezone.now()
        with transaction.atomic():
            row, _created = self.select_for_update().get_or_create(
                key=job_key(task_path, args, kwargs),
                defaults={
                    "task": task_path,
                    "arguments": {"args": args, "kwargs": kwargs},
                    "first_failed_at": now,
                    "last_failed_at": now,
                },
            )
            row.attempts += 1
            row.error = error[:ERROR_LENGTH]
            row.traceback = traceback
            row.last_failed_at = now
            row.state = FailedTask.State.FAILED
            row.next_attempt_at = None
            row.save()
        return row

    def succeeded(self, task_path: str, args: list, kwargs: dict) -> None:
        """The job ran through: it is no longer failing."""
        self.filter(key=job_key(task_path, args, kwargs)).delete()


class FailedTask(models.Model):
    """A background job that failed: which task, its arguments, the last error with its
    traceback, how many runs failed, and whether it will run again."""

    class State(models.TextChoices):
        RETRYING = "retrying", _("will be retried")
        QUEUED = "queued", _("queued again")
        FAILED = "failed", _("failed")

    task = models.CharField(_("task"), max_length=255)
    arguments = models.JSONField(_("arguments"), default=dict)
    key = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.FAILED)
    error = models.CharField(_("error"), max_length=ERROR_LENGTH, blank=True)
    traceback = models.TextField(_("traceback"), blank=True)
    attempts = models.PositiveIntegerField(_("failed runs"), default=0)
    first_failed_at = models.DateTimeField(_("first failed"))
    last_failed_at = models.DateTimeField(_("last failed"), db_index=True)
    next_attempt_at = models.DateTimeField(_("next run"), null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retried by"),
    )
    retried_at = models.DateTimeField(_("retried"), null=True, blank=True)

    objects = FailedTaskQuerySet.as_manager()

    class Meta:
        ordering = ["-last_failed_at", "-id"]
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")

    def __str__(self):
        return self.task.rsplit(".", 1)[-1]

    @property
    def args(self) -> list[Any]:
        return self.arguments.get("args", [])

    @property
    def kwargs(self) -> dict[str, Any]:
        return self.arguments.get("kwargs", {})

    def will_retry(self, at: datetime | None) -> None:
        """A retry of the job was scheduled (``at``: when, or ``None`` for at once)."""
        self.state = self.State.RETRYING
        self.next_attempt_at = at
        self.save(update_fields=["state", "next_attempt_at"])

    def queued_again(self, by: Any) -> None:
        """Someone sent the job to the queue again by hand."""
        self.state = self.State.QUEUED
        self.next_attempt_at = None
        self.retried_by = by if by is not None and by.pk else None
        self.retried_at = timezone.now()
        self.save(update_fields=["state", "next_attempt_at", "retried_by", "retried_at"])
