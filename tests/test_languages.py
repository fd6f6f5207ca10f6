"""Every site language works the same way: the checks run over the language registry.

Nothing here names a language code: each check is repeated for every entry of
``thinktank.languages.REGISTRY`` that the site has, so adding a language to the registry (see
``tests/test_fourth_language.py``) is proven by running this module again.
"""

import datetime
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.utils import timezone

from articles.editorial.transitions import publish
from articles.models import Article, Authorship
from articles.search.query import search
from articles.translations.status import approve
from citations.formatting import format_access_date
from citations.models import Citation, Source
from thinktank.languages import language_codes, site_languages

pytestmark = pytest.mark.django_db
LANGUAGES = site_languages()
WORD = "zyxqvortle"  # a made-up word that no stemmer in any configuration changes


def ids(language):
    return language.code


@pytest.fixture
def written_in(editor, analysis, person):
    """An article written (and published) in one language only, with one footnote."""

    def make(language):
        code = language.code
        article = Article(
            article_type=analysis,
            original_language=code,
            **{
                f"title_{code}": f"Probe {code} {WORD}",
                f"body_{code}": f'<p>Text {code}.<sup data-citation="1">[1]</sup></p>',
            },
        )
        article.full_clean()
        article.save()
        Authorship.objects.create(article=article, person=person)
        source = Source.objects.create(title="A cited page", url=f"https://example.org/{code}")
        Citation.objects.create(
            article=article, source=source, number=1, accessed_on=datetime.date(2024, 7, 1)
        )
        publish(article, by=editor, at=timezone.now() - datetime.timedelta(hours=1))
        return article

    return make


@pytest.mark.parametrize("language", LANGUAGES, ids=ids)
def test_every_language_has_its_own_columns(language):
    """Each translated field has a column per site language (django-modeltranslation)."""
    names = {field.name for field in Article._meta.fields}
    for field in ("title", "slug", "summary", "body"):
        assert f"{field}_{language.code}" in names


@pytest.mark.parametrize("language", LANGUAGES, ids=ids)
def test_home_page_names_its_language_and_direction(client, language):
    """``<html lang dir>`` and the switcher's native name come from the registry."""
    page = client.get(f"/{language.code}/").content.decode()
    assert f'<html lang="{language.code}" dir="{language.direction}">' in page
    assert f">{language.native_name}<" in page


@pytest.mark.parametrize("language", LANGUAGES, ids=ids)
def test_an_article_written_in_a_language_is_live_there_only(client, written_in, language):
    """Written in one language: live there, with its OpenGraph locale; 404 in the others."""
    article = written_in(language)
    url = article.get_absolute_url(language.code)
    page = client.get(url).content.decode()
    assert f'<meta property="og:locale" content="{language.og_locale}">' in page
    assert f'"inLanguage":"{language.code}"' in page
    for other in language_codes():
        if other != language.code:
            assert not Article.objects.live(other).filter(pk=article.pk).exists()


@pytest.mark.parametrize("language", LANGUAGES, ids=ids)
def test_footnotes_write_the_access_date_in_the_language_format(client, written_in, language):
    """The note's access date follows the registry's format for the page's language."""
    article = written_in(language)
    page = client.get(article.get_absolute_url(language.code)).content.decode()
    assert format_access_date(datetime.date(2024, 7, 1), language.code) in page


@pytest.mark.parametrize("language", LANGUAGES, ids=ids)
def test_search_finds_an_article_in_its_language(written_in, language):
    """Search in a language finds the article written in it (with its configuration on
    PostgreSQL, whose partition for the language exists)."""
    article = written_in(language)
    assert [found.article_id for found in search(language.code, WORD)[:10]] == [article.pk]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [f"articles_searchentry_{language.code}"])
            assert cursor.fetchone()[0] is not None


@pytest.mark.parametrize("language", LANGUAGES, ids=ids)
def test_a_translation_into_a_language_goes_live_when_approved(written_in, editor, language):
    """Any language can be the target of a translation of an article written in another."""
    source = next(other for other in LANGUAGES if other.code != language.code)
    article = written_in(source)
    Article.objects.filter(pk=article.pk).update(
        **{f"title_{language.code}": "Translated", f"body_{language.code}": "<p>Text.</p>"}
    )
    article.refresh_from_db()
    article.full_clean()
    article.save()
    assert not Article.objects.live(language.code).filter(pk=article.pk).exists()
    approve(article, [language.code], by=editor)
    assert Article.objects.live(language.code).filter(pk=article.pk).exists()


@pytest.mark.parametrize("language", LANGUAGES, ids=ids)
def test_admin_searches_titles_in_every_language(language):
    """The article admin's search box looks at the title in each language."""
    model_admin = admin.site.get_model_admin(Article)
    assert f"title_{language.code}" in model_admin.search_fields


def test_language_codes_are_plain_identifiers():
    """Codes become column and table names: two or three letters, nothing else."""
    for language in LANGUAGES:
        assert re.fullmatch(r"[a-z]{2,3}", language.code)
