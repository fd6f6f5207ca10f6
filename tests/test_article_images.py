"""Articles' heroes come from the media library only: images stored the older way, on the
article form (``Article.image``, now removed with the article's own alt text and caption), were
moved into the library by migration — cleaned, identical ones reused, each the article's hero
and that of the live versions that showed it, with its alt text and caption in each language —
and their files as uploaded removed."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from articles.models import Article, LiveVersion
from library.models import Image
from tests import images
from tests.test_portraits import migrate

BEFORE = [("articles", "0011_i13admin_review_queue")]
AFTER = [("articles", "0013_i15hero_remove_image")]
REMOVED = {"image", "image_alt", "image_caption"}


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fast_passwords")
def test_the_migration_moves_article_images_into_the_library_as_heroes(client, make_article):
    """Two live articles whose image was uploaded on the article form before the upgrade (the
    same camera JPEG, with its GPS position): afterwards one cleaned library image is the hero of
    both and of their live pages, with the articles' alt text and caption per language; the
    files as uploaded are gone, and so are the fields."""
    first = make_article()
    second = make_article(title_en="Ports of the Black Sea")
    versions = list(LiveVersion.objects.filter(article__in=[first, second]).order_by("article"))
    old = migrate(BEFORE)
    article_model = old.get_model("articles", "Article")
    version_model = old.get_model("articles", "LiveVersion")
    uploaded = images.jpeg_with_gps((400, 300))
    names = []
    for article, version in zip([first, second], versions, strict=True):
        name = default_storage.save(f"articles/2024/{article.slug_en}.jpg", ContentFile(uploaded))
        names.append(name)
        article_model.objects.filter(pk=article.pk).update(
            image=name, image_alt_en="A cable ship", image_alt_tr="Bir kablo gemisi",
            image_caption_en="The ship in Baku",
        )  # fmt: skip
        version_model.objects.filter(pk=version.pk).update(image=name, image_alt="A cable ship")
    try:
        migrate(AFTER)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    image = Image.objects.get()
    assert [article.hero_id for article in Article.objects.order_by("pk")] == [image.pk] * 2
    assert [version.hero_id for version in LiveVersion.objects.order_by("article")] == [
        image.pk
    ] * 2
    assert (image.alt_en, image.alt_tr, image.caption_en) == (
        "A cable ship", "Bir kablo gemisi", "The ship in Baku",
    )  # fmt: skip
    with default_storage.open(image.file) as stored, PILImage.open(stored) as opened:
        assert opened.size == (300, 400) and not opened.getexif()  # upright, no GPS left
    assert not any(default_storage.exists(name) for name in names)

    page = client.get(versions[0].get_absolute_url()).content.decode()
    hero = re.search(r'<figure class="article-image article-hero">.*?</figure>', page, re.S)
    assert "<picture>" in hero.group(0) and 'alt="A cable ship"' in hero.group(0)
    assert "The ship in Baku" in hero.group(0)
    assert not any(name in page for name in names)

    assert not REMOVED & {field.name for field in Article._meta.get_fields()}
    assert not {"image_alt_en", "image_caption_tr"} & _columns("articles_article")
    assert not REMOVED & _columns("articles_article")
    assert not REMOVED & _columns("articles_liveversion")
