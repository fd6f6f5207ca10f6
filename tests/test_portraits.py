"""People's portraits come from the media library only: pages show its square crops at each
box's size with ``srcset`` instead of an uploaded file squeezed into a small box, and the
photos stored the older way (``Person.photo``, now removed) were moved into the library by
migration, their files as uploaded removed."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from library.models import Image
from people.models import Person
from tests import images
from tests.library_fixtures import library_portrait

BEFORE = [("people", "0003_i13scale_name_index")]
AFTER = [("people", "0005_i15media_remove_photo")]


@pytest.mark.django_db
def test_a_library_portrait_has_square_crops():
    image = library_portrait(images.png((400, 300)))
    square = image.rendition(160, crop="square")
    with default_storage.open(square["name"]) as stored, PILImage.open(stored) as opened:
        assert opened.size == (160, 160)


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_bylines_and_the_person_page_show_portraits_at_their_box_size(client, person, make_article):
    person.portrait = library_portrait(images.png((400, 400)))
    person.save()
    article = make_article()
    html = client.get(f"/en/articles/{article.slug_en}/").content.decode()
    byline = re.search(r'<a class="byline-person".*?</a>', html, re.S).group(0)
    assert 'width="40" height="40"' in byline and 'sizes="40px"' in byline
    assert re.search(r"/sq80\.jpg 80w", byline) and 'loading="lazy"' in byline
    assert person.portrait.url() not in html

    page = client.get(person.get_absolute_url()).content.decode()
    portrait = re.search(r'<figure class="portrait-figure">(.*?)</figure>', page, re.S).group(1)
    assert 'width="160" height="160"' in portrait and 'sizes="160px"' in portrait
    assert re.search(r"/sq320\.webp 320w", portrait) and f'alt="{person.full_name}"' in portrait
    assert "loading=" not in portrait and person.portrait.url() not in page


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_remaining_photos_into_the_library_and_removes_the_field():
    """A photo stored on the person form before the upgrade (with its GPS position) becomes a
    cleaned library portrait (the same picture twice: one image), the file as uploaded is gone,
    and so is the field: no way in bypasses the library's checks."""
    old = migrate(BEFORE)
    person_model = old.get_model("people", "Person")
    uploaded = images.jpeg_with_gps((400, 300))
    names = []
    for slug in ("ayla-demir", "ayla-demir-2"):
        name = default_storage.save(f"people/{slug}.jpg", ContentFile(uploaded))
        person_model.objects.create(given_name="Ayla", family_name="Demir", slug=slug, photo=name)
        names.append(name)
    try:
        migrate(AFTER)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    people = list(Person.objects.order_by("slug"))
    assert Image.objects.count() == 1
    image = Image.objects.get()
    assert [person.portrait_id for person in people] == [image.pk, image.pk]
    assert image.title == "Ayla Demir" and image.has_squares()
    with default_storage.open(image.file) as stored, PILImage.open(stored) as opened:
        assert opened.size == (300, 400) and not opened.getexif()  # upright, no EXIF left
    assert not any(default_storage.exists(name) for name in names)
    assert "photo" not in {field.name for field in Person._meta.get_fields()}
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "people_person")
    assert "photo" not in {column.name for column in columns}
