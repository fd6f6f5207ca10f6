"""Saving without changing anything changes nothing: every demo article, opened in the article
form with CKEditor (which rewrites the HTML it was given) and saved as it is, marks no
translation "Needs update" and records no change."""

import pytest
from reversion.models import Version

from articles.demo.loader import load_demo
from articles.models import Article, Translation, TranslationStatus
from audit.models import LogEntry

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "demo-password"
EDITORS_READY = """() => {
    const areas = document.querySelectorAll('textarea[data-type="ckeditortype"]');
    return window.CKEDITOR && areas.length > 0 && Array.from(areas).every(
        area => CKEDITOR.instances[area.id] && CKEDITOR.instances[area.id].status === 'ready');
}"""


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(admin_password=PASSWORD)
    return list(Article.objects.order_by("pk"))


def test_saving_every_demo_article_unchanged_marks_nothing_stale(page, live_server, demo):
    """Open each demo article, let CKEditor load its bodies, press Save: no translation becomes
    "needs update", no "Changed body" in the history or the activity."""
    approved = set(
        Translation.objects.filter(status=TranslationStatus.APPROVED).values_list("pk", flat=True)
    )
    assert approved, "the demo has approved translations to keep"
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for article in demo:
        page.goto(f"/admin/articles/article/{article.pk}/change/")
        page.wait_for_function(EDITORS_READY)
        rewritten = page.evaluate(
            "() => Object.values(CKEDITOR.instances).map(editor => editor.getData())"
        )
        assert any("\n" in html for html in rewritten), "CKEditor did not reformat the HTML"
        page.click("input[name=_save]")
        page.wait_for_url(live_server.url + "/admin/articles/article/")
    still_approved = set(
        Translation.objects.filter(status=TranslationStatus.APPROVED).values_list("pk", flat=True)
    )
    assert still_approved == approved
    assert not Translation.objects.exclude(stale_fields=[]).exists()
    assert not LogEntry.objects.filter(action="translation_stale").exists()
    assert not LogEntry.objects.filter(action="change").exists()  # no "Changed …" activity
    for article in demo:
        newest = Version.objects.get_for_object(article).first()
        assert newest.revision.comment == "No fields changed."
