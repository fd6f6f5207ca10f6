"""Previews: editors see a draft exactly as readers will; signed links work for a limited time,
for a reviewer without an account; previews are never cached; drafts stay 404 in public."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from articles.editorial import preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def draft(make_article, contributor):
    article = make_article(
        published=False,
        slug_en="draft-piece",
        title_tr="Taslak yazı",
        slug_tr="taslak-yazi",
        body_tr="<p>Türkçe metin.</p>",
    )
    article.created_by = contributor
    article.save()
    return article


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control and "no-store" in cache_control
    assert "private" in cache_control or "max-age=0" in cache_control


def test_draft_is_404_at_its_public_url(draft, client):
    """The public page of a draft does not exist, in any language."""
    assert client.get("/en/articles/draft-piece/").status_code == 404
    assert client.get("/tr/articles/taslak-yazi/").status_code == 404


@pytest.mark.parametrize(
    ("lang", "title", "text"),
    [("en", "Grid links across the Caspian", "Body text."), ("tr", "Taslak yazı", "Türkçe metin.")],
)
def test_editor_previews_a_draft_in_each_language(draft, role_editor, client, lang, title, text):
    """The preview renders the reader's page template in that language, never cached."""
    client.force_login(role_editor)
    response = client.get(reverse("preview:article", args=[draft.pk, lang]))
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert f'<html lang="{lang}" dir="ltr">' in page and title in page and text in page
    assert "Ayla Demir" in page
    assert_never_cached(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_shows_what_the_public_page_shows(make_article, role_editor, client):
    """For a live article, the preview holds the public page's article markup."""
    article = make_article(slug_en="live-piece")
    client.force_login(role_editor)
    public = client.get("/en/articles/live-piece/").content.decode()
    previewed = client.get(reverse("preview:article", args=[article.pk, "en"])).content.decode()
    public = re.sub(r'<nav class="share".*?</nav>', "", public, flags=re.S)  # none in previews
    start, end = '<article class="article">', "</article>"
    assert (
        public[public.index(start) : public.index(end)]
        == previewed[previewed.index(start) : previewed.index(end)]
    )


def test_contributor_previews_only_own_articles(draft, make_user, client, contributor):
    """The writer may preview their draft; another contributor gets 403."""
    client.force_login(contributor)
    assert client.get(reverse("preview:article", args=[draft.pk, "en"])).status_code == 200
    client.force_login(make_user("olga", "Contributor"))
    assert client.get(reverse("preview:article", args=[draft.pk, "en"])).status_code == 403


def test_preview_needs_a_staff_login(draft, client):
    """Without a login the editor's preview URL sends to the login page."""
    response = client.get(reverse("preview:article", args=[draft.pk, "en"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_unknown_language_or_article_is_404(draft, role_editor, client):
    """A language outside en/tr/ru, or a missing article, is 404."""
    client.force_login(role_editor)
    assert client.get(reverse("preview:article", args=[draft.pk, "de"])).status_code == 404
    assert client.get(reverse("preview:article", args=[draft.pk + 99, "en"])).status_code == 404


def test_signed_link_works_without_an_account(draft, client):
    """A valid shared link shows the draft in its language to an anonymous reviewer."""
    token = preview.make_token(draft, "tr")
    response = client.get(reverse("preview:shared", args=[token]))
    assert response.status_code == 200
    assert "Taslak yazı" in response.content.decode()
    assert_never_cached(response)


def test_expired_link_is_refused(draft, client):
    """Three days and a second after it was made, a shared link answers 403."""
    start = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        token = preview.make_token(draft, "en")
    with time_machine.travel(start + datetime.timedelta(days=3, seconds=-1), tick=False):
        assert client.get(reverse("preview:shared", args=[token])).status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=3, seconds=1), tick=False):
        response = client.get(reverse("preview:shared", args=[token]))
    assert response.status_code == 403
    assert "Grid links" not in response.content.decode()


def test_link_lifetime_follows_the_setting(draft, client, settings):
    """PREVIEW_LINK_MAX_AGE sets how long links work."""
    settings.PREVIEW_LINK_MAX_AGE = 60
    start = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        token = preview.make_token(draft, "en")
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert client.get(reverse("preview:shared", args=[token])).status_code == 403


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature
        lambda token: "x" + token,  # payload
        lambda token: token.split(":")[0],  # no signature at all
        lambda token: "not-a-token",
    ],
)
def test_tampered_link_is_404(draft, client, tamper):
    """A changed, truncated or made-up token shows nothing."""
    response = client.get(reverse("preview:shared", args=[tamper(preview.make_token(draft, "en"))]))
    assert response.status_code == 404
    assert "Grid links" not in response.content.decode()


def test_token_for_one_article_cannot_open_another(draft, make_article, client):
    """The article and language are inside the signed value: swapping them breaks the signature."""
    other = make_article(published=False, slug_en="other-draft", title_en="Another draft")
    mine = preview.make_token(draft, "en").split(":")
    theirs = preview.make_token(other, "en").split(":")
    assert mine[0] != theirs[0]
    forged = ":".join([theirs[0], *mine[1:]])  # the other payload with this signature
    assert client.get(reverse("preview:shared", args=[forged])).status_code == 404
    other_salt = signing.TimestampSigner(salt="elsewhere").sign_object({"a": other.pk, "l": "en"})
    assert client.get(reverse("preview:shared", args=[other_salt])).status_code == 404


def test_change_form_offers_preview_and_shared_links(draft, role_editor, client):
    """The change form links to the preview in each language and to signed links to share."""
    client.force_login(role_editor)
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    for lang in ("en", "tr", "ru"):
        assert reverse("preview:article", args=[draft.pk, lang]) in page
    assert "/preview/shared/" in page
