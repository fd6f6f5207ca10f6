"""Which rendered pages a change reaches, and rendering them again (``articles.public.rendering``).

- An article's versions were made, closed or dropped: its own versions (they link to each
  other) are rendered again, and the similar articles of the recent versions that share a topic,
  a region or an author with it — or listed it — are computed again.
- A person, a taxonomy term or a cited source changed (or a translation of a person or a term
  was approved or withdrawn): the versions that show it.

Each returns the versions whose pages changed, so caches can forget exactly those.
Connected in ``ArticlesConfig.ready`` to the signals these changes send.
"""

from django.db import connection
from django.db.models import Q

from articles.models import ArticleType, LiveVersion, Region, Topic
from articles.models.live import SIMILAR_CANDIDATES
from articles.public import rendering
from articles.public.caching import LISTS, article_tag
from citations.models import Source
from people.models import Person, PersonLink
from thinktank.pagecache import invalidate


def forget(versions, *also: str) -> list[LiveVersion]:
    """Tell the page cache (and the CDN) that these versions' pages and every list changed."""
    versions = list(versions)
    invalidate([LISTS, *also, *(article_tag(version.article_id) for version in versions)])
    return versions


def _open(versions):
    return versions.not_ended().select_related("article", "article_type").distinct()


def article_changed(article_id: int) -> list[LiveVersion]:
    """Render an article's versions again, and refresh the similar lists it enters or leaves."""
    changed = rendering.render_article(article_id)
    current = list(
        LiveVersion.objects.visible_now()
        .filter(article_id=article_id)
        .prefetch_related("topics", "regions", "authorships")
    )
    neighbours = {version.pk: version for version in listing_similar(article_id)}
    for version in current:
        pool = (
            LiveVersion.objects.visible(version.language)
            .exclude(article_id=article_id)
            .newest_ids(SIMILAR_CANDIDATES)
        )
        sharing = (
            Q(topics__in=[topic.pk for topic in version.topic_list])
            | Q(regions__in=[region.pk for region in version.region_list])
            | Q(authorships__person__in=[item.person_id for item in version.author_list])
        )
        for neighbour in (
            LiveVersion.objects.filter(pk__in=pool)
            .filter(sharing)
            .distinct()
            .prefetch_related("topics", "regions", "authorships")
        ):
            neighbours.setdefault(neighbour.pk, neighbour)
    return forget(changed + rendering.refresh_similar(neighbours.values()), article_tag(article_id))


def listing_similar(article_id: int) -> list[LiveVersion]:
    """The visible versions of other articles that list ``article_id`` as similar."""
    others = LiveVersion.objects.visible_now().exclude(article_id=article_id)
    if connection.vendor == "postgresql":
        listing = others.filter(similar_ids__contains=[article_id])
    else:  # SQLite has no JSON containment: look through the (small) site's lists
        ids = [
            pk for pk, similar in others.values_list("pk", "similar_ids") if article_id in similar
        ]
        listing = others.filter(pk__in=ids)
    return list(listing.prefetch_related("topics", "regions", "authorships"))


def person_changed(person_id: int) -> list[LiveVersion]:
    """A credited person's name, photo or biography changed."""
    return forget(
        rendering.render_versions(
            _open(LiveVersion.objects.filter(authorships__person_id=person_id))
        )
    )


def term_changed(term) -> list[LiveVersion]:
    """A type's, topic's or region's public name or address changed."""
    return forget(rendering.render_versions(_open(_showing(term))))


def source_changed(source_id: int) -> list[LiveVersion]:
    """A cited source's details changed (its notes read differently)."""
    return forget(
        rendering.render_versions(_open(LiveVersion.objects.filter(sources__id=source_id)))
    )


# Signal receivers (connected in ArticlesConfig.ready) ----------------------------------------


def on_live_versions_changed(sender, *, article_id, **kwargs):
    article_changed(article_id)


def changed(obj) -> list[LiveVersion]:
    """Whatever shows ``obj`` (a person, one of their links, a term or a source)."""
    if isinstance(obj, Person):
        return person_changed(obj.pk)
    if isinstance(obj, PersonLink):
        return person_changed(obj.person_id)
    if isinstance(obj, Source):
        return source_changed(obj.pk)
    return term_changed(obj)


def on_saved(sender, instance, raw=False, **kwargs):
    """A person, link, term or source saved anywhere (admin, shell, import)."""
    if not raw:
        changed(instance)


def on_deleting(sender, instance, **kwargs):
    """Before a term, link or source goes: remember the versions showing it."""
    instance._shown_in = list(_open(_showing(instance)).values_list("pk", flat=True))


def on_deleted(sender, instance, **kwargs):
    """After it went: render those versions again without it."""
    versions = LiveVersion.objects.filter(pk__in=getattr(instance, "_shown_in", []))
    forget(rendering.render_versions(_open(versions)))


def _showing(obj):
    if isinstance(obj, Person):
        return LiveVersion.objects.filter(authorships__person_id=obj.pk)
    if isinstance(obj, PersonLink):
        return LiveVersion.objects.none()
    if isinstance(obj, Source):
        return LiveVersion.objects.filter(sources__id=obj.pk)
    relation = {ArticleType: "article_type", Topic: "topics", Region: "regions"}[type(obj)]
    return LiveVersion.objects.filter(**{relation: obj})


def on_public_text_changed(sender, *, obj, **kwargs):
    changed(obj)


def on_translation_transitioned(sender, *, obj, action, **kwargs):
    """A person's or term's approved text in a language came or went."""
    if action not in ("translation_approve", "translation_withdraw"):
        return
    if isinstance(obj, Person):
        person_changed(obj.pk)
    elif isinstance(obj, ArticleType | Topic | Region):
        term_changed(obj)


SAVED_MODELS = (Person, PersonLink, Source, ArticleType, Topic, Region)
