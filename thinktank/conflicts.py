"""No lost updates: an edit form remembers what its user saw and refuses a save over a newer one.

When the form opens, its hidden ``version_token`` carries (signed) the time and a digest of each
value the save could overwrite: the object's fields, its many-to-many sets and the rows of its
inlines, compared by content (``thinktank.comparison``). On save, ``clean()`` locks the row,
digests it again and refuses when a digest differs, naming only those fields and, through
``last_change`` (answered from the audit log by ``audit.edits.AuditedForm``), who saved and
when. A refused save changes nothing.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import dateparse, formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thinktank.comparison import comparable, digest, value_digest
from thinktank.languages import language_name
from thinktank.richtext import RichTextField, readable_paragraphs

SALT = "thinktank.conflicts.version"
SHOWN_CHARACTERS = 80


@dataclass(frozen=True)
class Opened:
    """What a token says: when the form was opened and the digests of what it showed."""

    at: datetime.datetime | None
    digests: dict[str, str]


# What is compared ---------------------------------------------------------------------------


def content_fields(model: type[models.Model], ignore: Sequence[str] = ()) -> list[models.Field]:
    """The fields a save could overwrite: concrete and many-to-many fields, but not the primary
    key, automatic timestamps, many-to-many through an explicit model (its rows are compared as
    an inline relation), the untranslated column behind per-language ones, or ``ignore``."""
    every = [*model._meta.concrete_fields, *model._meta.many_to_many]
    translated = {field.translated_field.name for field in every if translated_from(field)}
    fields = []
    for field in every:
        if field.primary_key or field.name in ignore or field.name in translated:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.many_to_many and not field.remote_field.through._meta.auto_created:
            continue
        fields.append(field)
    return fields


def translated_from(field: models.Field) -> models.Field | None:
    """For a per-language column (``title_tr``), the field it translates (``title``)."""
    return getattr(field, "translated_field", None)


def relation_model(model: type[models.Model], accessor: str) -> type[models.Model]:
    """The model of the rows behind a reverse foreign key (``article.highlights``)."""
    return getattr(model, accessor).rel.related_model


def row_fields(
    model: type[models.Model], accessor: str, names: Sequence[str] | None = None
) -> list[models.Field]:
    """The compared fields of the rows of ``accessor``: ``names``, or all but the key and the
    link back to the parent."""
    rel = getattr(model, accessor).rel
    if names is not None:
        return [rel.related_model._meta.get_field(name) for name in names]
    every = rel.related_model._meta.concrete_fields
    translated = {field.translated_field.name for field in every if translated_from(field)}
    return [
        field
        for field in every
        if not field.primary_key and field != rel.field and field.name not in translated
    ]


def current_value(obj: models.Model, field: models.Field) -> Any:
    """The value of ``field`` on ``obj``: a related object, a list for many-to-many."""
    if field.many_to_many:
        return list(getattr(obj, field.name).all()) if obj.pk else []
    if field.many_to_one or field.one_to_one:
        return getattr(obj, field.name)
    return field.value_from_object(obj)


def digests(
    obj: models.Model,
    fields: Sequence[models.Field],
    relations: Mapping[str, Sequence[str] | None],
) -> dict[str, str]:
    """``{name: digest}`` of each field of ``obj`` and of the rows of each relation."""
    result = {}
    for field in fields:
        value = field.value_from_object(obj)
        if field.many_to_many:
            value = [item.pk for item in value]
        result[field.name] = value_digest(field, value)
    for accessor, names in relations.items():
        compared = row_fields(type(obj), accessor, names)
        rows = [
            [row.pk, *(comparable(field, field.value_from_object(row)) for field in compared)]
            for row in getattr(obj, accessor).order_by("pk")
        ]
        result[accessor] = digest(repr(rows))
    return result


def changed(opened: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """The names whose digest is not what the form was opened with, in the order of ``now``."""
    return [name for name, value in now.items() if opened.get(name) != value]


# The token ----------------------------------------------------------------------------------


def make_token(values: Mapping[str, str], at: datetime.datetime | None = None) -> str:
    """A signed token of ``values`` (digests) and the time the form was opened."""
    moment = at or timezone.now()
    return signing.dumps({"at": moment.isoformat(), "d": dict(values)}, salt=SALT, compress=True)


def read_token(token: str) -> Opened | None:
    """What ``token`` says; None for a missing, altered or malformed one."""
    try:
        data = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("d"), dict):
        return None
    return Opened(at=dateparse.parse_datetime(str(data.get("at", ""))), digests=data["d"])


# Saying what changed ------------------------------------------------------------------------


def field_label(field: models.Field) -> str:
    """“title (English)” for a translated field, the verbose name otherwise."""
    original = translated_from(field)
    if original is not None:
        return f"{original.verbose_name} ({language_name(field.language)})"
    return str(field.verbose_name)


def relation_label(model: type[models.Model], accessor: str) -> str:
    return capfirst(str(relation_model(model, accessor)._meta.verbose_name_plural))


def shown(field: models.Field, value: Any) -> str:
    """A value as an editor reads it in one line: rich text as its words, choices by label."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(field, RichTextField):
        text = " ".join(readable_paragraphs(value))
    elif isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif getattr(field, "flatchoices", None) and not isinstance(value, models.Model):
        text = str(dict(field.flatchoices).get(value, value))
    elif isinstance(value, list | tuple | models.QuerySet):
        text = ", ".join(str(item) for item in value)
    elif isinstance(value, datetime.datetime):
        text = formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    elif isinstance(value, datetime.date):
        text = formats.date_format(value, "DATE_FORMAT")
    elif isinstance(value, FieldFile):
        text = value.name or ""
    else:
        text = str(value)
    return Truncator(text).chars(SHOWN_CHARACTERS)


def when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# The form -----------------------------------------------------------------------------------


class VersionTokenField(forms.CharField):
    """The hidden token: never required, never a change of the object."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(**{"required": False, **kwargs})

    def has_changed(self, initial, data):
        return False


class VersionCheckedForm(forms.ModelForm):
    """A model form that refuses a save over a version newer than the one its user opened.

    ``version_fields`` names the compared fields (default: every content field of the model but
    ``version_ignore``); ``version_relations`` maps reverse foreign keys (inline rows) to the
    row fields compared (None: all of them).
    """

    version_token = VersionTokenField()
    version_fields: Sequence[str] | None = None
    version_ignore: Sequence[str] = ()
    version_relations: Mapping[str, Sequence[str] | None] = {}
    conflict_intro = gettext_lazy(
        "Someone else saved “%(object)s” after you opened it, so your changes were not saved "
        "(nothing was overwritten). Open it again to see the latest version, then redo your "
        "changes."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "version_token" in self.fields:
            self.fields["version_token"].initial = self.token_for(self.instance)

    @classmethod
    def compared_fields(cls, model: type[models.Model]) -> list[models.Field]:
        if cls.version_fields is not None:
            return [model._meta.get_field(name) for name in cls.version_fields]
        return content_fields(model, cls.version_ignore)

    @classmethod
    def version_digests(cls, obj: models.Model) -> dict[str, str]:
        """The digests of everything this form could overwrite on ``obj``, as stored now."""
        return digests(obj, cls.compared_fields(type(obj)), cls.version_relations)

    @classmethod
    def token_for(cls, obj: models.Model) -> str:
        """The token of ``obj`` as stored now (what a form opened now carries)."""
        return make_token(cls.version_digests(obj))

    def last_change(
        self, obj: models.Model, since: datetime.datetime | None
    ) -> tuple[str, datetime.datetime] | None:
        """Who last saved ``obj`` (after ``since``) and when; None when nobody can say."""
        return None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        current = model._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            return cleaned
        opened = read_token(self.data.get(self.add_prefix("version_token"), ""))
        names = changed(opened.digests, self.version_digests(current)) if opened else []
        if opened is None or names:
            raise ValidationError(self.conflict_errors(current, opened, names))
        return cleaned

    def conflict_errors(
        self, current: models.Model, opened: Opened | None, names: list[str]
    ) -> list[ValidationError]:
        """The refusal: what happened, who saved last and when, and each field they changed."""
        lines = [str(self.conflict_intro) % {"object": current}]
        last = self.last_change(current, opened.at if opened else None)
        if last is not None:
            user, moment = last
            lines.append(
                _("Last saved by %(user)s (%(time)s).") % {"user": user, "time": when(moment)}
            )
        model = type(current)
        for name in names:
            if name in self.version_relations:
                lines.append(_("%(inline)s changed.") % {"inline": relation_label(model, name)})
                continue
            field = model._meta.get_field(name)
            saved = shown(field, current_value(current, field))
            if name in self.fields and name in getattr(self, "cleaned_data", {}):
                yours = shown(field, self.cleaned_data[name])
                lines.append(
                    _("%(field)s: saved “%(saved)s”, yours “%(yours)s”")
                    % {"field": field_label(field), "saved": saved, "yours": yours}
                )
            else:
                lines.append(
                    _("%(field)s: now “%(saved)s”") % {"field": field_label(field), "saved": saved}
                )
        return [ValidationError(line, code="conflict") for line in lines]
