"""Both rich-text editors (``settings.RICH_TEXT_WIDGET``) in a real Chromium: an article with
every kind of markup an editor makes comes back unchanged when saved as it is; an edit is saved
with nothing else lost, and what the sanitizer refuses is gone; the page raises no
Content-Security-Policy violation."""

import datetime

import pytest

from articles.models import Article
from thinktank.richtext import canonical_html

pytestmark = pytest.mark.django_db(transaction=True)

CKEDITOR = "ckeditor.widgets.CKEditorWidget"
PROSE = "thinktank.editors.ProseWidget"

# Every kind of markup the editors offer, in the stored (canonical) form.
EVERYTHING = (
    "<h2>Context</h2>"
    "<p>Plain, <strong>bold</strong>, <em>italic</em>, 10<sup>3</sup> and H<sub>2</sub>O, "
    'as argued<sup data-citation="1">[1]</sup> and shown<sup data-citation="2">[2]</sup>.</p>'
    "<h3>Details</h3><h4>Finer details</h4>"
    "<ul><li>One</li><li>Two</li></ul>"
    '<ol start="3"><li>Third</li><li>Fourth</li></ol>'
    "<blockquote><p>A quotation.</p></blockquote>"
    '<p><a href="https://example.org/report" rel="noopener noreferrer">The report</a> and '
    '<a href="mailto:desk@example.org" rel="noopener noreferrer">the desk</a>.</p>'
    "<p>The end.</p>"
)
TABLE = "<table><tbody><tr><th>Year</th><th>Share</th></tr><tr><td>2024</td><td>31%</td></tr></tbody></table>"

# Collects every CSP violation the page reports, before any of its own scripts run; keeps the
# prose editors as they start.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
window.__prose = {};
document.addEventListener('prose-editor:ready', (e) => {
  window.__prose[e.detail.textarea.id] = e.detail.editor;
});
"""


class CKEditorDriver:
    def __init__(self, page):
        self.page = page

    def wait(self, field):
        self.page.wait_for_function(
            f"() => window.CKEDITOR && CKEDITOR.instances['{field}']"
            f" && CKEDITOR.instances['{field}'].status === 'ready'"
        )

    def html(self, field):
        return self.page.evaluate(f"CKEDITOR.instances['{field}'].getData()")

    def set_html(self, field, html):
        self.page.evaluate(
            "([field, html]) => new Promise(r => CKEDITOR.instances[field].setData(html, {callback: r}))",
            [field, html],
        )

    def type_at_end(self, field, text):
        body = self.page.frame_locator(f"#cke_{field} iframe.cke_wysiwyg_frame").locator("body")
        body.click()
        self.page.keyboard.press("Control+End")
        self.page.keyboard.type(text)


class ProseDriver:
    def __init__(self, page):
        self.page = page

    def wait(self, field):
        self.page.wait_for_function(f"() => window.__prose && window.__prose['{field}']")

    def html(self, field):
        return self.page.evaluate(f"window.__prose['{field}'].getHTML()")

    def set_html(self, field, html):
        self.page.evaluate(
            "([field, html]) => window.__prose[field].commands.setContent(html)", [field, html]
        )

    def type_at_end(self, field, text):
        # The editor's own command puts the caret at the end: a click lands wherever the
        # middle of the text is (a figure's caption, say) and Control+End stays in there.
        self.page.locator(f".prose-editor:has(#{field}) .tiptap.ProseMirror").click()
        self.page.evaluate("(field) => window.__prose[field].commands.focus('end')", field)
        self.page.keyboard.type(text)


DRIVERS = {CKEDITOR: CKEditorDriver, PROSE: ProseDriver}


@pytest.fixture(params=[CKEDITOR, PROSE], ids=["ckeditor", "prose"])
def widget(request, settings):
    settings.RICH_TEXT_WIDGET = request.param
    return request.param


@pytest.fixture
def article(make_article, source, cite):
    def citations(article):
        cite(article, source, 1, accessed_on=datetime.date(2024, 5, 1))
        cite(article, source, 2, accessed_on=datetime.date(2024, 5, 2))

    return make_article(published=False, approve=False, body_en=EVERYTHING, compose=citations)


def open_article(page, log_in, widget, article):
    log_in("editor")
    page.add_init_script(LISTEN)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    driver = DRIVERS[widget](page)
    driver.wait("id_body_en")
    return driver


def save(page, live_server):
    page.click("input[name=_save]")
    page.wait_for_load_state("load")
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert errors == [], errors
    page.wait_for_url(live_server.url + "/admin/articles/article/")


def test_saving_unchanged_keeps_every_kind_of_markup(page, log_in, live_server, widget, article):
    """Open an article with headings, emphasis, footnote markers, lists, a quotation and links,
    save without touching it: the stored text is the same, and the page raised no CSP
    violation (the prose editor's import map is allowed by hash, nothing else inline is)."""
    driver = open_article(page, log_in, widget, article)
    assert 'data-citation="2"' in driver.html("id_body_en")  # the editor holds the markers
    save(page, live_server)
    article.refresh_from_db()
    assert article.body_en == EVERYTHING
    assert page.evaluate("window.__violations") == []


def stored_after_typing_at_end(page, log_in, live_server, widget, article):
    """The body as stored after typing " Added later." at its end in ``widget`` and saving."""
    driver = open_article(page, log_in, widget, article)
    driver.type_at_end("id_body_en", " Added later.")
    assert "Added later." in driver.html("id_body_en")
    save(page, live_server)
    article.refresh_from_db()
    return article.body_en


def test_an_edit_is_saved_and_nothing_else_is_lost(page, log_in, live_server, widget, article):
    """Type a sentence at the end: it is saved, and every other piece of markup, the footnote
    markers first, is stored as it was."""
    stored = stored_after_typing_at_end(page, log_in, live_server, widget, article)
    assert stored == EVERYTHING.replace("The end.", "The end. Added later.")


def test_a_table_survives_an_edit(page, log_in, live_server, widget, article):
    """A table with a header row is kept through an edit elsewhere in the text."""
    Article.objects.filter(pk=article.pk).update(body_en=TABLE + "<p>The end.</p>")
    stored = stored_after_typing_at_end(page, log_in, live_server, widget, article)
    assert stored == TABLE + "<p>The end. Added later.</p>"


FIGURE = '<figure><img alt="A map" src="/media/library/map.png"><figcaption>The corridor</figcaption></figure>'


def test_the_prose_editor_keeps_a_figure_through_an_edit(
    page, log_in, live_server, settings, article
):
    """An image with its caption is kept through an edit elsewhere in the text (the prose
    editor has figures; CKEditor's toolbar here has no image button)."""
    settings.RICH_TEXT_WIDGET = PROSE
    Article.objects.filter(pk=article.pk).update(body_en=FIGURE + "<p>The end.</p>")
    stored = stored_after_typing_at_end(page, log_in, live_server, PROSE, article)
    assert stored == FIGURE + "<p>The end. Added later.</p>"


def test_hostile_markup_given_to_the_editor_is_not_stored(
    page, log_in, live_server, widget, article
):
    """Script and event handlers put into the editor (as a paste would) are not stored; the
    text around them is."""
    driver = open_article(page, log_in, widget, article)
    driver.set_html(
        "id_body_en",
        '<p>Safe <a href="javascript:alert(1)">link</a></p><img src=x onerror="alert(1)">'
        '<script>alert(2)</script><p onclick="alert(3)">Kept</p>',
    )
    save(page, live_server)
    article.refresh_from_db()
    assert article.body_en == canonical_html(article.body_en)
    assert "Safe" in article.body_en and "Kept" in article.body_en
    for hostile in ("javascript:", "onerror", "onclick", "<script", "alert("):
        assert hostile not in article.body_en
    assert page.evaluate("window.__violations") == []
