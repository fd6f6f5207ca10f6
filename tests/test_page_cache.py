"""The page cache: a reader's second visit costs nothing, and every change an editor makes to
what a page shows reaches the cached page at once.

Each invalidation test first caches the page (the second request is a hit), then changes one
thing the page shows the way editors change it, then reads the page again.
"""

import datetime
import gzip
import os
from io import StringIO

import brotli
import pytest
import time_machine
from django.conf import settings as settings_module
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from articles.editorial import transitions as workflow
from articles.editorial.publishing import refresh_pending_changes
from articles.models import LiveVersion
from articles.translations import status as translations
from tests.public_fixtures import make_live_article
from thinktank import pagecache, pagestore

# A Redis database the tests may fill and empty (another one per concurrent run).
PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/11")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

NOTES = {
    "en": "The length of the cable was wrong.",
    "tr": "Kablonun uzunluğu yanlıştı.",
    "ru": "Длина кабеля была указана неверно.",
}


def cached(client, url):
    """Read ``url`` twice; the second answer must come from the cache. Returns its text."""
    first = client.get(url)
    assert first.status_code == 200, url
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit", url
    assert second.content == first.content
    return second.content.decode()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def edit(article, **fields):
    article.refresh_from_db()
    for name, value in fields.items():
        setattr(article, name, value)
    article.full_clean()
    article.save()
    refresh_pending_changes(article)


# Hits -----------------------------------------------------------------------------------------


def test_a_readers_second_visit_costs_no_query(client, site, django_assert_num_queries):
    """Every public page type is kept, and served again without touching the database."""
    for url in [*site.urls("en").values(), "/en/feed/", "/sitemap.xml", "/en/corrections/"]:
        client.get(url)
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit", url


def test_head_requests_are_answered_from_the_cache(client, site):
    url = site.urls("en")["article"]
    body = cached(client, url)
    response = client.head(url)
    assert response["X-Page-Cache"] == "hit" and response.content == b""
    assert int(response["Content-Length"]) == len(body.encode())


def test_search_results_are_not_kept(client, site):
    """Every query is another page: the cache would fill with one-off searches."""
    client.get("/en/search/?q=cable")
    assert "X-Page-Cache" not in client.get("/en/search/?q=cable")


# Exact invalidation -----------------------------------------------------------------------


def test_published_changes_reach_the_cached_article_and_lists_at_once(client, site, editor):
    urls = [site.urls("en")["article"], site.urls("en")["home"], site.urls("en")["list"]]
    for url in urls:
        cached(client, url)
    edit(site.main, title_en="A revised headline")
    for url in urls:
        assert "A revised headline" not in page(client, url), "a save is not published"
    workflow.publish_changes(site.main, by=editor)
    for url in urls:
        assert "A revised headline" in page(client, url), url


def test_a_correction_reaches_the_cached_page_and_the_log(client, site, editor):
    article_url, log_url = site.urls("en")["article"], "/en/corrections/"
    cached(client, article_url)
    cached(client, log_url)
    edit(site.main, body_en=site.main.body_en + "<p>The cable is 300 km long.</p>")
    live = list(
        LiveVersion.objects.visible_now()
        .filter(article=site.main)
        .values_list("language", flat=True)
    )
    workflow.publish_changes(
        site.main, by=editor, kind="correction", notes={code: NOTES[code] for code in live}
    )
    assert NOTES["en"] in page(client, article_url)
    assert NOTES["en"] in page(client, log_url)


def test_an_approved_translation_reaches_the_cached_page(client, site, editor, make_translator):
    url = site.main.get_absolute_url("tr")
    cached(client, url)
    turkish = make_translator("tuna", "tr")
    translations.save_translation(
        site.main, "tr", by=turkish, values={"title_tr": "Hazar'ın altından yeni bir kablo"}
    )
    assert "yeni bir kablo" not in page(client, url), "not approved yet"
    translations.mark_ready(site.main, "tr", by=turkish)
    translations.approve(site.main, ["tr"], by=editor)
    assert "Hazar'ın altından yeni bir kablo" in page(client, url)


def test_a_translation_gone_stale_says_so_on_the_cached_page(client, site, editor, make_translator):
    """When the original changes under an approved translation, the cached Turkish page gains
    the note that the original was updated."""
    turkish = make_translator("tuna", "tr")
    translations.save_translation(
        site.main, "tr", by=turkish, values={"title_tr": "Hazar'ın altından yeni bir kablo"}
    )
    translations.mark_ready(site.main, "tr", by=turkish)
    translations.approve(site.main, ["tr"], by=editor)
    url = site.main.get_absolute_url("tr")
    assert 'class="translation-note"' not in cached(client, url)
    edit(site.main, body_en=site.main.body_en + "<p>A new paragraph.</p>")
    translations.source_edited(site.main, by=editor)
    assert 'class="translation-note"' in page(client, url)


def test_a_renamed_author_reaches_every_cached_page_crediting_them(client, site):
    urls = [site.urls("en")[name] for name in ("article", "list", "person", "people")]
    for url in urls:
        assert "Ayla Demir" in cached(client, url)
    site.author.family_name = "Yıldız"
    site.author.save()
    for url in urls:
        text = page(client, url)
        assert "Ayla Yıldız" in text and "Dr. Ayla Demir" not in text, url


def test_a_renamed_topic_reaches_the_cached_article_page(client, site):
    url = site.urls("en")["article"]
    assert "Energy" in cached(client, url)
    site.energy.name_en = "Energy security"
    site.energy.save()
    assert "Energy security" in page(client, url)


def test_a_similar_articles_new_title_reaches_the_pages_listing_it(client, site, editor):
    """The main article lists its sibling among similar publications; the sibling's new title
    shows there at once."""
    url = site.urls("en")["article"]
    before = cached(client, url)
    sibling = LiveVersion.objects.visible("en").get(article=site.sibling)
    assert sibling.title in before
    edit(site.sibling, title_en="A sibling, renamed")
    workflow.publish_changes(site.sibling, by=editor)
    assert "A sibling, renamed" in page(client, url)


def test_an_unpublished_article_leaves_the_cached_pages_at_once(client, site, editor):
    url, home = site.urls("en")["article"], site.urls("en")["home"]
    title = site.main.title_en
    cached(client, url)
    assert title in cached(client, home)
    workflow.unpublish(site.main, by=editor)
    assert client.get(url).status_code == 404
    assert title not in page(client, home)


def test_a_new_article_appears_in_the_cached_lists_when_published(client, site, editor):
    home = site.urls("en")["home"]
    cached(client, home)
    make_live_article(editor, site.analysis, [site.author], titles={"en": "Fresh off the press"})
    assert "Fresh off the press" in page(client, home)


def test_a_scheduled_article_appears_on_time_despite_the_cache(client, site, editor):
    """The cache keeps pages only until the next scheduled publication."""
    at = timezone.now() + datetime.timedelta(hours=1)
    make_live_article(editor, site.analysis, [site.author], titles={"en": "Due at the hour"}, at=at)
    home = site.urls("en")["home"]
    assert "Due at the hour" not in cached(client, home)
    assert int(client.get(home)["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 3600
    with time_machine.travel(at + datetime.timedelta(seconds=1)):
        assert "Due at the hour" in page(client, home)


# Who gets cached pages --------------------------------------------------------------------


def test_logged_in_editors_never_get_a_cached_page(client, site, editor):
    url = site.urls("en")["article"]
    cached(client, url)
    client.force_login(editor)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]


def test_previews_and_the_admin_are_never_cached(client, site, editor):
    client.force_login(editor)
    preview = reverse("preview:article", kwargs={"pk": site.draft.pk, "lang": "en"})
    admin = reverse("admin:articles_article_changelist")
    for url in (preview, admin):
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200 and "X-Page-Cache" not in response, url
        assert "s-maxage" not in response.get("Cache-Control", ""), url
    # nor from an anonymous visitor's shared link, nor a redirect to the login page
    anonymous = Client()
    assert "X-Page-Cache" not in anonymous.get(admin)


# What goes over the wire ------------------------------------------------------------------


def test_pages_go_out_compressed_with_brotli_or_gzip(client, site):
    url = site.urls("en")["article"]
    plain = client.get(url).content
    for accepted, encoding, decompress in [
        ("br, gzip", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
    ]:
        for _ in range(2):  # built, then from the cache
            response = client.get(url, HTTP_ACCEPT_ENCODING=accepted)
            assert response["Content-Encoding"] == encoding
            assert decompress(response.content) == plain
            assert len(response.content) < len(plain) / 2
            assert "Accept-Encoding" in response["Vary"]


def test_cdn_headers_name_what_the_page_shows(client, site):
    response = client.get(site.urls("en")["article"])
    similar = LiveVersion.objects.visible("en").get(article=site.main).similar_ids
    tags = response["Surrogate-Key"].split()
    assert f"article:{site.main.pk}" in tags
    assert {f"article:{pk}" for pk in similar} <= set(tags)
    assert response["Cache-Tag"] == response["Surrogate-Key"]
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "stale-while-revalidate=" in control
    assert client.get(site.urls("en")["home"])["Surrogate-Key"] == "all lists"


def test_render_pages_after_a_template_change_reaches_cached_pages(client, site, settings):
    """``manage.py render_pages``, run after a deploy, renders every live page again and forgets
    the whole cache."""
    url = site.urls("en")["article"]
    cached(client, url)
    settings.SITE_NAME = "Meridian Institute for Energy"  # what the rendered fragments show
    call_command("render_pages", stdout=StringIO())
    version = LiveVersion.objects.visible("en").get(article=site.main)
    assert "Meridian Institute for Energy" in version.rendered_head  # the publisher, rendered
    assert "Meridian Institute for Energy" in page(client, url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_pages_are_served_while_the_cache_is_down(client, site, settings):
    """A cache server that cannot be reached costs speed, never the page."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": "redis://127.0.0.1:1/0"}  # nothing listens on port 1
    }  # fmt: skip
    url = site.urls("en")["article"]
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert site.main.title_en in response.content.decode()


def test_if_modified_since_gets_a_304(client, site):
    url = site.urls("en")["article"]
    for _ in range(2):  # built, then from the cache
        last_modified = client.get(url)["Last-Modified"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    earlier = http_date(parse_http_date(last_modified) - 86400)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


# Several app servers ----------------------------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    """The cache on the machine's real Redis (a database of its own), as in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": PAGE_CACHE_REDIS_URL,
            "KEY_PREFIX": "thinktank-tests",
        },
    }
    cache = caches["default"]
    try:
        cache.clear()
    except Exception as error:  # noqa: BLE001 - any connection error
        pytest.fail(f"Redis at 127.0.0.1:6379 is needed for this test: {error}")
    yield cache
    cache.clear()


def test_an_invalidation_on_one_app_server_reaches_the_others_through_redis(
    client, site, editor, redis_cache
):
    """Another server's cache connection sees the page and forgets it when this one changes it."""
    url = site.urls("en")["article"]
    cached(client, url)
    other_server = RedisCache(PAGE_CACHE_REDIS_URL, {"KEY_PREFIX": "thinktank-tests"})
    tag = f"pagecache:tag:article:{site.main.pk}"
    assert other_server.get(pagestore.page_key(RequestFactory().get(url).META)) is not None
    before = other_server.get(tag, 0)
    edit(site.main, title_en="A revised headline")
    workflow.publish_changes(site.main, by=editor)
    assert other_server.get(tag) > before
    assert "A revised headline" in page(client, url)
    assert pagecache.changed_within(60)


def test_without_redis_an_invalidation_reaches_the_other_worker_processes(client, site, editor):
    """Each process keeps its own pages, but what changed is shared through files on the
    machine: another gunicorn worker's view of the tags moves too."""
    url = site.urls("en")["article"]
    cached(client, url)
    location = settings_module.CACHES["pagecache-tags"]["LOCATION"]
    other_worker = FileBasedCache(location, {})
    tag = f"pagecache:tag:article:{site.main.pk}"
    before = other_worker.get(tag, 0)
    edit(site.main, title_en="A revised headline")
    workflow.publish_changes(site.main, by=editor)
    assert other_worker.get(tag) > before
