"""Side jobs of the translation workflow: an approved text (of an article, a person or a term)
goes into the translation memory."""

from typing import Any

from articles.models.translation import TARGET_FIELDS
from translation_tools import memory

REMEMBERED_ACTIONS = {"translation_approve", "translation_current"}


def on_translation_transitioned(
    sender: Any, *, obj: Any, language: str, action: str, by: Any = None, **kwargs: Any
) -> None:
    if action in REMEMBERED_ACTIONS and obj._meta.label_lower in TARGET_FIELDS:
        memory.remember(obj, language, by=by)
