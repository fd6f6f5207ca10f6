"""What happens when something readers see changes: signal receivers, connected in
``ArticlesConfig.ready``.

An article's own pages are rendered again at once, in the request that published them, so the
editor who publishes sees the page readers get. What else shows the change — the similar lists
of other articles, every page crediting a person whose name changed, every article filed under
a renamed topic — is rendered again by a background job (``articles.tasks.refresh_dependents``):
on the queue's workers when there are some, at once otherwise. Lists are forgotten at once
either way, so a renamed person's own page is right immediately.
"""

from articles import listings
from articles.models import Article, ArticleType, Region, Topic
from articles.public import dependents
from articles.public.caching import LISTS
from articles.tasks import refresh_dependents
from people.models import Person
from thinktank.pagecache import invalidate, invalidate_all
from thinktank.tasks import enqueue


def later(obj) -> None:
    """Forget the lists now; render what shows ``obj`` again in the background."""
    invalidate([LISTS])
    enqueue(refresh_dependents, *dependents.kind_of(obj))


def on_live_versions_changed(sender, *, article_id: int, **kwargs) -> None:
    """An article's versions were made, closed or dropped."""
    dependents.article_changed(article_id)
    enqueue(refresh_dependents, "similar", article_id)


def on_version_deleting(sender, instance, using: str = "default", **kwargs) -> None:
    """Before a live version goes (replaced while scheduled, dropped, or with its article):
    remember the terms it is counted under."""
    instance._listed_under = listings.listed_under(instance.pk, using)


def on_version_deleted(sender, instance, using: str = "default", **kwargs) -> None:
    """After it went (its listing rows with it): count those terms again."""
    listings.recount_listed(getattr(instance, "_listed_under", []), using)


def on_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """A person, link, term or source saved anywhere (admin, shell, import)."""
    if not raw:
        later(instance)


def on_deleting(sender, instance, **kwargs) -> None:
    """Before a person, term, link or source goes: remember the versions showing it."""
    instance._shown_in = dependents.shown_in(instance)


def on_deleted(sender, instance, **kwargs) -> None:
    """After it went: render those versions again without it (at once: it cannot be found
    later)."""
    dependents.render_again(getattr(instance, "_shown_in", []))


def on_public_text_changed(sender, *, obj, **kwargs) -> None:
    """A translator edited the approved text of a person or a term."""
    later(obj)


def on_translation_transitioned(sender, *, obj, action: str, **kwargs) -> None:
    """A person's or term's approved text in a language came or went; or an article's
    translation went stale or current again (its page's note that the original changed)."""
    if action in ("translation_stale", "translation_current") and isinstance(obj, Article):
        dependents.article_changed(obj.pk)
    elif action in ("translation_approve", "translation_withdraw") and isinstance(
        obj, Person | ArticleType | Topic | Region
    ):
        later(obj)


def on_restored(sender, using: str = "default", **kwargs) -> None:
    """A backup was restored (its rendered pages with it): the terms' listings are made again
    and every cached page is forgotten."""
    listings.rebuild(using)
    invalidate_all()


SAVED_MODELS = dependents.SAVED_MODELS
