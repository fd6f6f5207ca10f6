"""Signals for side jobs (cache purges, e-mail); core logic never hangs off them."""

from django.dispatch import Signal

# Sent after a workflow transition has been committed, with ``article``, ``activity``,
# ``action`` (the transition's name: ``publish``…) and ``by`` (the user).
article_transitioned = Signal()

# Sent after a translation transition (requested, ready, approved, returned, withdrawn), with
# ``obj`` (article, person or term), ``translation``, ``language``, ``activity``, ``action``, ``by``.
translation_transitioned = Signal()
