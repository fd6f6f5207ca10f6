"""Stored values compared by what they say, not by how they are written.

The one rule behind staleness fingerprints, "changed fields", revision diffs and conflict checks:
rich text is compared in its canonical HTML (``thinktank.richtext.canonical_html``), an empty
value is the same whether stored as ``None`` or ``""``, many-to-many values are sets, and a
related object is its primary key.
"""

import datetime
import hashlib
import json
from typing import Any

from django.db import models

from thinktank.richtext import RichTextField, canonical_html

DIGEST_LENGTH = 16


def comparable(field: models.Field, value: Any) -> str:
    """``value`` (of model ``field``, live or as a revision stored it) in its normal form."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(field, RichTextField):
        return canonical_html(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set | models.QuerySet):
        keys = sorted(str(item.pk if isinstance(item, models.Model) else item) for item in value)
        return json.dumps(keys)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def same(field: models.Field, first: Any, second: Any) -> bool:
    """Do two values of ``field`` say the same thing?"""
    return comparable(field, first) == comparable(field, second)


def digest(text: str) -> str:
    """A short, stable hash of ``text``."""
    return hashlib.sha256(text.encode()).hexdigest()[:DIGEST_LENGTH]


def value_digest(field: models.Field, value: Any) -> str:
    """The hash of ``value`` in its normal form."""
    return digest(comparable(field, value))
