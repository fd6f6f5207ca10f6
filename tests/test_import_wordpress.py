"""A WordPress archive in: WPML and Polylang translations grouped into one article each, authors
as people, terms, reference lists as citations, images, old addresses; idempotent; drafts only."""

import datetime
import io
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from articles.editorial.transitions import publish
from articles.models import Article, LiveVersion, Region, Status, Topic
from citations.models import Citation, Source
from importers.archive import publish_archived
from importers.models import ImportRecord
from importers.problems import ImportProblem
from importers.wordpress import Options, import_archive
from importers.wxr import parse_wxr
from library.models import Image as LibraryImage
from people.models import Person
from tests import images
from tests.public_fixtures import approve_written_translations
from tests.wxr_files import institute_export

THEME_TEST_DATA = Path("/work/.mirror/WordPress+theme-test-data/repo")


@pytest.fixture
def media_dir(tmp_path):
    folder = tmp_path / "uploads" / "2024" / "07"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "navy").save(buffer, "PNG")
    (folder / "map.png").write_bytes(buffer.getvalue())
    return tmp_path / "uploads"


@pytest.fixture
def run_import(analysis, editor, media_dir):
    def run(data=None, **options):
        archive = parse_wxr(data or institute_export())
        settings = {
            "article_type": analysis,
            "by": editor,
            "media_dir": media_dir,
            "term_map": {"post_tag": "region"},
            **options,
        }
        return import_archive(archive, Options(**settings))

    return run


def _article(title_en):
    return Article.objects.get(title_en=title_en)


def test_wpml_translations_become_one_article_with_its_languages(run_import):
    report = run_import()
    article = _article("Cables under the Caspian")
    assert article.original_language == "en"
    assert article.title_tr == "Hazar’ın altındaki kablolar"
    assert article.slug_en == "cables-under-the-caspian"
    assert article.summary_en == "Two meetings, one cable."
    assert '<sup data-citation="1">[1]</sup>' in article.body_en
    assert '<sup data-citation="2">[2]</sup>' in article.body_tr
    assert "References" not in article.body_en and "Kaynakça" not in article.body_tr
    assert (report.count("created"), report.count("failed"), report.count("skipped")) == (3, 1, 1)


def test_polylang_translations_are_grouped_and_the_first_written_is_the_original(run_import):
    run_import()
    article = _article("Ports of the Black Sea")
    assert article.original_language == "en"
    assert article.title_ru == "Порты Чёрного моря"
    assert article.body_en == (
        '<p>Classic editor text about ports <sup data-citation="1">[1]</sup>.</p>'
        "<p>Second paragraph.</p>"
    )
    assert Article.objects.count() == 3


def test_everything_lands_as_a_draft_that_readers_do_not_see(run_import):
    run_import()
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert not LiveVersion.objects.exists()
    record = ImportRecord.objects.get(kind="article", key="wpml:77")
    assert record.original_status == "publish"
    assert record.original_published_at == datetime.datetime(2024, 7, 1, 9, tzinfo=datetime.UTC)


def test_authors_become_people_and_terms_become_topics_and_regions(run_import):
    run_import()
    ayla = Person.objects.get(slug="ayla-demir")
    assert (ayla.given_name, ayla.family_name, ayla.email) == ("Ayla", "Demir", "ayla@example.org")
    assert list(_article("Cables under the Caspian").authors.all()) == [ayla]
    assert _article("Ports of the Black Sea").authors.get().full_name == "Ivan Petrov"
    topics = list(_article("Cables under the Caspian").topics.all())
    assert sorted(t.name_en or t.name_tr for t in topics) == ["Energy", "Enerji"]
    assert Region.objects.get().name_en == "Caucasus"
    assert list(_article("Cables under the Caspian").regions.all()) == list(Region.objects.all())


def test_reference_lists_in_three_languages_become_citations(run_import):
    report = run_import()
    cables = Citation.objects.filter(article=_article("Cables under the Caspian"))
    assert [(c.number, c.source.title, c.accessed_on) for c in cables] == [
        (1, "Grid links across the Caspian", datetime.date(2024, 7, 1)),
        (2, "Cables and ports", datetime.date(2024, 7, 2)),
    ]
    ports = Citation.objects.get(article=_article("Ports of the Black Sea"))
    assert ports.source.outlet == "Harbour Weekly"
    assert report.citations_parsed == 3 and report.citations_left_as_text == 0


def test_images_are_stored_and_a_missing_one_is_reported(run_import):
    report = run_import()
    article = _article("Maps of the corridor")
    assert 'src="/media/imported/map' in article.body_en
    item = next(i for i in report.items if i.article_id == article.pk)
    assert any("missing.jpg" in warning for warning in item.warnings)
    assert article.hero is None


def test_unknown_post_types_and_malformed_items_are_reported_and_the_rest_imported(run_import):
    report = run_import()
    lines = "\n".join(report.lines())
    assert "skipped: #40 “About us” (post type “page” is not imported)" in lines
    assert (
        "failed: #? “Broken item” (malformed item: no post id, or neither title nor text)" in lines
    )


def test_importing_again_skips_what_is_unchanged_and_updates_what_changed(run_import):
    run_import()
    counts = (
        Article.objects.count(),
        Source.objects.count(),
        Person.objects.count(),
        Topic.objects.count(),
    )
    again = run_import()
    assert (again.count("created"), again.count("updated"), again.count("skipped")) == (0, 0, 4)
    changed = run_import(institute_export(en_title="Cables under the Caspian, revisited"))
    assert (changed.count("created"), changed.count("updated")) == (0, 1)
    assert _article("Cables under the Caspian, revisited").title_tr == "Hazar’ın altındaki kablolar"
    assert counts == (
        Article.objects.count(),
        Source.objects.count(),
        Person.objects.count(),
        Topic.objects.count(),
    )
    assert Citation.objects.count() == 3


def test_published_article_is_not_overwritten_by_a_later_import(run_import, editor):
    run_import()
    article = _article("Cables under the Caspian")
    publish(article, by=editor)
    report = run_import(institute_export(en_title="Changed on WordPress"))
    assert any("no longer a draft" in line for line in report.lines())
    assert Article.objects.filter(title_en="Cables under the Caspian").exists()


def test_old_address_redirects_to_the_article_once_it_is_published(run_import, editor, client):
    run_import()
    old = "/2024/07/01/cables-under-the-caspian/"
    assert client.get(old).status_code == 404  # a draft: nothing to send readers to
    publish(_article("Cables under the Caspian"), by=editor)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/en/articles/cables-under-the-caspian/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<rss><channel><item></channel></rss>", "not well-formed XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<rss><channel><title>&b;</title></channel></rss>",
            "entities",
        ),
        (b"<html><body>Not an export</body></html>", "not a WordPress export"),
    ],
    ids=["malformed", "entity-bomb", "not-wxr"],
)
def test_bad_exports_are_refused_whole(data, message, analysis):
    with pytest.raises(ImportProblem, match=message):
        parse_wxr(data)
    with pytest.raises(CommandError, match="Nothing was imported"):
        _command_on(data)
    assert Article.objects.count() == 0


def _command_on(data, **options):
    with tempfile.NamedTemporaryFile(suffix=".xml") as handle:
        handle.write(data)
        handle.flush()
        call_command("import_wordpress", handle.name, type="analysis", **options)


def test_command_dry_run_reports_and_keeps_nothing(analysis, capsys):
    _command_on(institute_export(), dry_run=True, language_map="en-us=en")
    out = capsys.readouterr().out
    assert "3 created, 0 updated, 1 skipped, 1 failed; citations: 3 parsed, 0 left as text." in out
    assert "Dry run: nothing was kept." in out
    assert Article.objects.count() == 0 and Source.objects.count() == 0


def test_wordpress_theme_unit_test_export(analysis, editor, tmp_path):
    """WordPress's own test export: every post in, none failed; a second run changes nothing."""
    data = _theme_test_data()
    options = Options(article_type=analysis, by=editor)
    first = import_archive(parse_wxr(data), options)
    assert first.count("created") >= 40
    assert first.count("failed") == 0
    assert first.count("skipped") >= 18  # the pages
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    second = import_archive(parse_wxr(data), options)
    assert second.count("created") == second.count("updated") == 0
    assert Article.objects.count() == first.count("created")


def _theme_test_data() -> bytes:
    if not THEME_TEST_DATA.exists():
        message = f"WordPress theme unit test data not found at {THEME_TEST_DATA}: test skipped"
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    return subprocess.run(
        [
            shutil.which("git") or "git",
            "-C",
            str(THEME_TEST_DATA),
            "show",
            "HEAD:themeunittestdata.wordpress.xml",
        ],
        capture_output=True,
        check=True,
    ).stdout


def test_a_featured_image_becomes_the_heros_library_image_without_its_gps_position(
    analysis, editor, tmp_path, client
):
    """WordPress's test export with its featured images in the media folder (a camera's JPEG
    with a GPS position, written here; the same picture featured twice; a file that is no
    image): each picture is one library image, cleaned, with the attachment's alternative text,
    and the article's hero on its page; the refused file is a warning and its post is in."""
    uploads = tmp_path / "uploads"  # its addresses have no /uploads/: files by name
    uploads.mkdir()
    photo = images.jpeg_with_gps((1200, 600))
    (uploads / "featured-image-horizontal.jpg").write_bytes(photo)
    (uploads / "soworthloving-wallpaper.jpg").write_bytes(photo)
    (uploads / "featured-image-vertical.jpg").write_bytes(b"<html>not a picture</html>")
    options = Options(article_type=analysis, by=editor, media_dir=uploads)
    report = import_archive(parse_wxr(_theme_test_data()), options)

    assert report.count("failed") == 0
    image = LibraryImage.objects.get()
    assert image.alt_en == "Horizontal Featured Image"
    with default_storage.open(image.file) as stored:
        content = stored.read()
    assert b"SpyCam" not in content
    with Image.open(io.BytesIO(content)) as opened:
        assert opened.size == (600, 1200) and not opened.getexif()  # upright, no GPS
    horizontal = _article("Template: Featured Image (Horizontal)")
    assert horizontal.hero == image
    assert _article("Markup: Image Alignment").hero == image
    vertical = _article("Template: Featured Image (Vertical)")
    assert vertical.hero is None
    item = next(i for i in report.items if i.article_id == vertical.pk)
    assert any(
        "The featured image featured-image-vertical.jpg was not imported" in warning
        for warning in item.warnings
    )

    publish_archived(horizontal, on=datetime.date(2013, 3, 15), by=editor)
    version = LiveVersion.objects.visible("en").get(article=horizontal)
    page = client.get(version.get_absolute_url()).content.decode()
    picture = re.search(r'<figure class="article-image article-hero">.*?</figure>', page, re.S)
    assert "<picture>" in picture.group(0)
    assert 'alt="Horizontal Featured Image"' in picture.group(0)


def test_imported_article_published_with_its_date_reads_like_the_reference(
    run_import, editor, client
):
    """Label, "also available in", footnotes with access dates, author box, original date; the
    old Turkish address leads to the Turkish page."""
    run_import()
    article = _article("Cables under the Caspian")
    approve_written_translations(article, by=editor)
    publish_archived(article, on=datetime.date(2024, 7, 1), by=editor)
    english = LiveVersion.objects.visible("en").get(article=article)
    page = client.get(english.get_absolute_url()).content.decode()
    assert '<p class="kicker">' in page and "Analysis" in page
    assert 'class="also-available"' in page and 'hreflang="tr"' in page
    assert '<time datetime="2024-07-01' in page
    assert "01.07.2024" in page and "02.07.2024" in page  # access dates of the notes
    assert 'class="author-box"' in page and "Ayla Demir" in page
    turkish = LiveVersion.objects.visible("tr").get(article=article)
    old = client.get("/tr/2024/07/02/hazarin-altindaki-kablolar/")
    assert old.status_code == 301 and old["Location"] == turkish.get_absolute_url()
