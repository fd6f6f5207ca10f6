"""The revision diff reads like the article: one language at a time (the original first), rich
text as paragraphs with the changed words marked, no change for a whitespace-only save; and
"Restore this revision" asks first, saying what comes back and that readers do not see it yet."""

import re

import pytest

from articles.editorial import revisions
from articles.editorial import transitions as workflow
from articles.models import Article
from tests import test_revisions
from tests.test_revisions import form_data

# The fixtures of test_revisions: an article saved twice through the admin, with its inlines.
people, sources, saved_twice = (
    test_revisions.people,
    test_revisions.sources,
    test_revisions.saved_twice,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def resave(client, article, people, sources, **fields):
    """Save the article through the admin with its inlines as they are and ``fields`` changed."""
    article = Article.objects.get(pk=article.pk)
    values = {
        "article_type": article.article_type_id,
        **{f"{name}_{code}": getattr(article, f"{name}_{code}") or ""
           for name in ("title", "slug", "body") for code in ("en", "tr")},
        **fields,
    }  # fmt: skip
    data = form_data(
        article,
        fields=values,
        authors=[a.person for a in article.authorships.all()],
        highlights=[(h.text_en, h.text_tr or "") for h in article.highlights.all()],
        citations=[(c.number, c.source) for c in article.citations.all()],
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return Article.objects.get(pk=article.pk)


def compare_page(client, article, old, new, **params):
    response = client.get(
        f"/admin/articles/article/{article.pk}/revisions/compare/",
        {"old": old.pk, "new": new.pk, **params},
    )
    assert response.status_code == 200
    return response.content.decode()


def main_content(page):
    return page.split('id="content-main"', 1)[1]


def test_original_language_is_shown_first_with_a_switch_to_the_others(saved_twice, client):
    """By default only English changes show; links lead to Turkish and Russian, with counts."""
    new, old = revisions.versions_of(saved_twice)
    page = main_content(compare_page(client, saved_twice, old, new))
    assert "Changes in English" in page
    assert "Body (English)" in page and "Title (English)" in page
    assert 'aria-current="page">English</strong> (2 changes)' in page
    assert re.search(r'href="\?[^"]*lang=tr[^"]*">Turkish</a> \(0 changes\)', page)
    turkish = main_content(compare_page(client, saved_twice, old, new, lang="tr"))
    assert "Nothing changed in Turkish." in turkish
    assert "Body (English)" not in turkish


def test_another_language_shows_only_its_own_changes(saved_twice, client, people, sources):
    """A Turkish edit is listed under Turkish, not under English."""
    resave(client, saved_twice, people, sources, body_tr="<p>Yeni metin.</p>")
    new, old = list(revisions.versions_of(saved_twice))[:2]
    english = main_content(compare_page(client, saved_twice, old, new))
    assert "Nothing changed in English." in english and "Yeni" not in english
    turkish = main_content(compare_page(client, saved_twice, old, new, lang="tr"))
    assert "<p><del>Eski</del> <ins>Yeni</ins> metin.</p>" in turkish


def test_rich_text_reads_as_paragraphs_with_the_changed_words_marked(saved_twice, client):
    """The body shows as paragraphs of words, never as HTML source."""
    new, old = revisions.versions_of(saved_twice)
    page = main_content(compare_page(client, saved_twice, old, new))
    assert "<p><del>Old</del> <ins>New</ins> text here.</p>" in page
    assert "&lt;p&gt;" not in page and "&lt;/p&gt;" not in page


def test_paragraphs_added_and_removed_are_marked_whole():
    """A new paragraph is one insertion; a removed one, one deletion."""
    diff = str(revisions.text_diff(["Kept.", "Gone now."], ["Kept.", "Brand new."]))
    assert diff == "<p>Kept.</p><p><del>Gone now.</del> <ins>Brand new.</ins></p>"
    added = str(revisions.text_diff(["Kept."], ["Kept.", "Added & <safe>."]))
    assert added == "<p>Kept.</p><p><ins>Added &amp; &lt;safe&gt;.</ins></p>"


def test_whitespace_only_change_is_no_change(saved_twice, client, people, sources):
    """Saving the body with CKEditor's blank lines and entities compares as no difference."""
    article = Article.objects.get(pk=saved_twice.pk)
    reformatted = "\n\n".join(article.body_en.split("</p>")).replace("<p>", "<p>\n\t")
    resave(client, article, people, sources, body_en=reformatted)
    new, old = list(revisions.versions_of(saved_twice))[:2]
    assert revisions.compare(old, new) == ([], [])
    page = main_content(compare_page(client, saved_twice, old, new))
    assert "No differences." in page and "<ins>" not in page


def test_inline_changes_stay_listed(saved_twice, client):
    """Authors, highlights and citations changes are listed whatever the language shown."""
    new, old = revisions.versions_of(saved_twice)
    for lang in ("en", "ru"):
        page = main_content(compare_page(client, saved_twice, old, new, lang=lang))
        assert "<del>− Boris Orlov (Author)</del>" in page
        assert "<ins>+ Cem Yıldız (Author)</ins>" in page
        assert "[2] Dam statistics" in page


def restore_url(article, version):
    return f"/admin/articles/article/{article.pk}/revisions/{version.pk}/restore/"


def test_restore_asks_first_saying_what_comes_back_and_who_sees_it(saved_twice, client):
    """Opening "Restore this revision" shows a confirmation page and changes nothing."""
    old = revisions.versions_of(saved_twice).last()
    count = revisions.versions_of(saved_twice).count()
    response = client.get(restore_url(saved_twice, old))
    assert response.status_code == 200
    page = main_content(response.content.decode())
    for label in ("Title (English)", "Body (English)", "Authors", "Citations"):
        assert f"<li>{label}</li>" in page
    assert "Readers will not see it until it is published" in page
    assert 'name="confirm" value="yes"' in page
    assert Article.objects.get(pk=saved_twice.pk).title_en == "Rivers and dams"
    assert revisions.versions_of(saved_twice).count() == count


def test_unconfirmed_post_restores_nothing(saved_twice, client):
    """A POST without the confirmation shows the question again and keeps the article."""
    old = revisions.versions_of(saved_twice).last()
    response = client.post(restore_url(saved_twice, old))
    assert response.status_code == 200
    assert Article.objects.get(pk=saved_twice.pk).title_en == "Rivers and dams"


def test_confirmed_post_restores(saved_twice, client):
    """After confirming, the old title comes back as a new revision."""
    old = revisions.versions_of(saved_twice).last()
    response = client.post(restore_url(saved_twice, old), {"confirm": "yes"})
    assert response.status_code == 302
    assert Article.objects.get(pk=saved_twice.pk).title_en == "Rivers"


def test_revisions_page_links_to_the_question_not_to_a_one_click_restore(saved_twice, client):
    """The history offers a link to the confirmation page, no form that restores on one click."""
    old = revisions.versions_of(saved_twice).last()
    page = client.get(f"/admin/articles/article/{saved_twice.pk}/revisions/").content.decode()
    assert f'href="{restore_url(saved_twice, old)}"' in page
    assert f'action="{restore_url(saved_twice, old)}"' not in page


def test_who_may_not_restore_cannot_see_the_question(saved_twice, contributor, client):
    """The confirmation page is refused (403) to someone who may not edit the article."""
    Article.objects.filter(pk=saved_twice.pk).update(created_by=contributor)
    workflow.submit_for_review(Article.objects.get(pk=saved_twice.pk), by=contributor)
    client.force_login(contributor)
    old = revisions.versions_of(saved_twice).last()
    assert client.get(restore_url(saved_twice, old)).status_code == 403
