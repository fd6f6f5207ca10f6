"""What readers will see: the question asked before a public or destructive workflow step.

``CONFIRMATIONS`` maps the name of a workflow step (a transition of
``articles.editorial.transitions.article_workflow``) to a function ``describe(article, data)``
returning a ``Confirmation``; ``data`` is what the change form's button sent (a ``QueryDict``:
``publish_at``, ``approve`` …). The admin answers the button of every step listed here with a
confirmation page saying plainly what readers will see, whose button posts ``Confirmation.carry``
to the step itself. A step that should ask first is one more entry::

    CONFIRMATIONS["discard_changes"] = describe_discard_changes

A ``describe`` function refuses input it cannot act on (a time in the past) by raising
``ValidationError`` with a message for the editor; nothing is changed either way.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import dateparse, formats, timezone
from django.utils.translation import gettext as _

from articles.editorial.publishing import current_versions
from articles.editorial.transitions import (
    KINDS,
    MINOR,
    SCHEDULED,
    missing_for_publication,
    notes_needed,
    state_of,
)
from articles.models import Article, Correction, Status
from articles.models.translation import target_languages
from articles.translations import status as translation_status
from thinktank.languages import language_codes, language_name, translated_value


@dataclass(frozen=True)
class Confirmation:
    """The confirmation page of one step for one article."""

    question: str  # the page's heading: “Publish “…” now?”
    readers_see: list[str]  # plain sentences: what readers will see once the step is taken
    button: str  # the confirm button
    carry: Sequence[tuple[str, str]] = field(default_factory=tuple)  # form values sent on


Describe = Callable[[Article, QueryDict], Confirmation]


# Reading what the button sent ---------------------------------------------------------------------


def publication_time(value: str) -> datetime | None:
    """A time typed in the schedule field (``2026-12-01T09:30``), in the editors' time zone;
    ``None`` when empty or not a time."""
    try:
        moment = dateparse.parse_datetime(value.strip()) if value else None
    except ValueError:  # well formed but impossible, such as 2026-02-30
        moment = None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def languages_to_approve(data: QueryDict) -> list[str]:
    """The translations the editor ticked to approve with the publication (site languages only)."""
    return [code for code in data.getlist("approve") if code in language_codes()]


# What readers see ---------------------------------------------------------------------------------


def _when(moment: datetime) -> str:
    shown = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return f"{shown} ({timezone.get_current_timezone_name()})"


def _addresses(article: Article, codes: list[str]) -> str:
    """“/en/articles/x/ (English), /tr/makaleler/y/ (Turkish)”."""
    return ", ".join(f"{article.get_absolute_url(code)} ({language_name(code)})" for code in codes)


def _languages(codes: list[str]) -> str:
    return ", ".join(str(language_name(code)) for code in codes)


def languages_once_published(article: Article, approve: Sequence[str] = ()) -> list[str]:
    """The languages readers will find ``article`` in once it is published: its original and each
    translation approved before or with the step (``approve``), every one with a title, an
    address and a body — what ``Article.objects.live`` asks of a published article."""
    translations = translation_status.translations_of(article)
    codes = []
    for code in language_codes():
        if code != article.original_language:
            translation = translations.get(code)
            approved = translation is not None and translation.is_live
            approved_now = code in approve and not translation_status.missing_for(article, code)
            if not (approved or approved_now):
                continue
        if all(translated_value(article, name, code) for name in ("title", "slug", "body")):
            codes.append(code)
    return codes


def languages_live_now(article: Article) -> list[str]:
    """The languages readers find ``article`` in now (``Article.objects.live``, one query)."""
    row = Article.objects.with_live_languages().filter(pk=article.pk).first()
    return [
        code for code in language_codes() if row is not None and getattr(row, f"live_in_{code}")
    ]


def _going_live(article: Article, approve: Sequence[str], when: datetime | None) -> list[str]:
    """What readers will see once ``article`` goes live, now (``when`` is None) or at ``when``;
    ``ValidationError`` when it cannot be published (the workflow would refuse it too)."""
    missing = missing_for_publication(article)
    if missing:
        raise ValidationError(
            _("The article cannot be published without: %(missing)s.")
            % {"missing": ", ".join(missing)},
            code="incomplete",
        )
    codes = languages_once_published(article, approve)
    addresses = _addresses(article, codes)
    if when is None:
        first = _("From now on, readers will find it at %(addresses)s.") % {"addresses": addresses}
    else:
        first = _("From %(time)s, readers will find it at %(addresses)s.") % {
            "time": _when(when),
            "addresses": addresses,
        }
    lines = [
        first,
        _("It will appear in the article lists, search, feeds and sitemap of %(languages)s.")
        % {"languages": _languages(codes)},
    ]
    hidden = [code for code in target_languages(article) if code not in codes]
    if hidden:
        lines.append(
            _("Not in %(languages)s: no approved translation with a title and a text yet.")
            % {"languages": _languages(hidden)}
        )
    return lines


def describe_publish(article: Article, data: QueryDict) -> Confirmation:
    """Publish now: where readers will find the article, in which languages."""
    approve = languages_to_approve(data)
    if state_of(article) == Status.PUBLISHED:
        readers_see = [_("It is already published: nothing changes for readers.")]
    else:
        readers_see = _going_live(article, approve, None)
    return Confirmation(
        question=_("Publish “%(article)s” now?") % {"article": article},
        readers_see=readers_see,
        button=_("Yes, publish now"),
        carry=[("approve", code) for code in approve],
    )


def describe_schedule(article: Article, data: QueryDict) -> Confirmation:
    """Schedule: from when, and where, readers will find the article."""
    raw = data.get("publish_at", "")
    moment = publication_time(raw)
    if moment is None or moment <= timezone.now():
        raise ValidationError(
            _("Choose a publication time in the future to schedule the article."),
            code="not_future",
        )
    approve = languages_to_approve(data)
    return Confirmation(
        question=_("Schedule “%(article)s” for %(time)s?")
        % {"article": article, "time": _when(moment)},
        readers_see=[
            _("Until then readers will not see it; it goes live by itself at that time."),
            *_going_live(article, approve, moment),
        ],
        button=_("Yes, schedule"),
        carry=[("publish_at", raw.strip()), *(("approve", code) for code in approve)],
    )


def describe_unpublish(article: Article, data: QueryDict) -> Confirmation:
    """Unpublish: the addresses readers will no longer find, or the publication cancelled."""
    live = languages_live_now(article)
    state = state_of(article)
    if live:
        readers_see = [
            _(
                "Readers will no longer find it at %(addresses)s: those addresses will answer "
                "“page not found”."
            )
            % {"addresses": _live_addresses(article)},
            _("It will leave the article lists, search, feeds and sitemap."),
        ]
    elif state == SCHEDULED:
        readers_see = [
            _("Its publication planned for %(time)s is cancelled: readers will not see it.")
            % {"time": _when(article.publish_at)}
        ]
    else:
        readers_see = [_("Readers cannot see it now: nothing changes for them.")]
    return Confirmation(
        question=_("Unpublish “%(article)s”?") % {"article": article},
        readers_see=readers_see,
        button=_("Yes, unpublish"),
    )


def _change_notes(article: Article, data: QueryDict) -> tuple[str, dict[str, str], list[str]]:
    """The kind of change and its public notes as the button sent them; what readers will be
    told. ``ValidationError`` for an unknown kind or a missing note."""
    kind = data.get("kind", MINOR)
    if kind not in KINDS:
        raise ValidationError(_("Choose the kind of change."), code="kind")
    notes = {code: data.get(f"note_{code}", "").strip() for code in language_codes()}
    missing = notes_needed(article, kind, notes)
    if missing:
        raise ValidationError(
            _("Write the public note of this %(kind)s in: %(languages)s.")
            % {"kind": Correction.Kind(kind).label.lower(), "languages": _languages(missing)},
            code="notes_required",
        )
    if kind == MINOR:
        told = [_("A minor change: readers are not told, and the “updated” date stays.")]
    else:
        told = [
            _("The article gets a dated note at its end and in the corrections log:"),
            *(
                f"{language_name(code)}: “{notes[code]}”"
                for code in current_versions(article)
                if notes.get(code)
            ),
        ]
    return kind, notes, told


def _live_addresses(article: Article) -> str:
    """The addresses readers find the article at now (its live versions)."""
    return ", ".join(
        f"{version.get_absolute_url()} ({language_name(code)})"
        for code, version in current_versions(article).items()
    )


def _carried_notes(kind, notes):
    return [("kind", kind), *((f"note_{code}", text) for code, text in notes.items() if text)]


def describe_publish_changes(article: Article, data: QueryDict) -> Confirmation:
    """Publish changes now: readers see the working version from now on, told or not."""
    kind, notes, told = _change_notes(article, data)
    return Confirmation(
        question=_("Publish the changes to “%(article)s” now?") % {"article": article},
        readers_see=[
            _("From now on, readers see the changed version at %(addresses)s.")
            % {"addresses": _live_addresses(article)},
            *told,
        ],
        button=_("Yes, publish the changes"),
        carry=_carried_notes(kind, notes),
    )


def describe_schedule_changes(article: Article, data: QueryDict) -> Confirmation:
    """Schedule changes: until when readers keep the published version."""
    raw = data.get("publish_at", "")
    moment = publication_time(raw)
    if moment is None or moment <= timezone.now():
        raise ValidationError(
            _("Choose a publication time in the future to schedule the changes."),
            code="not_future",
        )
    kind, notes, told = _change_notes(article, data)
    return Confirmation(
        question=_("Schedule the changes to “%(article)s” for %(time)s?")
        % {"article": article, "time": _when(moment)},
        readers_see=[
            _(
                "Until then readers keep the published version at %(addresses)s; the changes go live by themselves at that time."
            )
            % {"addresses": _live_addresses(article)},
            *told,
        ],
        button=_("Yes, schedule the changes"),
        carry=[("publish_at", raw.strip()), *_carried_notes(kind, notes)],
    )


def describe_discard_changes(article: Article, data: QueryDict) -> Confirmation:
    """Discard changes: the working version goes back to what readers see."""
    return Confirmation(
        question=_("Discard the changes to “%(article)s”?") % {"article": article},
        readers_see=[
            _("Readers see no difference: they keep the published version."),
            _(
                "The article goes back to the published version; the changes not yet published "
                "are dropped (they stay in the revisions), and changes scheduled for later are "
                "cancelled."
            ),
        ],
        button=_("Yes, discard the changes"),
    )


# The steps that ask first, and what each says. Extend with one entry per new step.
CONFIRMATIONS: dict[str, Describe] = {
    "publish": describe_publish,
    "schedule": describe_schedule,
    "publish_changes": describe_publish_changes,
    "schedule_changes": describe_schedule_changes,
    "discard_changes": describe_discard_changes,
    "unpublish": describe_unpublish,
}


def confirmation_for(action: str, article: Article, data: QueryDict | None = None) -> Confirmation:
    """The confirmation of ``action`` for ``article``; ``KeyError`` when the step asks none."""
    return CONFIRMATIONS[action](article, data if data is not None else QueryDict())
