"""Pages that show a library image or list a document, rendered again when it changes.

At once, in the editor's request (like an article's own pages): the editor who corrects an
alternative text sees the page readers get. Connected in ``LibraryConfig.ready``.
"""

from django.db import transaction
from django.db.models import Q

from articles.models import LiveVersion
from articles.public import dependents, rendering
from library import tasks
from library.models import delete_unused
from thinktank.tasks import enqueue, runs_in_process


def _showing(image_id: int):
    """Open versions with the image as hero, in their body (library/embedded.py) or as the
    portrait of someone they credit (their author boxes)."""
    return (
        LiveVersion.objects.filter(
            Q(hero_id=image_id)
            | Q(body__contains=f'data-image="{image_id}"')
            | Q(authorships__person__portrait_id=image_id)
        )
        .not_ended()
        .select_related("article", "article_type")
        .distinct()
    )


def render_showing(image_id: int) -> list[LiveVersion]:
    """Render again the open versions showing image ``image_id``, and forget their pages
    and the lists (their cards show it)."""
    return dependents.forget(rendering.render_versions(_showing(image_id)))


def on_image_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """Pages showing the image are rendered again; a new file gets its renditions made."""
    if raw:
        return
    if getattr(instance, "renditions_due", False):
        instance.renditions_due = False
        enqueue(tasks.make_renditions, instance.pk)
        if runs_in_process(tasks.make_renditions):  # made already: the caller's copy shows them
            instance.refresh_from_db(fields=["renditions", "updated_at"])
            if instance.renditions:
                return  # the job's own save rendered the pages again, renditions included
    render_showing(instance.pk)


def on_image_deleting(sender, instance, **kwargs) -> None:
    instance._shown_in = list(_showing(instance.pk).values_list("pk", flat=True))
    instance._names = instance.stored_names()


def on_image_deleted(sender, instance, **kwargs) -> None:
    dependents.render_again(getattr(instance, "_shown_in", []))
    names = getattr(instance, "_names", set())
    transaction.on_commit(lambda: delete_unused(names))


def on_document_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """A document added or replaced: its article's pages list it (and the page in its
    language names it as ``citation_pdf_url``)."""
    if not raw:
        dependents.article_changed(instance.article_id)


def on_document_deleted(sender, instance, **kwargs) -> None:
    dependents.article_changed(instance.article_id)
    name = instance.file
    transaction.on_commit(lambda: delete_unused({name}))
