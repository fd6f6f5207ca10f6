"""Labels of the actions and states that log lines name, registered by the apps that make them.

The log stores plain names (``publish``, ``in_review``); each app registers the labels of its
own actions and states when its modules load, so the log needs to know nothing above it.
"""

from collections.abc import Iterable

from django.utils.functional import Promise

_ACTIONS: dict[str, str | Promise] = {}
_STATES: dict[str, str | Promise] = {}


def register_actions(choices: Iterable[tuple[str, str | Promise]]) -> None:
    _ACTIONS.update(choices)


def register_states(choices: Iterable[tuple[str, str | Promise]]) -> None:
    _STATES.update(choices)


def action_label(name: str) -> str:
    return str(_ACTIONS.get(name, name))


def state_label(name: str) -> str:
    return str(_STATES.get(name, name)) if name else ""


def action_choices() -> list[tuple[str, str]]:
    return sorted(((name, str(label)) for name, label in _ACTIONS.items()), key=lambda c: c[1])
