"""The search page's author filter offers the people credited on an article readers can see in
the page's language — each once, however many articles they wrote (an ``EXISTS`` per person: at
100,000 articles joining every credit and de-duplicating took seconds, bench/README.md)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from people.models import Person
from tests.public_fixtures import make_live_article

pytestmark = pytest.mark.django_db


def author_choices(client, lang="en"):
    response = client.get(f"/{lang}/search/", {"q": "grids"})
    assert response.status_code == 200
    select = re.search(r'<select[^>]*name="author".*?</select>', response.text, re.S)
    assert select, "the search page has an author filter"
    return re.findall(r'<option value="([^"]+)"', select.group(0))


def test_the_author_filter_lists_each_visible_author_once(client, analysis, person, editor):
    vera = Person.objects.create(given_name="Vera", family_name="Lind", slug="vera-lind")
    Person.objects.create(given_name="Ilya", family_name="Unused", slug="ilya-unused")
    make_live_article(editor, analysis, [person], titles={"en": "Grids east"})
    make_live_article(editor, analysis, [person], titles={"en": "Grids west"})
    make_live_article(
        editor,
        analysis,
        [vera],
        titles={"en": "Grids later"},
        at=timezone.now() + timedelta(days=2),
    )
    make_live_article(editor, analysis, [vera], titles={"tr": "Şebekeler"})
    assert author_choices(client) == ["ayla-demir"]
    assert author_choices(client, "tr") == ["vera-lind"]
