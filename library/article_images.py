"""Articles' heroes come from the library only. An image uploaded the older way (the
``Article.image`` field, since removed, with ``image_alt`` and ``image_caption`` per language)
was moved into it by migration (``articles/migrations`` 0012): checked and cleaned like any
library image (``library.stored``), it becomes the article's ``hero`` when it has none, and the
live versions that showed it show it as their hero. The article's alternative text and caption
in each language become the library image's where that language's are empty: the library image
carries them from then on, translated there. ``remove_image_files`` then removes the files as
uploaded (with their EXIF and GPS positions)."""

from django.db.models.fields.files import FieldFile

from library.stored import library_image, remove_once_committed

# The article's text about its image → the library image's field of the same job.
CARRIED = {"image_alt": "alt", "image_caption": "caption"}


def _carry(image, source, suffixes) -> bool:
    """Copy ``source``'s alt text and caption into ``image`` where its own are empty, in each
    language of ``suffixes`` (``{source's field suffix: image's}``); whether any was copied."""
    copied = False
    for source_field, image_field in CARRIED.items():
        for source_suffix, image_suffix in suffixes.items():
            value = (getattr(source, f"{source_field}{source_suffix}", "") or "").strip()
            target = f"{image_field}{image_suffix}"
            if value and not getattr(image, target, ""):
                setattr(image, target, value[:300])
                copied = True
    return copied


def _title(article) -> str:
    original = getattr(article, f"title_{article.original_language}", "")
    return original or article.title or article.slug or str(article.pk)


def move_article_images(apps, schema_editor) -> None:
    """Each article's stored image, cleaned, becomes its hero in the library, and that of its
    live versions which showed it (a migration step: ``apps`` holds the historical models)."""
    article_model = apps.get_model("articles", "Article")
    version_model = apps.get_model("articles", "LiveVersion")
    image_model = apps.get_model("library", "Image")
    languages = [
        field.name.removeprefix("alt_")
        for field in image_model._meta.get_fields()
        if field.name.startswith("alt_")
    ]
    per_language = {f"_{code}": f"_{code}" for code in languages}
    field = article_model._meta.get_field("image")
    found = {}
    for article in article_model.objects.exclude(image="").order_by("pk"):
        image = library_image(image_model, article.image, _title(article))
        if image is None:
            continue
        found[article.image.name] = image
        if _carry(image, article, per_language):
            image.save()
        if article.hero_id is None:
            article.hero_id = image.pk
            article.save(update_fields=["hero"])
    for version in version_model.objects.exclude(image="").filter(hero__isnull=True):
        image = found.get(version.image)
        if image is None:
            stored = FieldFile(None, field, version.image)
            image = found[version.image] = library_image(image_model, stored, version.title)
        if image is None:
            continue
        if _carry(image, version, {"": f"_{version.language}"}):
            image.save()
        # Rendered again on its next request, with the hero.
        version_model.objects.filter(pk=version.pk).update(
            hero_id=image.pk, rendered_digest="", rendered_card=""
        )


def remove_image_files(apps, schema_editor) -> None:
    """Remove the articles' images as uploaded, once the migration has committed."""
    article_model = apps.get_model("articles", "Article")
    version_model = apps.get_model("articles", "LiveVersion")
    storage = article_model._meta.get_field("image").storage
    names = {
        *article_model.objects.exclude(image="").values_list("image", flat=True),
        *version_model.objects.exclude(image="").values_list("image", flat=True),
    }
    remove_once_committed(storage, names, schema_editor)
