"""Article pages answer conditional requests: ETag and Last-Modified, then 304 Not Modified."""

import pytest

from articles.editorial.publishing import refresh_pending_changes
from articles.editorial.transitions import publish_changes

pytestmark = pytest.mark.django_db


def test_article_page_sends_validators(client, site):
    """The page carries an ETag and a Last-Modified date (the article's last change)."""
    response = client.get(site.urls("en")["article"])
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert response["Last-Modified"] == "Wed, 10 Jul 2024 09:00:00 GMT"


def test_same_etag_answers_304(client, site):
    """Asking again with the ETag gets 304 and no body."""
    url = site.urls("en")["article"]
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_answers_304(client, site):
    """Asking with the Last-Modified date gets 304."""
    url = site.urls("en")["article"]
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_change_to_the_article_changes_the_validator(client, site, editor):
    """After an edit is published the old ETag no longer matches and the full page is sent
    (an edit not yet published changes nothing readers see)."""
    url = site.urls("en")["article"]
    etag = client.get(url)["ETag"]
    site.main.summary_en = "A new summary."
    site.main.save()
    refresh_pending_changes(site.main)  # as every save through the admin does
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    publish_changes(site.main, by=editor)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_each_language_has_its_own_etag(client, site):
    """The English and Turkish pages of one article do not share a validator."""
    english = client.get(site.urls("en")["article"])["ETag"]
    turkish = client.get(site.urls("tr")["article"])
    assert english != turkish["ETag"]
    assert client.get(site.urls("tr")["article"], HTTP_IF_NONE_MATCH=english).status_code == 200


def test_not_modified_costs_a_single_query(client, site, django_assert_num_queries, settings):
    """Without the page cache, a 304 is answered from one query, without building the page."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "thinktank.pagecache.PageCacheMiddleware"
    ]
    url = site.urls("en")["article"]
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_not_modified_from_the_page_cache_costs_nothing(client, site, django_assert_num_queries):
    """With the page cache, a reader revalidating their copy costs no query at all."""
    url = site.urls("en")["article"]
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["X-Page-Cache"] == "hit"
