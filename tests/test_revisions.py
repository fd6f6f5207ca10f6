"""Revisions: every admin save of an article, with its authors, highlights and citations, is a
revision; history says who changed what; two revisions compare field by field and language by
language; a restore brings the old content back as a new revision, workflow state untouched."""

import pytest
from django.utils import timezone
from reversion.models import Version

from articles.editorial import revisions
from articles.editorial import transitions as workflow
from articles.editorial.forms import ArticleAdminForm
from articles.models import Article, Status
from citations.models import Source
from people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ADD_URL = "/admin/articles/article/add/"
TODAY = timezone.localdate().isoformat()


def management(prefix, total, initial):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip


def form_data(article=None, *, fields, authors, highlights, citations):
    """The change form's POST: ``authors`` are persons, ``highlights`` (en, tr) texts,
    ``citations`` (number, source) pairs; existing inline rows are kept or deleted to match."""
    data = {
        "article_type": fields["article_type"],
        "original_language": "en",
        "is_featured": "",
        **{key: value for key, value in fields.items() if key != "article_type"},
    }
    if article is not None:
        data["version_token"] = ArticleAdminForm.token_for(article)
    rows = {
        "authorships": list(article.authorships.all()) if article else [],
        "highlights": list(article.highlights.all()) if article else [],
        "citations": list(article.citations.all()) if article else [],
    }
    wanted = {
        "authorships": [{"person": p.pk, "role": "author", "sort_order": i} for i, p in enumerate(authors)],
        "highlights": [{"text_en": en, "text_tr": tr, "sort_order": i} for i, (en, tr) in enumerate(highlights)],
        "citations": [{"number": n, "source": s.pk, "accessed_on": TODAY, "locator": ""} for n, s in citations],
    }  # fmt: skip
    for prefix, existing in rows.items():
        values = wanted[prefix]
        total = max(len(existing), len(values))
        data.update(management(prefix, total, len(existing)))
        for index in range(total):
            row = values[index] if index < len(values) else None
            if index < len(existing):
                data[f"{prefix}-{index}-id"] = existing[index].pk
                data[f"{prefix}-{index}-article"] = existing[index].article_id
                if row is None:
                    row = {"DELETE": "on"}
                    if prefix == "authorships":
                        row.update(person=existing[index].person_id, role="author")
                    if prefix == "citations":
                        row.update(number=existing[index].number, source=existing[index].source_id)
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


@pytest.fixture
def people(person):
    return [
        person,
        Person.objects.create(given_name="Boris", family_name="Orlov", slug="boris-orlov"),
        Person.objects.create(given_name="Cem", family_name="Yıldız", slug="cem-yildiz"),
    ]


@pytest.fixture
def sources(source):
    return [
        source,
        Source.objects.create(
            kind="web", title="Dam statistics", url="https://stats.example.org/d"
        ),
    ]


@pytest.fixture
def saved_twice(client, role_editor, analysis, people, sources):
    """An article added, then changed, through the admin by an editor: two revisions."""
    client.force_login(role_editor)
    first = {"article_type": analysis.pk, "title_en": "Rivers", "body_en": "<p>Old text here.</p>",
             "title_tr": "Nehirler", "body_tr": "<p>Eski metin.</p>"}  # fmt: skip
    response = client.post(
        ADD_URL,
        form_data(fields=first, authors=people[:2], highlights=[("Key", "Anahtar")],
                  citations=[(1, sources[0])]),
    )  # fmt: skip
    assert response.status_code == 302
    article = Article.objects.get()
    second = {**first, "title_en": "Rivers and dams", "body_en": "<p>New text here.</p>",
              "slug_en": article.slug_en, "slug_tr": article.slug_tr}  # fmt: skip
    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        form_data(article, fields=second, authors=[people[0], people[2]],
                  highlights=[("Key", "Anahtar"), ("Second", "")],
                  citations=[(1, sources[0]), (2, sources[1])]),
    )  # fmt: skip
    assert response.status_code == 302, response.context and response.context["errors"]
    return article


def test_each_admin_save_is_a_revision_with_its_inlines(saved_twice):
    """Two saves, two revisions; each holds the article, its authors, highlights and citations."""
    versions = list(revisions.versions_of(saved_twice))
    assert len(versions) == 2
    newest = versions[0].revision.version_set.all()
    kinds = sorted(v.content_type.model for v in newest)
    assert kinds == ["article", "authorship", "authorship", "citation", "citation",
                     "highlight", "highlight"]  # fmt: skip


def test_history_says_who_changed_what(saved_twice, client):
    """The revisions page lists the editor and the admin's change message."""
    page = client.get(f"/admin/articles/article/{saved_twice.pk}/revisions/").content.decode()
    assert page.count("edith") >= 2
    assert "Changed Title" in page or "Changed title" in page


def test_diff_is_per_field_and_per_language(saved_twice):
    """Only the English title and body changed; the Turkish ones are not listed."""
    new, old = revisions.versions_of(saved_twice)
    fields, inlines = revisions.compare(old, new)
    labels = {change.label: change for change in fields}
    assert set(labels) == {"title (English)", "body (English)"}
    assert labels["title (English)"].old == "Rivers"
    assert labels["title (English)"].new == "Rivers and dams"
    diff = str(labels["body (English)"].inline_diff)
    assert "<del>Old</del>" in diff and "<ins>New</ins>" in diff


def test_diff_lists_inline_changes(saved_twice):
    """Authors, highlights and citations changes show as removed and added lines."""
    new, old = revisions.versions_of(saved_twice)
    _fields, inlines = revisions.compare(old, new)
    by_label = {change.label: change for change in inlines}
    assert by_label["Authors"].removed == ["Boris Orlov (Author)"]
    assert by_label["Authors"].added == ["Cem Yıldız (Author)"]
    assert by_label["Highlights"].added == ["[English] Second"]
    assert [line.split(" — ")[0] for line in by_label["Citations"].added] == ["[2] Dam statistics"]


def test_compare_page_renders_the_diff(saved_twice, client):
    """The compare page shows both values and the word diff, escaped."""
    new, old = revisions.versions_of(saved_twice)
    response = client.get(
        f"/admin/articles/article/{saved_twice.pk}/revisions/compare/",
        {"old": old.pk, "new": new.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rivers and dams" in page and "<ins>New</ins>" in page
    # Issue 12 changed this: stored HTML reads as text, neither run nor shown as raw tags.
    assert "&lt;p&gt;" not in page
    assert "Cem Yıldız (Author)" in page


def test_restore_brings_back_content_and_inlines_as_a_new_revision(saved_twice, client):
    """Restoring the first revision puts back its title, authors and citations, as a new one."""
    workflow.submit_for_review(saved_twice, by=saved_twice.created_by)
    old = revisions.versions_of(saved_twice).last()
    before_restore = revisions.versions_of(saved_twice).count()
    response = client.post(
        f"/admin/articles/article/{saved_twice.pk}/revisions/{old.pk}/restore/",
        {"confirm": "yes"},  # issue 12: only the confirmed POST restores
    )
    assert response.status_code == 302
    article = Article.objects.get(pk=saved_twice.pk)
    assert article.title_en == "Rivers" and article.body_en == "<p>Old text here.</p>"
    assert [a.person.family_name for a in article.authorships.all()] == ["Demir", "Orlov"]
    assert [c.number for c in article.citations.all()] == [1]
    assert [h.text_en for h in article.highlights.all()] == ["Key"]
    assert article.status == Status.IN_REVIEW  # the workflow state is not restored
    assert revisions.versions_of(article).count() == before_restore + 1
    assert article.activities.filter(action="restore").exists()


def test_contributor_cannot_restore_a_submitted_article(saved_twice, contributor, client):
    """A restore is an edit: refused with 403 where editing is refused."""
    Article.objects.filter(pk=saved_twice.pk).update(created_by=contributor)
    workflow.submit_for_review(Article.objects.get(pk=saved_twice.pk), by=contributor)
    old = revisions.versions_of(saved_twice).last()
    client.force_login(contributor)
    response = client.post(f"/admin/articles/article/{saved_twice.pk}/revisions/{old.pk}/restore/")
    assert response.status_code == 403
    assert Article.objects.get(pk=saved_twice.pk).title_en == "Rivers and dams"


def test_version_of_another_article_cannot_be_restored_here(saved_twice, make_article, client):
    """A version id from another article is 404 on this article's restore URL."""
    other = make_article(slug_en="other")
    response = client.post(
        f"/admin/articles/article/{other.pk}/revisions/"
        f"{Version.objects.get_for_object(saved_twice).first().pk}/restore/"
    )
    assert response.status_code == 404
