"""The state engine: states and transitions declared as data, and one ``transition()``.

A ``Workflow`` lists the transitions of one kind of row — an article's editorial status, or the
status of one language of an article, a person or a taxonomy term — each with the states it may
start from, the state it leads to and the policy permission it needs. ``transition()`` is the
only way such a state changes: it locks the row, checks permission first (a user who may not act
learns nothing about the state) and then state, runs the workflow's own checks (is the article
complete?), changes the row, writes one audit line, and, the change made, sends the workflow's
signal for side jobs (e-mail, cache purges).

``articles.editorial.transitions`` and ``articles.translations.status`` declare the two
workflows; views, admin actions, commands and the XLIFF import call their functions.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from audit.log import log
from audit.models import LogEntry
from audit.registry import register_actions, register_states


class TransitionError(ValidationError):
    """The row is not in a state that allows the change (``code="wrong_state"``), or not ready
    for it (``code="incomplete"``)."""


@dataclass(frozen=True)
class Transition:
    name: str  # also the action of its audit line
    label: str | Promise
    sources: tuple[str, ...]  # states it may start from
    target: str  # the state it leads to
    permission: str  # what the workflow's policy is asked


class Workflow:
    """The states and transitions of one kind of row; subclasses say how to find, lock, check
    and change that row.

    ``state_of(row)`` may refine the stored state (an article published with a future time is
    "scheduled"); transitions name their sources in those terms and their target as stored.
    """

    states: type[models.TextChoices]
    transitions: tuple[Transition, ...] = ()
    error_class: type[TransitionError] = TransitionError
    signal: Signal | None = None
    extra_states: tuple[tuple[str, str | Promise], ...] = ()
    # "“%(action)s” is not possible for … “%(status)s” … %(allowed)s", in the subclass's words.
    wrong_state_message: str | Promise = ""

    def __init__(self):
        self.by_name = {step.name: step for step in self.transitions}
        register_actions((step.name, step.label) for step in self.transitions)
        register_states(self.states.choices)

    def __getitem__(self, name: str) -> Transition:
        return self.by_name[name]

    def state_label(self, state: str) -> str:
        labels = dict((*self.states.choices, *self.extra_states))
        return str(labels.get(state, state))

    # What subclasses provide ------------------------------------------------------------------

    def lock(self, obj: Any, language: str) -> models.Model:
        """The row holding the state, locked until the transaction ends."""
        raise NotImplementedError

    def state_of(self, row: models.Model) -> str:
        return row.status

    def user_may(self, user: Any, step: Transition, obj: Any, language: str) -> bool:
        raise NotImplementedError

    def validate(self, step: Transition, obj: Any, row: models.Model, language: str) -> None:
        """Checks of the row beyond its state (is it complete?); raise ``error_class``."""

    def change(self, step: Transition, row: models.Model, changes: dict, by: Any) -> None:
        """Set the target state and ``changes`` on the locked row, and save it."""
        row.status = step.target
        for name, value in changes.items():
            setattr(row, name, value)
        row.save()

    def send(self, step: Transition, obj: Any, row: models.Model, language: str, **kwargs):
        if self.signal is not None:
            self.signal.send(sender=type(row), action=step.name, language=language, **kwargs)

    # Questions --------------------------------------------------------------------------------

    def check(
        self, name: str, obj: Any, user: Any, *, state: str, language: str = ""
    ) -> Transition:
        """The transition, if ``user`` may apply it to ``obj`` in ``state``; else raise
        ``PermissionDenied`` (asked first) or ``error_class`` with ``code="wrong_state"``."""
        step = self[name]
        if not self.user_may(user, step, obj, language):
            raise PermissionDenied(
                _("You are not allowed to do this: %(action)s.") % {"action": step.label}
            )
        if state not in step.sources:
            raise self.wrong_state(step, state)
        return step

    def wrong_state(self, step: Transition, state: str) -> TransitionError:
        return self.error_class(
            str(self.wrong_state_message)
            % {
                "action": step.label,
                "status": self.state_label(state),
                "allowed": ", ".join(self.state_label(source) for source in step.sources),
            },
            code="wrong_state",
        )

    def allows(self, name: str, obj: Any, user: Any, *, state: str, language: str = "") -> bool:
        try:
            self.check(name, obj, user, state=state, language=language)
        except (PermissionDenied, ValidationError):
            return False
        return True

    def available(
        self, obj: Any, user: Any, *, state: str, language: str = "", names: Iterable[str] = ()
    ) -> list[Transition]:
        """The transitions ``user`` may apply now (of ``names``, or all), in declared order."""
        names = set(names) or set(self.by_name)
        return [
            step
            for step in self.transitions
            if step.name in names
            and self.allows(step.name, obj, user, state=state, language=language)
        ]


def transition(
    workflow: Workflow,
    name: str,
    obj: Any,
    *,
    by: Any,
    language: str = "",
    comment: str = "",
    changes: dict | None = None,
    prepare: Callable[[models.Model], dict] | None = None,
    then: Callable[[models.Model], None] | None = None,
    details: dict | None = None,
) -> tuple[models.Model, LogEntry]:
    """Apply the transition ``name`` to ``obj`` (in ``language``) as ``by``.

    Lock, check permission then state, validate, change (``changes``, plus what ``prepare``
    computes from the locked row), run ``then`` (what else the change makes, in the same
    transaction: live versions, say), write the audit line, then signal. Returns the row and the
    audit line.
    """
    with transaction.atomic():
        row = workflow.lock(obj, language)
        state = workflow.state_of(row)
        stored = row.status
        step = workflow.check(name, obj, by, state=state, language=language)
        workflow.validate(step, obj, row, language)
        values = {**(changes or {}), **(prepare(row) if prepare else {})}
        workflow.change(step, row, values, by)
        if then is not None:
            then(row)
        entry = log(
            by,
            step.name,
            obj,
            language=language,
            from_status=stored,
            to_status=step.target,
            comment=comment,
            **(details or {}),
        )
    workflow.send(step, obj, row, language, activity=entry, by=by)
    return row, entry
