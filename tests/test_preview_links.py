"""Shared preview links: revoked by an editor, dead once the article is unpublished or deleted,
audited, never written into the page they open, and a styled page when they no longer work."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import translation

from articles.editorial import preview
from articles.editorial import transitions as workflow
from articles.models import Article
from articles.public.preview import ADVICE, UNAVAILABLE
from audit.models import LogEntry
from audit.registry import action_label

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

SHARED_URL = re.compile(r'value="(http://testserver/preview/shared/[^"/]+/)"')


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


def shared(article, lang="en"):
    return reverse("preview:shared", args=[preview.make_token(article, lang)])


def shown_links(client, article):
    """The shared links the change form shows, by language (in the order of the site's)."""
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    return SHARED_URL.findall(page.decode())


def revoke(client, article):
    return client.post(reverse("admin:articles_article_revoke_preview_links", args=[article.pk]))


def assert_unavailable_page(response, *, status, lang, reason):
    """The public site's page (header, language) saying why, never cached or indexed."""
    page = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{lang}"' in page and 'class="site-header"' in page
    assert f"preview-unavailable preview-{reason}" in page
    with translation.override(lang):
        assert str(UNAVAILABLE[reason][1]) in page and str(ADVICE) in page
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page


# Revoking ---------------------------------------------------------------------------------------


def test_editor_revokes_every_shared_link(draft, role_editor, client):
    """After “Revoke all shared links”, links shared before answer 410 in their own language."""
    links = {lang: shared(draft, lang) for lang in ("en", "tr")}
    assert client.get(links["tr"]).status_code == 200
    client.force_login(role_editor)
    response = revoke(client, draft)
    assert response.status_code == 302
    client.logout()
    for lang, link in links.items():
        response = client.get(link)
        assert_unavailable_page(response, status=410, lang=lang, reason="revoked")
        assert "Taslak yazı" not in response.content.decode()
        assert "Grid links" not in response.content.decode()


def test_links_shown_after_revoking_work(draft, role_editor, client):
    """The change form then shows new links, which work, while the old ones stay dead."""
    client.force_login(role_editor)
    old = shown_links(client, draft)
    revoke(client, draft)
    new = shown_links(client, draft)
    assert len(new) == len(old) == 3 and set(new).isdisjoint(old)
    client.logout()
    assert client.get(old[0]).status_code == 410
    assert client.get(new[0]).status_code == 200


def test_change_form_offers_the_revoke_button(draft, role_editor, client):
    """The preview area of the change form has a POST form that revokes the links."""
    client.force_login(role_editor)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    action = reverse("admin:articles_article_revoke_preview_links", args=[draft.pk])
    assert re.search(rf'<form method="post" action="{re.escape(action)}"', page)


def test_revoking_is_post_only(draft, role_editor, client):
    """A GET of the revoke address changes nothing: 405, and links keep working."""
    link = shared(draft)
    client.force_login(role_editor)
    url = reverse("admin:articles_article_revoke_preview_links", args=[draft.pk])
    assert client.get(url).status_code == 405
    assert not LogEntry.objects.for_object(draft).filter(action=preview.LINKS_REVOKED).exists()
    client.logout()
    assert client.get(link).status_code == 200


def test_only_those_who_may_preview_revoke(draft, make_user, contributor, client):
    """Another contributor is refused (403, nothing logged); the writer may revoke their draft."""
    link = shared(draft)
    client.force_login(make_user("olga", "Contributor"))
    assert revoke(client, draft).status_code == 403
    assert client.get(link).status_code == 200
    assert not LogEntry.objects.for_object(draft).filter(action=preview.LINKS_REVOKED).exists()
    client.force_login(contributor)
    assert revoke(client, draft).status_code == 302
    assert client.get(link).status_code == 410


def test_revoking_a_missing_article_is_404(draft, role_editor, client):
    """Revoking the links of an article that does not exist answers 404 and logs nothing."""
    client.force_login(role_editor)
    missing = Article.objects.order_by("-pk").first().pk + 1
    response = client.post(reverse("admin:articles_article_revoke_preview_links", args=[missing]))
    assert response.status_code == 404
    assert not LogEntry.objects.filter(action=preview.LINKS_REVOKED).exists()


# Unpublishing and deleting ----------------------------------------------------------------------


def test_unpublishing_ends_links_made_before(make_article, editor, client):
    """A link made while the article was live dies when it is unpublished, even after it is
    published again; a link made after works."""
    article = make_article(slug_en="live-piece")
    before = shared(article)
    assert client.get(before).status_code == 200
    workflow.unpublish(article, by=editor)
    assert_unavailable_page(client.get(before), status=410, lang="en", reason="unpublished")
    workflow.publish(article, by=editor)
    assert client.get(before).status_code == 410
    assert client.get(shared(article)).status_code == 200


def test_deleting_ends_links(draft, editor, client):
    """A link to a deleted article answers 410, saying the article was deleted."""
    link = shared(draft, "tr")
    workflow.delete_article(draft, by=editor)
    assert_unavailable_page(client.get(link), status=410, lang="tr", reason="deleted")


def test_link_to_an_article_gone_without_a_log_line_is_410(draft, client):
    """A genuine link whose article no longer exists, however it went, answers 410."""
    link = shared(draft)
    Article.objects.filter(pk=draft.pk).delete()
    assert_unavailable_page(client.get(link), status=410, lang="en", reason="deleted")


def test_other_articles_events_do_not_end_a_link(draft, make_article, editor, client):
    """Unpublishing or revoking another article leaves this article's links working."""
    link = shared(draft)
    other = make_article(slug_en="other-piece", title_en="Another piece")
    workflow.unpublish(other, by=editor)
    preview.revoke_links(other, by=editor)
    assert client.get(link).status_code == 200


# Expired and tampered links ---------------------------------------------------------------------


def test_expired_link_answers_the_styled_page_in_its_language(draft, client):
    """An expired Turkish link says so on the public site's page, in Turkish, with 403."""
    start = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        link = shared(draft, "tr")
    with time_machine.travel(start + datetime.timedelta(days=4), tick=False):
        response = client.get(link, headers={"accept-language": "ru"})
    assert_unavailable_page(response, status=403, lang="tr", reason="expired")
    assert response["Content-Language"] == "tr"
    assert "Taslak yazı" not in response.content.decode()


def test_expired_and_revoked_link_says_revoked(draft, editor, client):
    """A link both expired and revoked reports the revocation, with 410."""
    start = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        link = shared(draft)
    with time_machine.travel(start + datetime.timedelta(days=1), tick=False):
        preview.revoke_links(draft, by=editor)
    with time_machine.travel(start + datetime.timedelta(days=4), tick=False):
        assert client.get(link).status_code == 410


@pytest.mark.parametrize("accept", ["ru", "tr-TR,tr;q=0.9", "en-GB"])
def test_tampered_link_answers_404_in_the_readers_language(draft, client, accept):
    """A changed token names no language: the page follows the reader's Accept-Language."""
    token = preview.make_token(draft, "tr")
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(
        reverse("preview:shared", args=[tampered]), headers={"accept-language": accept}
    )
    lang = accept[:2]
    assert_unavailable_page(response, status=404, lang=lang, reason="invalid")
    assert "Grid links" not in response.content.decode()


def test_unavailable_page_has_no_token_anywhere(draft, editor, client):
    """The page of a dead link does not repeat its token (no canonical, no og:url)."""
    token = preview.make_token(draft, "en")
    preview.revoke_links(draft, by=editor)
    page = client.get(reverse("preview:shared", args=[token])).content.decode()
    assert token not in page
    assert 'rel="canonical"' not in page


def test_link_made_before_links_carried_their_time(draft, editor, client):
    """A link made by the previous version (no time in it) works until the links are revoked."""
    old = signing.TimestampSigner(salt=preview.SALT).sign_object({"a": draft.pk, "l": "en"})
    assert client.get(reverse("preview:shared", args=[old])).status_code == 200
    preview.revoke_links(draft, by=editor)
    assert client.get(reverse("preview:shared", args=[old])).status_code == 410


# The token in the page --------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "has_text"), [("en", True), ("tr", True), ("ru", False)])
def test_shared_preview_keeps_the_token_out_of_the_page(draft, client, lang, has_text):
    """The token is nowhere in a shared preview: canonical and og:url are the article's public
    URL in that language or, in a language without text (ru), the editor's preview address;
    there are no share links."""
    token = preview.make_token(draft, lang)
    response = client.get(reverse("preview:shared", args=[token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert token not in page and "/preview/shared/" not in page
    if has_text:
        expected = "http://testserver" + draft.get_absolute_url(lang)
    else:
        expected = "http://testserver" + reverse("preview:article", args=[draft.pk, lang])
    assert f'<link rel="canonical" href="{expected}">' in page
    assert f'<meta property="og:url" content="{expected}">' in page
    assert 'class="share"' not in page


def test_previews_have_no_share_links(make_article, role_editor, client):
    """The public page has share links; its preview, by an editor or a shared link, has none."""
    article = make_article(slug_en="live-piece")
    assert 'class="share"' in client.get("/en/articles/live-piece/").content.decode()
    assert 'class="share"' not in client.get(shared(article)).content.decode()
    client.force_login(role_editor)
    editor_preview = client.get(reverse("preview:article", args=[article.pk, "en"]))
    assert 'class="share"' not in editor_preview.content.decode()


# The audit log ----------------------------------------------------------------------------------


def test_showing_and_revoking_links_is_audited(draft, role_editor, make_user, client):
    """Showing links writes one line per person until revoked; revoking writes one; both name
    the person and the time."""
    lines = LogEntry.objects.for_object(draft)
    client.force_login(role_editor)
    shown_links(client, draft)
    shown_links(client, draft)
    made = lines.filter(action=preview.LINKS_MADE)
    assert [entry.user for entry in made] == [role_editor]
    other = make_user("emre", "Editor")
    client.force_login(other)
    shown_links(client, draft)
    assert {entry.user for entry in made.all()} == {role_editor, other}
    revoke(client, draft)
    revoked = lines.get(action=preview.LINKS_REVOKED)
    assert revoked.user == other and revoked.created_at > made.first().created_at
    shown_links(client, draft)
    assert made.filter(user=other).count() == 2


def test_links_are_made_again_once_the_old_ones_expired(draft, role_editor, client):
    """After a link's lifetime, showing the form makes (and logs) new links."""
    start = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start):
        client.force_login(role_editor)
        first = shown_links(client, draft)
    with time_machine.travel(start + datetime.timedelta(days=3, hours=1)):
        client.force_login(role_editor)
        second = shown_links(client, draft)
        assert client.get(second[0]).status_code == 200
        assert client.get(first[0]).status_code == 403
    made = LogEntry.objects.for_object(draft).filter(action=preview.LINKS_MADE)
    assert made.count() == 2


def test_audit_labels_name_the_link_actions(draft, role_editor, client):
    """The audit log reads “Preview links made” and “Preview links revoked”."""
    client.force_login(role_editor)
    shown_links(client, draft)
    revoke(client, draft)
    labels = [entry.get_action_display() for entry in LogEntry.objects.for_object(draft)]
    assert "Preview links made" in labels and "Preview links revoked" in labels


def test_a_returned_draft_stays_returned_when_its_writer_opens_it(
    draft, contributor, role_editor, client
):
    """Opening the draft (which shows preview links) does not take it off “Returned to me”,
    and the activity lists leave out who was shown links."""
    workflow.submit_for_review(draft, by=contributor)
    workflow.request_changes(draft, by=role_editor, comment="Check the figures.")
    client.force_login(contributor)
    assert len(shown_links(client, draft)) == 3
    page = client.get("/admin/").content.decode()
    returned = page.split('id="returned-to-me"')[1].split('<div class="module"')[0]
    assert "Grid links across the Caspian" in returned
    client.force_login(role_editor)
    shown_links(client, draft)
    label = action_label(preview.LINKS_MADE)
    assert label not in client.get("/admin/").content.decode()
    change = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert label not in change.content.decode()
