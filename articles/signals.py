"""Signals for side jobs (cache purges, e-mail); core logic never hangs off them."""

from django.dispatch import Signal

# Sent after a workflow transition has been committed, with ``article``, ``activity``,
# ``action`` (an ``ArticleActivity.Action``) and ``by`` (the user).
article_transitioned = Signal()
