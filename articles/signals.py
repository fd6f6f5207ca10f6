"""Signals for side jobs (cache purges, e-mail); core logic never hangs off them."""

from django.dispatch import Signal

# Sent after a workflow transition has been committed, with ``article``, ``activity``,
# ``action`` (the transition's name: ``publish``…) and ``by`` (the user).
article_transitioned = Signal()

# Sent after a translation transition (requested, ready, approved, returned, withdrawn), with
# ``obj`` (article, person or term), ``translation``, ``language``, ``activity``, ``action``, ``by``.
translation_transitioned = Signal()

# Sent when an article's live versions were made, closed or dropped (inside the transaction that
# changed them), with ``article_id``: what readers are served is rendered again from them.
live_versions_changed = Signal()

# Sent when what readers see of a person or a term in a language changed without a transition
# (an editor's own change to an approved translation), with ``obj``.
public_text_changed = Signal()
