"""Similar articles: ranked by shared topics, regions and authors, then recency, live only."""

import datetime

import pytest

from articles.models import Article
from people.models import Person
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = pytest.mark.django_db


def similar(article, lang="en"):
    return list(Article.objects.live(lang).similar_to(article))


def test_a_shared_author_makes_an_article_similar(site, editor):
    """An article by the same person counts even without a shared topic or region."""
    by_coauthor = make_live_article(
        editor, site.commentary, [site.coauthor], titles={"en": "Oleg on ports"}
    )
    assert by_coauthor in similar(site.main)


def test_shared_authors_outrank_a_single_shared_topic_and_recency_breaks_ties(site, editor):
    """Same author and topic ranks first; among equal scores the newer article comes first."""
    stranger = Person.objects.create(given_name="Nil", family_name="Ok", slug="nil-ok")
    older_topic_only = make_live_article(
        editor, site.analysis, [stranger], titles={"en": "Old energy"},
        at=PUBLISHED_AT - datetime.timedelta(days=900),
    )  # fmt: skip
    newer_topic_only = make_live_article(
        editor, site.analysis, [stranger], titles={"en": "New energy"},
        at=PUBLISHED_AT - datetime.timedelta(days=1),
    )  # fmt: skip
    both = make_live_article(
        editor, site.analysis, [site.author, site.coauthor], titles={"en": "Both authors"},
        at=PUBLISHED_AT - datetime.timedelta(days=1200),
    )  # fmt: skip
    for article in (older_topic_only, newer_topic_only, both):
        article.topics.add(site.energy)
    ranked = similar(site.main)
    assert ranked.index(both) < ranked.index(newer_topic_only) < ranked.index(older_topic_only)


def test_similar_articles_are_only_live_ones(site):
    """Drafts and scheduled articles sharing everything are never suggested."""
    ranked = similar(site.main)
    assert site.draft not in ranked and site.scheduled not in ranked


def test_similar_articles_come_from_the_newest_ones(site, editor):
    """Only the ``among`` newest articles are scored: an old one sharing more stays out."""
    old_and_close = make_live_article(
        editor, site.analysis, [site.author, site.coauthor], titles={"en": "Old and close"},
        at=PUBLISHED_AT - datetime.timedelta(days=3000),
    )  # fmt: skip
    old_and_close.topics.add(site.energy)
    live = Article.objects.live("en")
    assert old_and_close in live.similar_to(site.main)
    newest = live.exclude(pk=site.main.pk).newest_ids(2)
    assert old_and_close.pk not in newest
    assert set(article.pk for article in live.similar_to(site.main, among=2)) <= set(newest)
    assert old_and_close not in live.similar_to(site.main, among=2)
