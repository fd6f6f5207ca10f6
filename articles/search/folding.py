"""Accent- and case-insensitive matching for the SQLite fallback search.

SQLite's ``LIKE`` folds ASCII letters only: ``icontains`` misses "газ" for "Газ" and "Türkiye"
for "Turkiye". ``fold`` is registered as an SQL function on every SQLite connection, and the
``folded`` lookup (``title__folded="turkiye"``) asks whether the folded text contains the folded
word. PostgreSQL searches its full-text index instead and never uses this.
"""

import unicodedata

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models.fields.json import KeyTransform

_LETTERS = str.maketrans({"ı": "i", "İ": "i", "ß": "ss"})


def fold(text: object) -> str | None:
    """Lower case, without accents: "Türkiye" → "turkiye", "Газ" → "газ", "ЁЛКА" → "елка"."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Folded(models.Lookup):
    """``field__folded=word``: ``word`` occurs in the field, ignoring case and accents (SQLite)."""

    lookup_name = "folded"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"instr(fold({lhs}), fold({rhs})) > 0", [*lhs_params, *rhs_params]


def register_fold(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the ``fold`` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("fold", 1, fold, deterministic=True)


def install() -> None:
    for field in (models.CharField, models.TextField, models.JSONField, KeyTransform):
        field.register_lookup(Folded)
    connection_created.connect(register_fold, dispatch_uid="articles.search.fold")
