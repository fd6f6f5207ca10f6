"""People's portraits come from the media library: a photo becomes a library image (also the
ones stored before, by migration, once), and pages show square crops at each box's size with
``srcset`` instead of the uploaded file squeezed into a small box."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from library.models import Image
from people.models import Person
from tests import images

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

move_photos = importlib.import_module("people.migrations.0002_i15media_portrait").move_photos


def with_photo(slug="ayla-demir", size=(400, 300)) -> Person:
    person = Person(given_name="Ayla", family_name="Demir", slug=slug)
    person.photo.save(f"{slug}.png", ContentFile(images.png(size)), save=False)
    person.save()
    return person


def test_a_persons_photo_becomes_a_library_portrait_with_square_crops():
    person = with_photo()
    image = person.portrait
    assert image is not None and image.title == "Ayla Demir"
    square = image.rendition(160, crop="square")
    with default_storage.open(square["name"]) as stored, PILImage.open(stored) as opened:
        assert opened.size == (160, 160)


def test_bylines_and_the_person_page_show_portraits_at_their_box_size(client, person, make_article):
    person.photo.save("ayla.png", ContentFile(images.png((400, 400))), save=True)
    article = make_article()
    html = client.get(f"/en/articles/{article.slug_en}/").content.decode()
    byline = re.search(r'<a class="byline-person".*?</a>', html, re.S).group(0)
    assert 'width="40" height="40"' in byline and 'sizes="40px"' in byline
    assert re.search(r"/sq80\.jpg 80w", byline) and 'loading="lazy"' in byline
    assert person.photo.url not in html

    page = client.get(person.get_absolute_url()).content.decode()
    portrait = re.search(r'<figure class="portrait-figure">(.*?)</figure>', page, re.S).group(1)
    assert 'width="160" height="160"' in portrait and 'sizes="160px"' in portrait
    assert re.search(r"/sq320\.webp 320w", portrait) and f'alt="{person.full_name}"' in portrait
    assert "loading=" not in portrait and person.photo.url not in page


def test_the_migration_moves_stored_photos_into_the_library_once():
    person = with_photo()
    Person.objects.filter(pk=person.pk).update(portrait=None)
    Image.objects.all().delete()
    move_photos(apps, None)
    move_photos(apps, None)
    person.refresh_from_db()
    assert Image.objects.count() == 1 and person.portrait == Image.objects.get()
    assert person.portrait.has_squares()
    twin = with_photo(slug="ayla-demir-2")  # the same picture again: the same library image
    assert twin.portrait_id == person.portrait_id and Image.objects.count() == 1
