"""The editor's image button in a real browser: an editor picks a library image in CKEditor (or
uploads one into the library from there), saves, publishes, and readers get its renditions."""

import re

import pytest

from articles.models import Article, Authorship, Status
from library.models import Image
from tests import images
from tests.library_fixtures import ALT, library_image
from tests.test_focal_point import RED, crop_colour, near, three_bands

pytestmark = pytest.mark.django_db(transaction=True)

READY = "() => window.CKEDITOR && CKEDITOR.instances['id_body_en'] && CKEDITOR.instances['id_body_en'].status === 'ready'"


@pytest.fixture
def draft(analysis, person):
    article = Article.objects.create(
        article_type=analysis, title_en="Cables under the Caspian", body_en="<p>Opening.</p>"
    )
    Authorship.objects.create(article=article, person=person)
    return article


def open_image_dialog(page, article):
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.wait_for_function(READY)
    page.frame_locator("#cke_id_body_en iframe.cke_wysiwyg_frame").locator("body p").click()
    page.keyboard.press("End")
    page.locator("#cke_id_body_en .cke_button__libraryimage").click()
    return page.locator(".cke_dialog").filter(has=page.locator(".library-picker-list"))


def test_an_editor_inserts_a_library_image_and_readers_get_its_renditions(
    page, log_in, editor, draft, live_server
):
    ship = library_image()
    library_image(title="Wind farm", alt_en="Turbines offshore")
    log_in("editor")
    dialog = open_image_dialog(page, draft)
    dialog.get_by_label("Search the library").fill("cable")
    dialog.get_by_text("Search", exact=True).click()
    dialog.locator(".library-picker-item").filter(has_text="Wind farm").wait_for(state="detached")
    dialog.locator(".library-picker-item", has_text="Cable ship").click()
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    body = Article.objects.get().body_en
    assert f'data-image="{ship.pk}"' in body and 'src="/media/images/' in body

    page.click(".workflow-publish button")
    page.click("#confirm-button")
    page.wait_for_load_state()
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED

    page.goto(article.get_absolute_url("en"))
    picture = page.locator(".article-body picture")
    assert picture.count() == 1
    webp = picture.locator("source[type='image/webp']").get_attribute("srcset")
    assert re.search(r"/media/images/[0-9a-f]{20}/640\.webp 640w", webp)
    img = picture.locator("img")
    assert " 1024w" in img.get_attribute("srcset") and img.get_attribute("sizes")
    assert img.get_attribute("alt") == ALT["en"] and img.get_attribute("loading") == "lazy"
    assert img.get_attribute("width") == "1600" and img.get_attribute("height") == "900"
    # the browser really loaded one of the renditions
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    assert "/media/images/" in img.evaluate("img => img.currentSrc")


def test_an_editor_uploads_an_image_into_the_library_from_the_editor(
    page, log_in, editor, draft, live_server, tmp_path
):
    log_in("editor")
    dialog = open_image_dialog(page, draft)
    dialog.get_by_label("Alternative text of an image you upload").fill("A harbour crane at dusk")
    refused = tmp_path / "fake.jpg"
    refused.write_bytes(b"<html>not an image</html>")
    dialog.locator("input[type=file]").set_input_files(str(refused))
    dialog.locator(".library-picker-status", has_text="not an image").wait_for()
    assert not Image.objects.exists()

    photo = tmp_path / "harbour.jpg"
    photo.write_bytes(images.jpeg_with_gps())
    dialog.locator("input[type=file]").set_input_files(str(photo))
    dialog.locator(".library-picker-item[aria-pressed=true]", has_text="harbour").wait_for()
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    image = Image.objects.get()
    assert image.alt_en == "A harbour crane at dusk" and image.renditions
    assert f'data-image="{image.pk}"' in Article.objects.get().body_en


def test_an_editor_sets_the_focal_point_by_clicking_the_preview(page, log_in, editor, live_server):
    """A click on the left band of the preview fills the two fields; saving makes the square
    crops around that point (a red crop, where the centre would be white)."""
    image = library_image(data=three_bands(), title="Bands")
    log_in("editor")
    page.goto(f"/admin/library/image/{image.pk}/change/")
    preview = page.locator(".focal-point img")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.1, "y": box["height"] * 0.5})
    across, down = page.locator("#id_focus_x"), page.locator("#id_focus_y")
    assert abs(int(across.input_value()) - 10) <= 1 and abs(int(down.input_value()) - 50) <= 1
    marker = page.locator(".focal-marker").evaluate("el => el.style.left")
    assert marker == f"{across.input_value()}%"
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    page.locator(".messagelist .success").wait_for()
    image.refresh_from_db()
    assert image.focus() == (int(across.input_value()), int(down.input_value()))
    assert near(crop_colour(image), RED)
    crop = page.locator("img.focal-square")
    assert crop.get_attribute("src").endswith(image.rendition(160, crop="square")["name"])
