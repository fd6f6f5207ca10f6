"""Model rules: slugs per language, required original-language text, citations, sources, people."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Topic
from citations.identifiers import normalize_doi, normalize_url
from citations.models import Citation, Source
from people.models import Person
from thinktank.languages import slugify_title

pytestmark = pytest.mark.django_db


def test_slugs_transliterate_turkish_and_russian():
    """Titles in Turkish and Russian give readable ASCII slugs, not dropped letters."""
    assert slugify_title("Kıbrıs'ta İşbirliği ve Güvenlik") == "kibrista-isbirligi-ve-guvenlik"
    assert slugify_title("Сотрудничество в Азии") == "sotrudnichestvo-v-azii"


def test_missing_slugs_are_made_from_titles(analysis):
    """An editor who leaves a slug empty gets one made from that language's title."""
    article = Article(article_type=analysis, title_en="Water and power", title_tr="Su ve güç")
    article.full_clean()
    assert (article.slug_en, article.slug_tr, article.slug_ru) == (
        "water-and-power",
        "su-ve-guc",
        None,
    )


def test_duplicate_slug_within_a_language_is_rejected(analysis, make_article):
    """Two articles cannot share a Turkish slug; the error is on the Turkish slug field."""
    make_article(title_tr="Enerji", slug_tr="enerji")
    other = Article(article_type=analysis, title_en="Other", title_tr="Başka", slug_tr="enerji")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "slug_tr" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            article_type=analysis, title_en="Third", slug_en="third", slug_tr="enerji"
        )


def test_same_slug_in_two_languages_is_allowed(analysis, make_article):
    """Uniqueness is per language: a Turkish slug may equal another article's English one."""
    make_article(slug_en="energy")
    article = Article(article_type=analysis, title_en="Other", title_tr="Enerji", slug_tr="energy")
    article.full_clean()


def test_many_articles_may_leave_a_language_empty(analysis):
    """Untranslated articles all have an empty Russian slug without colliding."""
    for title in ("One", "Two"):
        article = Article(article_type=analysis, title_en=title)
        article.full_clean()
        article.save()
    assert Article.objects.filter(slug_ru__isnull=True).count() == 2


def test_invalid_slug_is_rejected(analysis):
    """A slug with spaces or punctuation is refused with a field error."""
    article = Article(article_type=analysis, title_en="Title", slug_en="not a slug!")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug_en" in error.value.message_dict


def test_title_in_original_language_is_required(analysis):
    """An article written first in Turkish needs a Turkish title."""
    article = Article(article_type=analysis, original_language="tr", title_en="Only English")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "title_tr" in error.value.message_dict


def test_slug_without_title_is_rejected(analysis):
    """A Russian slug with no Russian title would make a page with no heading: refused."""
    article = Article(article_type=analysis, title_en="Title", slug_ru="zagolovok")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "title_ru" in error.value.message_dict


def test_unknown_language_code_is_rejected(analysis):
    """Only en, tr and ru can be an article's original language."""
    article = Article(article_type=analysis, original_language="de", title_en="Title")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "original_language" in error.value.message_dict


def test_taxonomy_slugs_unique_per_language():
    """Two topics cannot share a slug in the same language."""
    Topic.objects.create(name_en="Energy", slug_en="energy")
    duplicate = Topic(name_en="Power", slug_en="energy")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug_en" in error.value.message_dict


def test_access_date_in_future_is_rejected(make_article, source):
    """A citation cannot claim a source was read tomorrow."""
    citation = Citation(
        article=make_article(),
        source=source,
        number=1,
        accessed_on=timezone.localdate() + timezone.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "accessed_on" in error.value.message_dict


def test_citation_number_used_twice_is_rejected(make_article, source, cite):
    """Footnote numbers are unique within an article, in forms and in the database."""
    article = make_article()
    cite(article, source, 1, accessed_on=timezone.localdate())
    twin = Citation(article=article, source=source, number=1, accessed_on=timezone.localdate())
    with pytest.raises(ValidationError):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_same_number_in_different_articles_is_fine(make_article, source, cite):
    """Every article numbers its notes from 1."""
    cite(make_article(), source, 1, accessed_on=timezone.localdate())
    cite(make_article(title_en="Second"), source, 1, accessed_on=timezone.localdate())
    assert Citation.objects.filter(number=1).count() == 2


def test_online_source_needs_an_access_date(make_article, source):
    """A web citation without an access date is incomplete."""
    citation = Citation(article=make_article(), source=source, number=1)
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "accessed_on" in error.value.message_dict


def test_urls_normalize_for_deduplication():
    """The same page with tracking parameters, www., a fragment or a trailing slash is one source."""
    base = normalize_url("https://news.example.org/world/cable")
    for variant in [
        "HTTPS://www.News.Example.org/world/cable/",
        "https://news.example.org:443/world/cable?utm_source=x#top",
        "https://news.example.org/world/cable?fbclid=abc",
    ]:
        assert normalize_url(variant) == base
    assert normalize_url("https://news.example.org/world/cable?id=2") != base


def test_dois_normalize():
    """DOIs compare case-insensitively, with or without their resolver prefix."""
    assert normalize_doi("https://doi.org/10.5555/ABC.1") == "10.5555/abc.1"
    assert normalize_doi("doi:10.5555/abc.1") == "10.5555/abc.1"


def test_duplicate_source_is_rejected_by_url(source):
    """Adding a source already recorded under another spelling of its URL names the existing one."""
    duplicate = Source(
        kind="news", title="Copy", url="https://www.news.example.org/cable/?utm_medium=mail"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert source.title in str(error.value)


def test_duplicate_source_is_rejected_by_doi():
    """Two sources with the same DOI cannot coexist."""
    Source.objects.create(kind="journal", title="Paper", doi="10.5555/xyz")
    duplicate = Source(kind="journal", title="Same paper", doi="https://doi.org/10.5555/XYZ")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_malformed_doi_is_rejected():
    """A DOI must start with 10. and a registrant code."""
    with pytest.raises(ValidationError) as error:
        Source(kind="journal", title="Paper", doi="11.1/abc").full_clean()
    assert "doi" in error.value.message_dict


def test_orcid_checksum_is_checked():
    """A valid ORCID passes; one with a wrong check digit is refused."""
    Person(given_name="J", family_name="C", slug="j-c", orcid="0000-0002-1825-0097").full_clean()
    with pytest.raises(ValidationError) as error:
        Person(
            given_name="J", family_name="C", slug="j-c2", orcid="0000-0002-1825-0098"
        ).full_clean()
    assert "orcid" in error.value.message_dict


def test_person_display_name_uses_translated_honorific(person):
    """The byline reads “Dr. Ayla Demir”."""
    assert str(person) == "Dr. Ayla Demir"


def test_article_str_falls_back_for_back_office(analysis):
    """In the admin an article written in Turkish is still named by its Turkish title."""
    article = Article(article_type=analysis, original_language="tr", title_tr="Enerji koridorları")
    assert str(article) == "Enerji koridorları"
