"""Similar articles: ranked by shared topics, regions and authors, then recency, live only."""

import datetime

import pytest

from articles.models import LiveVersion
from people.models import Person
from tests.public_fixtures import PUBLISHED_AT, make_live_article

pytestmark = pytest.mark.django_db


def live(lang="en"):
    return LiveVersion.objects.visible(lang)


def similar(article, lang="en", **options):
    """The articles suggested beside ``article``'s live version in ``lang``, best first."""
    version = live(lang).get(article=article)
    return [found.article for found in live(lang).similar_to(version, **options)]


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
        at=PUBLISHED_AT - datetime.timedelta(days=900), topics=[site.energy],
    )  # fmt: skip
    newer_topic_only = make_live_article(
        editor, site.analysis, [stranger], titles={"en": "New energy"},
        at=PUBLISHED_AT - datetime.timedelta(days=1), topics=[site.energy],
    )  # fmt: skip
    both = make_live_article(
        editor, site.analysis, [site.author, site.coauthor], titles={"en": "Both authors"},
        at=PUBLISHED_AT - datetime.timedelta(days=1200), topics=[site.energy],
    )  # fmt: skip
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
        at=PUBLISHED_AT - datetime.timedelta(days=3000), topics=[site.energy],
    )  # fmt: skip
    assert old_and_close in similar(site.main)
    newest = live().exclude(article=site.main).newest_ids(2)
    newest_articles = set(live().filter(pk__in=newest).values_list("article_id", flat=True))
    assert old_and_close.pk not in newest_articles
    assert {article.pk for article in similar(site.main, among=2)} <= newest_articles
    assert old_and_close not in similar(site.main, among=2)
