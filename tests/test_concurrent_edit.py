"""No lost updates: a save over a version newer than the one the editor opened is refused, and
the form says who changed what in between."""

import pytest
import reversion
from django.test import Client

from articles.editorial import transitions as workflow
from articles.models import Article
from tests.test_workflow import change_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def article(make_article, editor):
    """A draft whose first version is a revision, as after a save in the admin."""
    article = make_article(published=False, slug_en="contested")
    with reversion.create_revision():
        article.save()
    return article


@pytest.fixture
def two_editors(make_user):
    first, second = Client(), Client()
    first.force_login(make_user("anna", "Editor"))
    second.force_login(make_user("bora", "Editor"))
    return first, second


def open_form(client, article):
    """GET the change form and return the POST data it would send, with its version token."""
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    token = response.context["adminform"].form["version_token"].value()
    assert token and f'name="version_token" value="{token}"' in response.content.decode()
    return change_data(article, version_token=token)


def errors_of(response):
    assert response.status_code == 200, "the save was accepted"
    return " ".join(str(error) for error in response.context["adminform"].form.non_field_errors())


def test_save_over_a_newer_version_is_refused_and_shows_what_changed(article, two_editors):
    """Anna opens, Bora saves a new title, Anna saves: refused, naming Bora and the title change."""
    anna, bora = two_editors
    annas_form = open_form(anna, article)
    bora_form = open_form(bora, article)
    assert (
        bora.post(
            f"/admin/articles/article/{article.pk}/change/",
            {**bora_form, "title_en": "Bora's title"},
        ).status_code
        == 302
    )
    response = anna.post(
        f"/admin/articles/article/{article.pk}/change/",
        {**annas_form, "title_en": "Anna's title", "body_en": "<p>Anna's body.</p>"},
    )
    message = errors_of(response)
    assert "Someone else saved this article after you opened it" in message
    assert "bora" in message
    assert "title (English)" in message and "Bora's title" in message
    article.refresh_from_db()
    assert article.title_en == "Bora's title" and article.body_en == "<p>Body text.</p>"


def test_save_after_reopening_succeeds(article, two_editors):
    """Once Anna reopens the article, her save goes through."""
    anna, bora = two_editors
    stale = open_form(anna, article)
    bora.post(f"/admin/articles/article/{article.pk}/change/",
              {**open_form(bora, article), "title_en": "Bora's title"})  # fmt: skip
    anna.post(f"/admin/articles/article/{article.pk}/change/", {**stale, "title_en": "Lost?"})
    fresh = open_form(anna, Article.objects.get(pk=article.pk))
    response = anna.post(
        f"/admin/articles/article/{article.pk}/change/", {**fresh, "title_en": "Anna's title"}
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title_en == "Anna's title"


def test_workflow_change_after_opening_is_a_conflict_too(article, two_editors, editor):
    """A submission made while the form was open also refuses the stale save."""
    anna, _bora = two_editors
    stale = open_form(anna, article)
    workflow.submit_for_review(article, by=editor)
    response = anna.post(
        f"/admin/articles/article/{article.pk}/change/", {**stale, "title_en": "Anna's title"}
    )
    assert "Someone else saved" in errors_of(response)
    assert Article.objects.get(pk=article.pk).title_en == "Grid links across the Caspian"


@pytest.mark.parametrize("token", ["", "garbage", "2001-01-01T00:00:00+00:00|0"])
def test_missing_or_forged_token_is_refused(article, two_editors, token):
    """A POST without the token of the current version never overwrites."""
    anna, _bora = two_editors
    data = {**change_data(article), "version_token": token, "title_en": "Forged"}
    errors_of(anna.post(f"/admin/articles/article/{article.pk}/change/", data))
    assert Article.objects.get(pk=article.pk).title_en == "Grid links across the Caspian"


def test_conflict_without_history_lists_the_differing_fields(make_article, two_editors):
    """For an article with no revision yet, the refusal lists saved and submitted values."""
    article = make_article(published=False, slug_en="no-history")
    anna, bora = two_editors
    stale = open_form(anna, article)
    bora.post(f"/admin/articles/article/{article.pk}/change/",
              {**open_form(bora, article), "title_en": "Bora's title"})  # fmt: skip
    message = errors_of(
        anna.post(f"/admin/articles/article/{article.pk}/change/", {**stale, "title_en": "Mine"})
    )
    assert "saved “Bora's title”, yours “Mine”" in message
