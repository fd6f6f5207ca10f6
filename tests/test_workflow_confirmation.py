"""Publishing, scheduling and unpublishing ask first, on a page saying what readers will see; the
step happens only when its button is pressed. Bulk publish and unpublish ask the same way."""

import re

import pytest
from django.contrib.messages import get_messages
from django.utils import formats, timezone

from articles.editorial import confirmations
from articles.models import Article, Status, Translation
from articles.models.translation import target_languages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

TURKISH = {"title_tr": "Hazar boyunca şebeke bağlantıları", "body_tr": "<p>Türkçe metin.</p>"}


def confirm_url(article, action):
    return f"/admin/articles/article/{article.pk}/transition/{action}/confirm/"


def transition_url(article, action):
    return f"/admin/articles/article/{article.pk}/transition/{action}/"


def snapshot(article):
    article.refresh_from_db()
    return (article.status, article.publish_at, article.updated_at, article.activities.count())


def hidden_inputs(html):
    """The values a page's forms send on, besides the CSRF token."""
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    return [(name, value) for name, value in found if name != "csrfmiddlewaretoken"]


@pytest.fixture
def as_editor(client, role_editor):
    client.force_login(role_editor)
    return client


# The change form's buttons ------------------------------------------------------------------


def test_public_buttons_open_the_confirmation_page(as_editor, make_article):
    """Publish and schedule buttons of a draft go to their confirmation page (a GET); submit
    for review still acts at once."""
    article = make_article(published=False)
    page = as_editor.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    for action in ("publish", "schedule"):
        assert f'<form method="get" action="{confirm_url(article, action)}"' in page
        assert f'<form method="post" action="{transition_url(article, action)}"' not in page
    assert f'<form method="post" action="{transition_url(article, "submit")}"' in page


def test_unpublish_button_opens_the_confirmation_page(as_editor, make_article):
    """On a published article the unpublish button asks first."""
    article = make_article()
    page = as_editor.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'<form method="get" action="{confirm_url(article, "unpublish")}"' in page


# What the confirmation pages say ------------------------------------------------------------


def test_publish_confirmation_names_every_address_and_changes_nothing(as_editor, make_article):
    """The page names the English and approved Turkish addresses and says Russian stays hidden;
    opening it publishes nothing."""
    article = make_article(published=False, **TURKISH)
    before = snapshot(article)
    response = as_editor.get(confirm_url(article, "publish"))
    page = response.content.decode()
    assert response.status_code == 200
    for code in ("en", "tr"):
        assert article.get_absolute_url(code) in page
    hidden = [code for code in target_languages(article) if code != "tr"]
    assert hidden == ["ru"] and "Not in Russian" in page
    assert f'<form method="post" action="{transition_url(article, "publish")}"' in page
    assert "csrfmiddlewaretoken" in page
    assert snapshot(article) == before


def test_translations_ticked_for_approval_go_through_the_confirmation(as_editor, make_article):
    """Ticking “approve Turkish too” shows the Turkish address and carries the tick to the step."""
    article = make_article(published=False, approve=False, **TURKISH)
    without = as_editor.get(confirm_url(article, "publish")).content.decode()
    assert article.get_absolute_url("tr") not in without
    page = as_editor.get(
        confirm_url(article, "publish"), {"approve": ["tr", "xx"]}
    ).content.decode()
    assert article.get_absolute_url("tr") in page
    assert hidden_inputs(page) == [("approve", "tr")]
    as_editor.post(transition_url(article, "publish"), dict(hidden_inputs(page)))
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
    assert Translation.objects.live().filter(article=article, language="tr").exists()


def test_schedule_confirmation_says_from_when(as_editor, make_article):
    """The schedule page gives the chosen time and keeps it for the step, which then schedules."""
    article = make_article(published=False)
    moment = timezone.localtime(timezone.now() + timezone.timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    typed = moment.strftime("%Y-%m-%dT%H:%M")
    page = as_editor.get(confirm_url(article, "schedule"), {"publish_at": typed}).content.decode()
    assert formats.date_format(moment, "DATETIME_FORMAT") in page
    assert article.get_absolute_url("en") in page
    assert ("publish_at", typed) in hidden_inputs(page)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    as_editor.post(transition_url(article, "schedule"), {"publish_at": typed})
    article.refresh_from_db()
    assert article.is_scheduled and article.publish_at == moment


@pytest.mark.parametrize("typed", ["", "2001-01-01T10:00", "2026-02-30T10:00", "soon"])
def test_schedule_without_a_future_time_is_refused_plainly(as_editor, make_article, typed):
    """A missing, past or impossible time sends the editor back with a message; nothing changes."""
    article = make_article(published=False)
    before = snapshot(article)
    response = as_editor.get(confirm_url(article, "schedule"), {"publish_at": typed})
    assert response.status_code == 302
    assert response.url == f"/admin/articles/article/{article.pk}/change/"
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["Choose a publication time in the future to schedule the article."]
    assert snapshot(article) == before


def test_unpublish_confirmation_lists_the_addresses_readers_lose(as_editor, make_article):
    """Unpublishing names each live address, which will answer “page not found”."""
    article = make_article(**TURKISH)
    page = as_editor.get(confirm_url(article, "unpublish")).content.decode()
    for code in ("en", "tr"):
        assert article.get_absolute_url(code) in page
    assert "no longer find it" in page and "page not found" in page
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_unpublishing_a_scheduled_article_cancels_its_publication(as_editor, make_article):
    """For a scheduled article the page says its planned publication is cancelled."""
    article = make_article(publish_at=timezone.now() + timezone.timedelta(days=3))
    page = as_editor.get(confirm_url(article, "unpublish")).content.decode()
    assert "is cancelled" in page and article.get_absolute_url("en") not in page


def test_publishing_an_incomplete_article_is_refused_before_asking(as_editor, make_article):
    """An article without an author cannot be published: the editor is told what is missing."""
    article = make_article(published=False)
    article.authorships.all().delete()
    response = as_editor.get(confirm_url(article, "publish"))
    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["The article cannot be published without: author."]


# Who may ask, and for what ------------------------------------------------------------------


def test_confirmation_refused_to_who_may_not_take_the_step(client, contributor, make_article):
    """A contributor opening the publish confirmation of a draft is refused (403)."""
    article = make_article(published=False)
    Article.objects.filter(pk=article.pk).update(created_by=contributor)
    client.force_login(contributor)
    response = client.get(confirm_url(article, "publish"))
    assert response.status_code == 403


def test_confirmation_refused_in_the_wrong_state(as_editor, make_article):
    """Unpublishing a draft is not possible, so there is nothing to confirm (403, why said)."""
    article = make_article(published=False)
    response = as_editor.get(confirm_url(article, "unpublish"))
    assert response.status_code == 403
    assert "is not possible" in response.content.decode()


def test_only_listed_steps_have_a_confirmation_page_and_it_never_acts(as_editor, make_article):
    """Publish has a confirmation page, steps not in CONFIRMATIONS have none (404), and a POST
    to it answers 405 and publishes nothing."""
    article = make_article(published=False)
    before = snapshot(article)
    assert as_editor.get(confirm_url(article, "publish")).status_code == 200
    for action in ("submit", "request_changes", "no_such_step"):
        assert as_editor.get(confirm_url(article, action)).status_code == 404, action
    assert as_editor.post(confirm_url(article, "publish")).status_code == 405
    assert snapshot(article) == before


def test_a_new_step_asks_first_with_one_entry(as_editor, make_article, monkeypatch):
    """Adding a step to CONFIRMATIONS turns its button into a confirmation with its own words."""

    def describe_submit(article, data):
        return confirmations.Confirmation(
            question=f"Send “{article}” to the editors?",
            readers_see=["Readers see nothing yet."],
            button="Yes, send it",
        )

    monkeypatch.setitem(confirmations.CONFIRMATIONS, "submit", describe_submit)
    article = make_article(published=False)
    change = as_editor.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'<form method="get" action="{confirm_url(article, "submit")}"' in change
    page = as_editor.get(confirm_url(article, "submit")).content.decode()
    assert "Readers see nothing yet." in page and "Yes, send it" in page
    as_editor.post(transition_url(article, "submit"))
    assert Article.objects.get(pk=article.pk).status == Status.IN_REVIEW


# Bulk actions of the article list ------------------------------------------------------------


def bulk(client, action, articles, **extra):
    return client.post(
        "/admin/articles/article/",
        {"action": action, "_selected_action": [a.pk for a in articles], "index": "0", **extra},
    )


def test_bulk_publish_asks_first_naming_how_many_and_which(as_editor, make_article):
    """Publishing two selected drafts shows a page naming both; only its button publishes."""
    first = make_article(published=False, title_en="Grid links", slug_en="grid-links")
    second = make_article(published=False, title_en="Port cranes", slug_en="port-cranes")
    response = bulk(as_editor, "publish_selected", [first, second])
    page = response.content.decode()
    assert response.status_code == 200
    assert "Publish 2 articles now?" in page
    for article in (first, second):
        assert article.title_en in page and article.get_absolute_url("en") in page
    assert ("post", "yes") in hidden_inputs(page)
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    bulk(as_editor, "publish_selected", [first, second], post="yes")
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


def test_bulk_unpublish_asks_first(as_editor, make_article):
    """Unpublishing a selection first says which addresses readers lose."""
    article = make_article()
    page = bulk(as_editor, "unpublish_selected", [article]).content.decode()
    assert "Unpublish 1 article?" in page and article.get_absolute_url("en") in page
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
    bulk(as_editor, "unpublish_selected", [article], post="yes")
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED
