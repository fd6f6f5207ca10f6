"""The editor's CKEditor round trip in a real browser, in all three languages."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

READY = "() => window.CKEDITOR && CKEDITOR.instances['{id}'] && CKEDITOR.instances['{id}'].status === 'ready'"


def test_editor_writes_an_article_in_ckeditor(page, log_in, editor, analysis, live_server):
    """Typed Turkish and Russian text is stored as letters (no entities), pasted script is gone."""
    log_in("editor")
    page.goto("/admin/articles/article/add/")
    page.select_option("#id_article_type", str(analysis.pk))
    page.fill("#id_title_en", "Energy corridors")
    for field in ("id_body_en", "id_body_tr", "id_body_ru"):
        page.wait_for_function(READY.format(id=field))
    page.frame_locator("#cke_id_body_en iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("Corridors matter.")
    page.evaluate(
        "() => new Promise(r => CKEDITOR.instances['id_body_tr'].setData("
        "'<p>Dünya ve işbirliği</p><img src=x onerror=alert(1)><script>alert(2)</script>', {callback: r}))"
    )
    page.evaluate(
        "() => new Promise(r => CKEDITOR.instances['id_body_ru'].setData('<p>Привет, мир</p>', {callback: r}))"
    )
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    article = Article.objects.get()
    assert article.body_en == "<p>Corridors matter.</p>"
    assert "Dünya ve işbirliği" in article.body_tr and "&uuml;" not in article.body_tr
    assert "onerror" not in article.body_tr and "script" not in article.body_tr
    assert article.body_ru == "<p>Привет, мир</p>"
