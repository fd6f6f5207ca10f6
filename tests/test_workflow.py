"""The editorial workflow: every allowed and forbidden transition, for every role, by function,
by admin button, by changelist action and by crafted POST."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.editorial import transitions as workflow
from articles.editorial.forms import ArticleAdminForm
from articles.models import Article, Authorship, Status
from articles.permissions import article_policy
from articles.signals import article_transitioned
from audit.models import LogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ROLES = ["Contributor", "Editor", "Translator", "Administrator"]
TRANSITIONS = ["submit", "request_changes", "publish", "schedule", "unpublish"]
# What each role may do (a contributor only to their own article).
ROLE_MAY = {
    "Contributor": {"submit"},
    "Editor": set(TRANSITIONS),
    "Translator": set(),
    "Administrator": set(TRANSITIONS),
}
# The state each transition is tried from in the role matrix, and where it leads.
FROM_TO = {
    "submit": (Status.DRAFT, Status.IN_REVIEW),
    "request_changes": (Status.IN_REVIEW, Status.DRAFT),
    "publish": (Status.IN_REVIEW, Status.PUBLISHED),
    "schedule": (Status.DRAFT, Status.PUBLISHED),
    "unpublish": (Status.PUBLISHED, Status.UNPUBLISHED),
}
ALL_STATES = [Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.UNPUBLISHED]


def future():
    return timezone.now() + timezone.timedelta(days=1)


def run(action, article, user):
    """Call the workflow function for ``action`` as the admin would."""
    calls = {
        "submit": lambda: workflow.submit_for_review(article, by=user),
        "request_changes": lambda: workflow.request_changes(
            article, by=user, comment="Shorten the intro."
        ),
        "publish": lambda: workflow.publish(article, by=user),
        "schedule": lambda: workflow.schedule(article, by=user, at=future()),
        "unpublish": lambda: workflow.unpublish(article, by=user),
    }
    return calls[action]()


@pytest.fixture
def users(make_user, contributor):
    return {
        "Contributor": contributor,
        "Editor": make_user("edith", "Editor"),
        "Translator": make_user("tariq", "Translator"),
        "Administrator": make_user("adam", "Administrator"),
    }


@pytest.fixture
def article_in(analysis, person, editor):
    """An article with an author, written by ``owner``, brought to ``state`` by the workflow."""

    def make(state, owner):
        article = Article.objects.create(
            article_type=analysis,
            title_en="Water and borders",
            slug_en=f"water-and-borders-{Article.objects.count()}",
            body_en="<p>Rivers cross borders.</p>",
            created_by=owner,
        )
        Authorship.objects.create(article=article, person=person)
        if state == Status.IN_REVIEW:
            workflow.submit_for_review(article, by=editor)
        elif state == Status.PUBLISHED:
            workflow.publish(article, by=editor, at=timezone.now() - timezone.timedelta(hours=1))
        elif state == Status.UNPUBLISHED:
            workflow.publish(article, by=editor)
            workflow.unpublish(article, by=editor)
        article.refresh_from_db()
        return article

    return make


def snapshot(article):
    article.refresh_from_db()
    return (article.status, article.publish_at, article.updated_at, article.activities.count())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", TRANSITIONS)
def test_role_matrix_for_workflow_functions(role, action, users, article_in, contributor):
    """Each role may apply exactly its transitions; a forbidden one raises and changes nothing."""
    start, end = FROM_TO[action]
    article = article_in(start, owner=contributor)
    before = snapshot(article)
    if action in ROLE_MAY[role]:
        run(action, article, users[role])
        assert article.status == end
        entry = article.activities.first()
        assert (entry.user, entry.from_status, entry.to_status) == (users[role], start, end)
    else:
        with pytest.raises(PermissionDenied):
            run(action, article, users[role])
        assert snapshot(article) == before


def transition_post(client, article, action):
    data = {"comment": "Shorten the intro."}
    if action == "schedule":
        data["publish_at"] = timezone.localtime(future()).strftime("%Y-%m-%dT%H:%M")
    return client.post(f"/admin/articles/article/{article.pk}/transition/{action}/", data)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", TRANSITIONS)
def test_role_matrix_for_admin_buttons(role, action, users, article_in, contributor, client):
    """A button's POST applies an allowed transition; a crafted forbidden one answers 403."""
    start, end = FROM_TO[action]
    article = article_in(start, owner=contributor)
    before = snapshot(article)
    client.force_login(users[role])
    response = transition_post(client, article, action)
    if action in ROLE_MAY[role]:
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == end
    else:
        assert response.status_code == 403
        assert snapshot(article) == before


def test_contributor_cannot_submit_someone_elses_draft(article_in, contributor, make_user, client):
    """Another contributor's draft is out of reach: 403 by URL, PermissionDenied by function."""
    other = make_user("olga", "Contributor")
    article = article_in(Status.DRAFT, owner=other)
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(article, by=contributor)
    client.force_login(contributor)
    assert transition_post(client, article, "submit").status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT


WRONG_STATES = [
    (action, state)
    for action in TRANSITIONS
    for state in ALL_STATES
    if state not in workflow.article_workflow[action].sources
]


@pytest.mark.parametrize(("action", "state"), WRONG_STATES)
def test_transition_from_a_wrong_state_names_the_allowed_states(action, state, article_in, editor):
    """Every transition from a state that does not allow it fails, naming the states that do."""
    allowed = workflow.article_workflow[action].sources
    article = article_in(state, owner=editor)
    before = snapshot(article)
    with pytest.raises(workflow.TransitionError) as error:
        run(action, article, editor)
    message = " ".join(error.value.messages)
    for allowed_state in allowed:
        assert workflow.article_workflow.state_label(allowed_state) in message
    assert snapshot(article) == before


def test_wrong_state_by_crafted_post_answers_403_with_the_allowed_states(
    article_in, role_editor, contributor, client
):
    """Unpublishing a draft through its URL is refused with 403 and says where it is allowed."""
    article = article_in(Status.DRAFT, owner=contributor)
    client.force_login(role_editor)
    response = transition_post(client, article, "unpublish")
    assert response.status_code == 403
    assert "Published" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_transition_url_refuses_get(article_in, role_editor, contributor, client):
    """A transition is never triggered by following a link."""
    article = article_in(Status.DRAFT, owner=contributor)
    client.force_login(role_editor)
    response = client.get(f"/admin/articles/article/{article.pk}/transition/publish/")
    assert response.status_code == 405
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_full_review_cycle_is_logged(article_in, contributor, role_editor):
    """Submit, request changes, resubmit, publish: four activity entries with from, to, who, comment."""
    article = article_in(Status.DRAFT, owner=contributor)
    workflow.submit_for_review(article, by=contributor)
    workflow.request_changes(article, by=role_editor, comment="Add a source for the dam figures.")
    assert article.status == Status.DRAFT
    workflow.submit_for_review(article, by=contributor)
    workflow.publish(article, by=role_editor)
    log = list(article.activities.order_by("created_at", "id"))
    assert [(e.action, e.from_status, e.to_status, e.user) for e in log] == [
        ("submit", Status.DRAFT, Status.IN_REVIEW, contributor),
        ("request_changes", Status.IN_REVIEW, Status.DRAFT, role_editor),
        ("submit", Status.DRAFT, Status.IN_REVIEW, contributor),
        ("publish", Status.IN_REVIEW, Status.PUBLISHED, role_editor),
    ]
    assert log[1].comment == "Add a source for the dam figures."
    assert article in Article.objects.live("en")


def test_request_changes_needs_a_comment(article_in, contributor, role_editor):
    """Returning an article without saying what to change is refused."""
    article = article_in(Status.IN_REVIEW, owner=contributor)
    with pytest.raises(ValidationError):
        workflow.request_changes(article, by=role_editor, comment="  ")
    assert Article.objects.get(pk=article.pk).status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"title_en": ""}, ["title"]),
        ({"body_en": ""}, ["body"]),
        ({"title_en": "", "body_en": ""}, ["title", "body"]),
    ],
)
def test_publishing_refuses_missing_title_or_body(fields, missing, article_in, editor):
    """Publishing without a title or body in the original language names what is missing."""
    article = article_in(Status.DRAFT, owner=editor)
    Article.objects.filter(pk=article.pk).update(**fields)
    article.refresh_from_db()
    with pytest.raises(workflow.TransitionError) as error:
        workflow.publish(article, by=editor)
    for name in missing:
        assert name in str(error.value)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_publishing_refuses_an_article_without_author(article_in, editor):
    """No author, no publication; the message says “author”."""
    article = article_in(Status.DRAFT, owner=editor)
    article.authorships.all().delete()
    with pytest.raises(workflow.TransitionError, match="author"):
        workflow.publish(article, by=editor)


def test_publishing_in_original_language_only_needs_that_language(article_in, editor):
    """A Turkish-original article with Turkish title and body publishes without English text."""
    article = article_in(Status.DRAFT, owner=editor)
    Article.objects.filter(pk=article.pk).update(
        original_language="tr", title_en="", body_en="", title_tr="Su", body_tr="<p>Metin</p>"
    )
    article.refresh_from_db()
    workflow.publish(article, by=editor)
    assert article.status == Status.PUBLISHED


def test_signal_is_sent_after_the_activity_is_written(article_in, contributor):
    """Receivers of article_transitioned see the committed state and its activity entry."""
    article = article_in(Status.DRAFT, owner=contributor)
    seen = []

    def receiver(sender, article, activity, action, by, **kwargs):
        seen.append((Article.objects.get(pk=article.pk).status, activity.pk, action, by))

    article_transitioned.connect(receiver)
    try:
        workflow.submit_for_review(article, by=contributor)
    finally:
        article_transitioned.disconnect(receiver)
    assert seen == [(Status.IN_REVIEW, article.activities.get().pk, "submit", contributor)]


# Editing: who may change which article in which state ---------------------------------------


def change_data(article, **overrides):
    data = {
        "article_type": article.article_type_id,
        "original_language": article.original_language,
        "title_en": article.title_en,
        "slug_en": article.slug_en,
        "summary_en": "",
        "body_en": article.body_en,
        "is_featured": "",
        "version_token": ArticleAdminForm.token_for(article),
    }
    for prefix in ("authorships", "highlights", "citations"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    data.update(overrides)
    return data


SITUATIONS = ["own_draft", "own_in_review", "others_draft", "others_published"]
MAY_EDIT = {
    "Contributor": {"own_draft"},
    "Editor": set(SITUATIONS),
    # A translator changes only the fields of their languages (test_translation_permissions),
    # never the English title; like anyone, they may change a draft of their own.
    "Translator": {"own_draft"},
    "Administrator": set(SITUATIONS),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_edit_matrix_by_crafted_post(role, situation, users, make_user, article_in, client):
    """Saving the change form works where the role may edit; elsewhere 403 and nothing changes."""
    owner = users[role] if situation.startswith("own") else make_user("olga", "Contributor")
    state = {"draft": Status.DRAFT, "in_review": Status.IN_REVIEW, "published": Status.PUBLISHED}[
        situation.split("_", 1)[1]
    ]
    article = article_in(state, owner=owner)
    client.force_login(users[role])
    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_data(article, title_en="Rewritten title"),
    )
    article.refresh_from_db()
    if situation in MAY_EDIT[role]:
        assert response.status_code == 302, response.context and response.context["errors"]
        assert article.title_en == "Rewritten title"
    else:
        assert response.status_code == 403
        assert article.title_en == "Water and borders"


def test_edit_rule_holds_in_the_model_layer(article_in, contributor, make_user):
    """can_edit/check_can_edit say the same as the admin, for use outside it."""
    own = article_in(Status.DRAFT, owner=contributor)
    submitted = article_in(Status.IN_REVIEW, owner=contributor)
    assert article_policy.user_has_permission_for_instance(contributor, "change", own)
    with pytest.raises(PermissionDenied, match="only drafts"):
        article_policy.check_can_edit(contributor, submitted)
    with pytest.raises(PermissionDenied):
        article_policy.check_can_edit(make_user("olga", "Contributor"), own)


def test_contributor_sees_only_own_articles(article_in, contributor, make_user, client):
    """The article list of a contributor holds their articles only."""
    mine = article_in(Status.DRAFT, owner=contributor)
    Article.objects.filter(pk=mine.pk).update(title_en="My own piece")
    article_in(Status.DRAFT, owner=make_user("olga", "Contributor"))
    client.force_login(contributor)
    response = client.get("/admin/articles/article/")
    assert list(response.context["cl"].result_list) == [Article.objects.get(pk=mine.pk)]


def test_contributor_views_own_submitted_article_read_only(article_in, contributor, client):
    """A submitted article opens for its writer without a save button or workflow buttons."""
    article = article_in(Status.IN_REVIEW, owner=contributor)
    client.force_login(contributor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'name="_save"' not in page and "transition/submit" not in page


def test_change_form_shows_only_allowed_buttons(article_in, contributor, role_editor, client):
    """An editor sees publish, schedule, request changes for an article in review; no submit."""
    article = article_in(Status.IN_REVIEW, owner=contributor)
    client.force_login(role_editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    for action in ("request_changes", "publish", "schedule"):
        assert f"transition/{action}/" in page
    assert "transition/submit/" not in page and "transition/unpublish/" not in page
    assert 'name="status"' not in page and 'name="publish_at_0"' not in page


def test_publish_time_cannot_be_set_through_the_form(article_in, role_editor, client):
    """A crafted publish_at in the change form is ignored: only the workflow sets it."""
    article = article_in(Status.DRAFT, owner=role_editor)
    client.force_login(role_editor)
    client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_data(article, publish_at_0="2020-01-01", publish_at_1="10:00", status="published"),
    )
    article.refresh_from_db()
    assert article.publish_at is None and article.status == Status.DRAFT


# Changelist actions -----------------------------------------------------------------------


def action_post(client, action, *articles):
    """A changelist action, confirmed on its intermediate page (``post=yes``) where it has one."""
    return client.post(
        "/admin/articles/article/",
        {
            "action": action,
            "_selected_action": [a.pk for a in articles],
            "index": "0",
            "post": "yes",
        },
    )


@pytest.mark.parametrize(
    ("role", "action"),
    [
        ("Contributor", "publish_selected"),
        ("Contributor", "unpublish_selected"),
        ("Contributor", "delete_selected"),
        ("Translator", "submit_selected"),
        ("Translator", "publish_selected"),
    ],
)
def test_forbidden_changelist_action_answers_403(role, action, users, article_in, client):
    """A crafted action POST the role may not run answers 403 and changes nothing."""
    article = article_in(Status.DRAFT, owner=users[role])
    before = snapshot(article)
    client.force_login(users[role])
    assert action_post(client, action, article).status_code == 403
    assert snapshot(article) == before


def test_changelist_actions_call_the_workflow(article_in, contributor, role_editor, client):
    """Submit (contributor), then publish and unpublish (editor) through list actions, all logged."""
    article = article_in(Status.DRAFT, owner=contributor)
    client.force_login(contributor)
    assert action_post(client, "submit_selected", article).status_code == 302
    client.force_login(role_editor)
    action_post(client, "publish_selected", article)
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
    action_post(client, "unpublish_selected", article)
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED
    assert [e.action for e in article.activities.order_by("id")] == [
        "submit",
        "publish",
        "unpublish",
    ]


def test_bulk_publish_reports_incomplete_articles(article_in, role_editor, editor, client):
    """Publishing a selection publishes the complete ones and names what the others lack."""
    good = article_in(Status.DRAFT, owner=editor)
    bad = article_in(Status.DRAFT, owner=editor)
    Article.objects.filter(pk=bad.pk).update(body_en="", slug_en="other")
    client.force_login(role_editor)
    response = client.post(
        "/admin/articles/article/",
        {
            "action": "publish_selected",
            "_selected_action": [good.pk, bad.pk],
            "index": "0",
            "post": "yes",
        },
        follow=True,
    )
    assert Article.objects.get(pk=good.pk).status == Status.PUBLISHED
    assert Article.objects.get(pk=bad.pk).status == Status.DRAFT
    assert "body" in response.content.decode()


def test_deleting_an_article_is_logged(article_in, role_editor, contributor, client):
    """Deleting through the admin leaves an audit line naming the article and who deleted it."""
    article = article_in(Status.DRAFT, owner=contributor)
    client.force_login(role_editor)
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    entry = LogEntry.objects.get(action="delete")
    assert entry.subject == "Water and borders" and entry.user == role_editor


def test_contributor_cannot_delete(article_in, contributor, client):
    """A contributor's delete POST answers 403."""
    article = article_in(Status.DRAFT, owner=contributor)
    client.force_login(contributor)
    assert (
        client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Article.objects.filter(pk=article.pk).exists()


def test_activity_log_is_visible_to_editors_and_read_only(
    article_in, role_editor, contributor, client
):
    """Editors read the audit list; nobody adds or changes entries; contributors do not see it."""
    article = article_in(Status.DRAFT, owner=contributor)
    workflow.submit_for_review(article, by=contributor)
    entry = LogEntry.objects.get()
    client.force_login(role_editor)
    assert client.get("/admin/audit/logentry/").status_code == 200
    assert client.get("/admin/audit/logentry/add/").status_code == 403
    page = client.get(f"/admin/audit/logentry/{entry.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    client.force_login(contributor)
    assert client.get("/admin/audit/logentry/").status_code == 403
