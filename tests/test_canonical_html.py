"""Text comparisons that ignore form: rich text is stored and compared as canonical HTML, so a save
that only rewrites the HTML (CKEditor's line breaks and entities) changes nothing anywhere."""

import pytest
import reversion
from django.test import Client

from articles.demo.content import ARTICLES
from articles.demo.loader import render_body
from articles.editorial import revisions
from articles.models import Article, TranslationStatus
from articles.translations import status as tw
from articles.translations import xliff
from audit.models import LogEntry
from tests.test_richtext import problems_in, xss_payloads
from tests.test_workflow import change_data
from tests.test_xliff import translated
from thinktank.richtext import RichTextFormField, canonical_html, readable_paragraphs

pytestmark = pytest.mark.usefixtures("fast_passwords")

TURKISH = {"title_tr": "Hazar’da şebeke bağlantıları", "body_tr": "<p>Gövde metni.</p>"}
STORED = (
    '<p>First <em>point</em>, with a <a href="https://example.org/a">link</a>.</p><p>Second.</p>'
)


def ckeditor_style(html):
    """The same text as CKEditor 4 writes it back: blank lines between blocks, ``&nbsp;`` and
    named entities, attributes in another order, ``<br />`` followed by a line break."""
    return (
        html.replace("</p><p>", "</p>\n\n<p>")
        .replace("</h2><p>", "</h2>\n\n<p>")
        .replace("é", "&eacute;")
        .replace("\u00a0", "&nbsp;")
        .replace(
            '<a href="https://example.org/a">', '<a rel="noopener" href="https://example.org/a">'
        )
        .replace("<br>", "<br />\n")
        + "\n"
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<p>a</p><p>b</p>", "<p>a</p>\n\n<p>b</p>\n"),
        ("<ul><li>one</li><li>two</li></ul>", "<ul>\n\t<li>one</li>\n\t<li>two</li>\n</ul>"),
        ("<p>café</p>", "<p>caf&eacute;</p>"),
        ("<p>10\u00a0km</p>", "<p>10&nbsp;km</p>"),
        ("<p>line<br>next</p>", "<p>line<br />\nnext</p>"),
        ("<p>a <em>b</em> c</p>", "<p> a  <em>b</em>\n c </p>"),
        ('<a href="https://x.org" title="t">x</a>', '<a title="t" href="https://x.org">x</a>'),
        ("<table><tr><td>1</td></tr></table>", "<table>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>"),
        # The prose editor writes list items and table cells as paragraphs.
        ("<ul><li>one</li><li>two</li></ul>", "<ul><li><p>one</p></li><li><p>two</p></li></ul>"),
        ("<ul><li>one<ul><li>sub</li></ul></li></ul>", "<ul><li><p>one</p><ul><li><p>sub</p></li></ul></li></ul>"),
        ("<table><tr><th>a</th><td>1</td></tr></table>", "<table><tr><th><p>a</p></th><td><p>1</p></td></tr></table>"),
    ],
)  # fmt: skip
def test_reformatting_is_no_difference(one, other):
    """Two ways of writing the same text have one canonical form."""
    assert canonical_html(one) == canonical_html(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<p>a</p>", "<p>b</p>"),
        ("<p>a b</p>", "<p>ab</p>"),
        ("<p>10 km</p>", "<p>10\u00a0km</p>"),
        ("<p>a</p>", "<p><strong>a</strong></p>"),
        ("<p>a</p><p>b</p>", "<p>a b</p>"),
        ('<a href="https://x.org/1">x</a>', '<a href="https://x.org/2">x</a>'),
        ("<li>a b</li>", "<li><p>a</p><p>b</p></li>"),
        ("<li>a</li>", '<li><p lang="tr">a</p></li>'),
    ],
)
def test_visible_changes_stay_differences(one, other):
    """Changed words, spaces, formatting, paragraphs or link targets are still changes."""
    assert canonical_html(one) != canonical_html(other)


def test_entities_are_characters_except_the_ones_html_needs():
    """``&eacute;`` and ``&nbsp;`` become characters; ``&amp;``, ``&lt;``, ``&gt;`` stay."""
    assert (
        canonical_html("<p>d&eacute;j&agrave;&nbsp;vu &amp; &lt;b&gt;</p>")
        == "<p>déjà\u00a0vu &amp; &lt;b&gt;</p>"
    )
    assert canonical_html('<a title="say &quot;hi&quot;" href="https://x.org">x</a>') == (
        '<a href="https://x.org" rel="noopener noreferrer" title="say &quot;hi&quot;">x</a>'
    )


def test_canonical_form_is_stable_and_safe():
    """Canonical HTML of any input (the XSS corpus, the demo bodies) is its own canonical form
    and still passes the sanitizer unchanged in meaning."""
    samples = xss_payloads() + [
        render_body(body) for item in ARTICLES for body in item["body"].values()
    ]
    for html in samples:
        once = canonical_html(html)
        assert canonical_html(once) == once, html
        assert problems_in(once) == [], html


def test_form_field_sees_no_change_in_reformatting():
    """The editor's reformatted body is not a changed field; a changed word is."""
    field = RichTextFormField()
    assert not field.has_changed(STORED, ckeditor_style(STORED))
    assert field.has_changed(STORED, STORED.replace("Second", "Third"))
    assert field.clean(ckeditor_style(STORED)) == canonical_html(STORED)


@pytest.mark.django_db
def test_rich_text_is_stored_in_canonical_form(make_article):
    """A body saved with CKEditor's line breaks is stored without them."""
    article = make_article(body_en=ckeditor_style(STORED))
    article.refresh_from_db()
    assert article.body_en == canonical_html(STORED)
    assert "\n" not in article.body_en


@pytest.mark.django_db
def test_readable_paragraphs_are_the_words_without_tags():
    """Rich text reads as one string per block, without tags or entities."""
    html = '<h2>Title</h2><p>One <em>two</em>&nbsp;three.<sup data-citation="1">[1]</sup></p><ul><li>x</li></ul>'
    assert readable_paragraphs(html) == ["Title", "One two\u00a0three.[1]", "x"]


@pytest.mark.django_db
def test_reformatted_source_makes_no_approved_translation_stale(make_article, editor):
    """The English body rewritten in CKEditor's style (same words) keeps Turkish approved."""
    article = make_article(body_en=STORED, **TURKISH)
    article.body_en = ckeditor_style(STORED)
    article.save()
    assert tw.source_edited(article, by=editor) == []
    assert tw.translation_for(article, "tr").status == TranslationStatus.APPROVED


@pytest.mark.django_db
def test_fingerprint_is_taken_from_the_canonical_form(make_article):
    """The fingerprint of a body does not depend on how its HTML is written."""
    article = make_article(body_en=STORED)
    before = tw.fingerprint(article)
    article.body_en = ckeditor_style(STORED)
    assert tw.fingerprint(article) == before
    article.body_en = STORED.replace("First", "Only")
    assert tw.fingerprint(article)["body"] != before["body"]


@pytest.mark.django_db
def test_admin_save_without_changes_marks_nothing_stale_and_logs_no_change(make_article, editor):
    """Saving the form with CKEditor's version of the same text: no "Needs update", no "Changed
    body" in the history, the revision says it was saved without changes."""
    article = make_article(body_en=STORED, **TURKISH)
    client = Client()
    client.force_login(editor)
    with reversion.create_revision():
        article.save()
    data = change_data(
        article,
        body_en=ckeditor_style(article.body_en),
        title_tr=article.title_tr,
        slug_tr=article.slug_tr,
        body_tr=ckeditor_style(article.body_tr),
    )
    response = client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302
    assert tw.translation_for(article, "tr").status == TranslationStatus.APPROVED
    newest, previous = list(revisions.versions_of(article))[:2]
    assert "body" not in newest.revision.comment.lower()
    assert revisions.compare(previous, newest) == ([], [])
    assert not LogEntry.objects.for_object(article).filter(action="change").exists()


@pytest.mark.django_db
def test_revisions_differing_only_in_form_compare_equal(make_article, editor):
    """Two revisions whose bodies differ only in whitespace and entities show no change."""
    article = make_article(body_en=STORED)
    with reversion.create_revision():
        article.save()
    with reversion.create_revision():
        Article.objects.filter(pk=article.pk).update(body_en=ckeditor_style(STORED))
        article.refresh_from_db()
        reversion.add_to_revision(article)  # as stored before canonical storage existed
    newest, oldest = list(revisions.versions_of(article))[:2]
    assert "\n\n" in newest.serialized_data or "\\n\\n" in newest.serialized_data
    assert revisions.compare(oldest, newest) == ([], [])


@pytest.mark.django_db
def test_xliff_target_written_in_another_form_is_imported(make_article, make_translator):
    """A translation tool's no-break spaces, entities and line breaks are form, not unsafe
    markup; an export made before the original was only reformatted still imports."""
    article = make_article(body_en="<p>A 10&nbsp;km cable.</p><p>Second.</p>")
    exported = xliff.export([article], "tr")
    Article.objects.filter(pk=article.pk).update(body_en=ckeditor_style(article.body_en))
    targets = {"title": "Kablo", "body": "<p>10\u00a0km&nbsp;kablo.</p>\n\n<p>İkinci.</p>\n"}
    report = xliff.import_(translated(exported, targets), by=make_translator("tuna", "tr"))
    assert report.ok, report.errors
    article.refresh_from_db()
    assert article.body_tr == "<p>10\u00a0km\u00a0kablo.</p><p>İkinci.</p>"
