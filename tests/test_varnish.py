"""A real Varnish in front of the site keeps public pages and forgets exactly the ones that
changed when an editor publishes (``docs/varnish.vcl``, ``CDN_PURGE_URLS``).

Skipped loudly where ``varnishd`` is missing; CI installs it, and fails instead of skipping.
"""

import os
import urllib.request

import pytest

from articles.editorial import transitions as workflow
from articles.editorial.publishing import refresh_pending_changes
from people.models import Person
from tests import varnish
from tests.public_fixtures import make_live_article

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture(scope="session")
def varnish_server(live_server):
    reason = varnish.unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"Varnish is required in CI: {reason}")
        varnish.SKIPPED.append(f"Varnish tests skipped: {reason}")
        pytest.skip(reason)
    server = varnish.Varnish(int(live_server.url.rsplit(":", 1)[1]))
    yield server
    server.stop()


@pytest.fixture
def cdn(settings, varnish_server):
    settings.CDN_PURGE_URLS = [varnish_server.url + "/"]
    return varnish_server


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - a local test server
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers, response.read().decode()


def publish_new_title(article, title, editor):
    article.refresh_from_db()
    article.title_en = title
    article.save()
    refresh_pending_changes(article)
    workflow.publish_changes(article, by=editor)


def test_varnish_keeps_pages_and_forgets_exactly_the_changed_ones(cdn, site, editor):
    article = cdn.url + site.urls("en")["article"]
    person = cdn.url + site.urls("en")["person"]
    stranger = Person.objects.create(given_name="Kemal", family_name="Aras", slug="kemal-aras")
    unrelated = make_live_article(editor, site.commentary, [stranger], titles={"en": "Ports"})
    other = cdn.url + unrelated.get_absolute_url("en")
    for url in (article, person, other):
        fetch(url)
        assert fetch(url)[0]["X-Cache"] == "HIT", url
    publish_new_title(site.main, "A revised headline", editor)
    headers, body = fetch(article)
    assert headers["X-Cache"] == "MISS" and "A revised headline" in body
    assert fetch(person)[0]["X-Cache"] == "MISS", "person pages list articles: forgotten too"
    assert fetch(other)[0]["X-Cache"] == "HIT", "a page not showing the article stays"


def test_varnish_never_keeps_what_a_logged_in_editor_sees(cdn, site):
    url = cdn.url + site.urls("en")["article"]
    for _ in range(2):
        headers, _body = fetch(url, Cookie="sessionid=whatever")
        assert headers["X-Cache"] == "MISS"


def test_only_the_app_servers_may_ban(cdn):
    request = urllib.request.Request(cdn.url + "/", method="BAN")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310
    assert refused.value.code == 400  # from 127.0.0.1 allowed, but a ban needs its tags
