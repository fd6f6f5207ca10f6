"""``log()``: the one way a line gets into the audit log."""

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from audit.models import LogEntry
from thinktank import client_address

SUBJECT_LENGTH = 300


def log(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    subject: str = "",
    language: str = "",
    from_status: str = "",
    to_status: str = "",
    comment: str = "",
    address: str | None = None,
    **details: Any,
) -> LogEntry:
    """Record that ``actor`` (a user, or None for the system) did ``action`` to ``obj``.

    ``subject`` defaults to the object's name now, so the line still reads after the object is
    gone; ``details`` (JSON-serialisable: times, role names, addresses) are kept with it.
    ``address`` defaults to the address of the request being served (none outside one).
    """
    user = actor if actor is not None and not isinstance(actor, AnonymousUser) else None
    if user is not None and user.pk is None:
        user = None
    content_type = object_id = None
    if obj is not None and obj.pk is not None:
        content_type = ContentType.objects.get_for_model(obj)
        object_id = obj.pk
    return LogEntry.objects.create(
        user=user,
        action=action,
        content_type=content_type,
        object_id=object_id,
        subject=str(subject or (obj if obj is not None else ""))[:SUBJECT_LENGTH],
        language=language,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        address=(address if address is not None else client_address.current()) or None,
        data=json.loads(json.dumps(details, cls=DjangoJSONEncoder)),
    )
