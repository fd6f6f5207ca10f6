"""The editorial dashboard on the admin's start page."""

import pytest
from django.utils import timezone

from articles.editorial import transitions as workflow
from articles.models import Article, Authorship

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def section(page, list_id):
    return page.split(f'id="{list_id}"')[1].split('<div class="module"')[0]


@pytest.fixture
def desk(analysis, person, contributor, role_editor):
    """One article of each kind: a draft, a returned one, one in review, scheduled, published."""

    def article(title, slug):
        made = Article.objects.create(article_type=analysis, title_en=title, slug_en=slug,
                                      body_en="<p>Text.</p>", created_by=contributor)  # fmt: skip
        Authorship.objects.create(article=made, person=person)
        return made

    article("Plain draft", "plain")
    returned = article("Sent back", "sent-back")
    workflow.submit_for_review(returned, by=contributor)
    workflow.request_changes(returned, by=role_editor, comment="Check the dam figures.")
    workflow.submit_for_review(article("Awaiting review", "awaiting"), by=contributor)
    workflow.schedule(article("Coming soon", "soon"), by=role_editor,
                      at=timezone.now() + timezone.timedelta(days=2))  # fmt: skip
    workflow.publish(article("Out now", "out"), by=role_editor)


def test_contributor_dashboard(desk, contributor, client):
    """A contributor sees their drafts, what came back with the comment, and what awaits review."""
    client.force_login(contributor)
    page = client.get("/admin/").content.decode()
    assert "Plain draft" in section(page, "my-drafts")
    assert "Sent back" not in section(page, "my-drafts")
    returned = section(page, "returned-to-me")
    assert "Sent back" in returned and "Check the dam figures." in returned
    assert "Awaiting review" in section(page, "waiting-for-review")
    assert 'id="recent-activity"' not in page


def test_editor_dashboard(desk, role_editor, client):
    """An editor sees the review queue, scheduled times, recent publications and activity."""
    client.force_login(role_editor)
    page = client.get("/admin/").content.decode()
    assert "Awaiting review" in section(page, "waiting-for-review")
    scheduled = section(page, "scheduled")
    assert "Coming soon" in scheduled and "<time datetime=" in scheduled
    assert "Out now" in section(page, "recently-published")
    assert "Coming soon" not in section(page, "recently-published")
    assert "Changes requested" in section(page, "recent-activity")
