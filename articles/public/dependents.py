"""Which rendered pages a change reaches, and rendering them again (``articles.public.rendering``).

- An article's versions were made, closed or dropped: its own versions (they link to each
  other) are rendered again, and the similar articles of the recent versions that share a topic,
  a region or an author with it — or listed it — are computed again.
- A person, a taxonomy term or a cited source changed (or a translation of a person or a term
  was approved or withdrawn): the versions that show it.

Each returns the versions whose pages changed, after telling the page cache to forget them.
``articles.receivers`` calls them when the changes happen: an article's own pages at once, the
rest in a background job (``articles.tasks.refresh_dependents``).
"""

from django.db import connection
from django.db.models import Q

from articles.models import ArticleType, LiveVersion, Region, Topic
from articles.models.live import SIMILAR_CANDIDATES
from articles.public import rendering
from articles.public.caching import LISTS, article_tag
from citations.models import Source
from people.models import Person, PersonLink
from thinktank.pagecache import invalidate, invalidate_all


def forget(versions, *also: str) -> list[LiveVersion]:
    """Tell the page cache (and the CDN) that these versions' pages and every list changed."""
    versions = list(versions)
    invalidate([LISTS, *also, *(article_tag(version.article_id) for version in versions)])
    return versions


def _open(versions):
    return versions.not_ended().select_related("article", "article_type").distinct()


def article_changed(article_id: int) -> list[LiveVersion]:
    """Render an article's own versions again (their pages link to each other)."""
    return forget(rendering.render_article(article_id), article_tag(article_id))


def neighbours_changed(article_id: int) -> list[LiveVersion]:
    """Refresh the similar lists an article enters or leaves: those of the recent versions that
    share a topic, a region or an author with it, and those that listed it."""
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
    return forget(rendering.refresh_similar(neighbours.values()))


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
    if term is None:
        return forget([])
    return forget(rendering.render_versions(_open(showing(term))))


def source_changed(source_id: int) -> list[LiveVersion]:
    """A cited source's details changed (its notes read differently)."""
    return forget(
        rendering.render_versions(_open(LiveVersion.objects.filter(sources__id=source_id)))
    )


# What a change of one kind reaches (the background job ``articles.tasks.refresh_dependents``)


KINDS = {
    "similar": neighbours_changed,
    "person": person_changed,
    "source": source_changed,
    "articletype": lambda pk: term_changed(ArticleType.objects.filter(pk=pk).first()),
    "topic": lambda pk: term_changed(Topic.objects.filter(pk=pk).first()),
    "region": lambda pk: term_changed(Region.objects.filter(pk=pk).first()),
}


def kind_of(obj) -> tuple[str, int]:
    """The kind and id a change of ``obj`` (a person, one of their links, a term or a source)
    is refreshed under."""
    if isinstance(obj, PersonLink):
        return "person", obj.person_id
    return obj._meta.model_name, obj.pk


def refresh(kind: str, pk: int) -> list[LiveVersion]:
    """Render again what shows the ``kind`` object ``pk``; nothing when it is gone."""
    return KINDS[kind](pk)


def showing(obj):
    """The versions that show ``obj`` (a person, a term or a source)."""
    if isinstance(obj, Person):
        return LiveVersion.objects.filter(authorships__person_id=obj.pk)
    if isinstance(obj, PersonLink):
        return LiveVersion.objects.none()
    if isinstance(obj, Source):
        return LiveVersion.objects.filter(sources__id=obj.pk)
    relation = {ArticleType: "article_type", Topic: "topics", Region: "regions"}[type(obj)]
    return LiveVersion.objects.filter(**{relation: obj})


def shown_in(obj) -> list[int]:
    """The open versions showing ``obj``, remembered before it is deleted."""
    return list(_open(showing(obj)).values_list("pk", flat=True))


def render_again(version_ids: list[int]) -> list[LiveVersion]:
    """Render these versions again (after something they showed was deleted)."""
    return forget(rendering.render_versions(_open(LiveVersion.objects.filter(pk__in=version_ids))))


def render_all(*, batch: int = 200, progress=None) -> int:
    """Render every version readers see or will see again, ``batch`` at a time, and forget every
    cached page (after a deploy that changed the templates: ``manage.py render_pages``; after a
    restore). ``progress(done, total)`` is told after each batch. Returns how many changed."""
    ids = list(_open(LiveVersion.objects.all()).order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), batch):
        versions = _open(LiveVersion.objects.filter(pk__in=ids[start : start + batch]))
        changed += len(rendering.render_versions(versions.order_by("pk")))
        if progress is not None:
            progress(min(start + batch, len(ids)), len(ids))
    invalidate_all()
    return changed


SAVED_MODELS = (Person, PersonLink, Source, ArticleType, Topic, Region)
