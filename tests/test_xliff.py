"""XLIFF 1.2 exchange: export of untranslated and stale fields, import round trip, and every bad
input reported per unit with nothing saved."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from articles.models import Article, TranslationStatus
from articles.translations import status as tw
from articles.translations import xliff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
BODY_EN = '<p>Ministers met in Baku.<sup data-citation="1">[1]</sup></p>'


@pytest.fixture
def turkish(make_translator):
    return make_translator("tuna", "tr")


@pytest.fixture
def article(make_article):
    return make_article(
        title_en="A cable under the Caspian", summary_en="Why it matters.", body_en=BODY_EN
    )


def units(data):
    root = ET.fromstring(data)  # noqa: S314 -- our own export, in a test
    return {
        unit.get("id"): (unit.find("x:source", NS).text, unit.find("x:target", NS).text)
        for unit in root.iterfind(".//x:trans-unit", NS)
    }


def translated(data, targets):
    """The exported file with ``targets`` ({field: text}) written into the units."""
    root = ET.fromstring(data)  # noqa: S314
    for unit in root.iterfind(".//x:trans-unit", NS):
        name = unit.get("id").rsplit("/", 1)[1]
        if name in targets:
            unit.find("x:target", NS).text = targets[name]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def snapshot(article):
    article = Article.objects.get(pk=article.pk)
    fields = (article.title_tr, article.summary_tr, article.body_tr, article.title_ru)
    return tuple(value or "" for value in fields)


TARGETS = {
    "title": "Hazar’ın altından bir kablo",
    "summary": "Neden önemli.",
    "body": '<p>Bakanlar Bakü’de buluştu.<sup data-citation="1">[1]</sup></p>',
}


def test_export_has_the_untranslated_fields_with_their_source(article):
    """Title, summary and body in English, with empty Turkish targets; empty fields left out."""
    found = units(xliff.export([article], "tr"))
    assert found == {
        f"article/{article.pk}/title": ("A cable under the Caspian", None),
        f"article/{article.pk}/summary": ("Why it matters.", None),
        f"article/{article.pk}/body": (BODY_EN, None),
    }
    root = ET.fromstring(xliff.export([article], "tr"))  # noqa: S314
    file = root.find("x:file", NS)
    assert root.get("version") == "1.2"
    assert (file.get("source-language"), file.get("target-language")) == ("en", "tr")


def test_export_leaves_out_approved_fields_and_adds_stale_ones(make_article, editor):
    """An approved, current translation exports nothing; after a source edit, the changed field."""
    article = make_article(title_tr="Başlık", body_tr="<p>Metin.</p>")
    assert units(xliff.export([article], "tr")) == {}
    article.body_en = "<p>New body.</p>"
    article.save()
    tw.source_edited(article, by=editor)
    assert list(units(xliff.export([article], "tr"))) == [f"article/{article.pk}/body"]
    assert units(xliff.export([article], "tr"))[f"article/{article.pk}/body"][1] == "<p>Metin.</p>"


def test_round_trip_saves_every_field_and_starts_the_translation(article, turkish):
    """Export, translate, import: the Turkish fields are saved and the language is in progress."""
    report = xliff.import_(translated(xliff.export([article], "tr"), TARGETS), by=turkish)
    assert report.ok, report.errors
    assert report.saved == {article.pk: ["body_tr", "summary_tr", "title_tr"]}
    article.refresh_from_db()
    assert (article.title_tr, article.summary_tr, article.body_tr) == tuple(TARGETS.values())
    assert article.slug_tr == "hazarin-altindan-bir-kablo"
    assert tw.translation_for(article, "tr").status == TranslationStatus.IN_PROGRESS


def test_untranslated_units_are_skipped(article, turkish):
    """Units left empty in the tool are not imported (and are no error)."""
    report = xliff.import_(
        translated(xliff.export([article], "tr"), {"title": "Başlık"}), by=turkish
    )
    assert report.ok and report.skipped == 2
    assert snapshot(article)[:3] == ("Başlık", "", "")


def assert_refused(report, article, *expected):
    """Nothing saved and each expected message reported."""
    assert not report.ok
    text = " | ".join(f"{unit}: {message}" for unit, message in report.errors)
    for part in expected:
        assert part in text, text
    assert snapshot(article) == ("", "", "", "")


def test_not_xml_is_refused(article, turkish):
    """A file that is not XML: one clear message."""
    assert_refused(xliff.import_(b"not xml <", by=turkish), article, "not well-formed XML")


def test_entities_and_dtds_are_refused(article, turkish):
    """A DTD (entity expansion, external entities) is never processed."""
    data = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">&e;</xliff>'
    )
    assert_refused(xliff.import_(data, by=turkish), article, "not well-formed XML")


def test_other_documents_are_refused(article, turkish):
    """XML that is not XLIFF 1.2."""
    assert_refused(xliff.import_(b"<html/>", by=turkish), article, "not an XLIFF 1.2 file")


def test_unknown_ids_are_refused(article, turkish):
    """An article that does not exist and a field that is not translatable, per unit."""
    data = translated(xliff.export([article], "tr"), TARGETS).decode()
    data = data.replace(f"article/{article.pk}/summary", f"article/{article.pk}/publish_at")
    data += ""
    missing = data.replace(f'original="article/{article.pk}"', 'original="article/99999"')
    assert_refused(xliff.import_(missing.encode(), by=turkish), article, "no article 99999")
    assert_refused(
        xliff.import_(data.encode(), by=turkish),
        article,
        f"article/{article.pk}/publish_at: Unknown field “publish_at”",
    )


def test_wrong_language_is_refused(article, turkish):
    """A Turkish file imported as Russian, and a file claiming the source language as target."""
    data = translated(xliff.export([article], "tr"), TARGETS)
    assert_refused(
        xliff.import_(data, by=turkish, lang="ru"), article, "“tr”, but “ru” was expected"
    )
    english = data.replace(b'target-language="tr"', b'target-language="en"')
    assert_refused(xliff.import_(english, by=turkish), article, "do not match the article")
    unknown = data.replace(b'target-language="tr"', b'target-language="de"')
    assert_refused(xliff.import_(unknown, by=turkish), article, "Unknown target language")


def test_changed_source_is_refused(article, turkish):
    """The English body changed after the export: that unit is reported, nothing is saved."""
    data = translated(xliff.export([article], "tr"), TARGETS)
    Article.objects.filter(pk=article.pk).update(body_en="<p>Rewritten since.</p>")
    assert_refused(
        xliff.import_(data, by=turkish),
        article,
        f"article/{article.pk}/body: The original text of this field changed since the export",
    )


@pytest.mark.parametrize(
    "body",
    [
        "<p>Metin<script>alert(1)</script></p>",
        '<p onclick="steal()">Metin</p>',
        '<p><a href="javascript:alert(1)">bağlantı</a></p>',
        '<p><img src="https://evil.example/x.png"></p>',
    ],
)
def test_markup_the_sanitizer_would_change_is_refused(article, turkish, body):
    """Scripts, event handlers, unsafe links, foreign images: reported on the body unit."""
    data = translated(xliff.export([article], "tr"), {**TARGETS, "body": body})
    assert_refused(
        xliff.import_(data, by=turkish), article, f"article/{article.pk}/body: The markup"
    )


def test_a_field_the_user_may_not_change_is_refused(article, make_translator):
    """A Russian translator importing a Turkish file: refused per unit."""
    russian = make_translator("rita", "ru")
    data = translated(xliff.export([article], "tr"), TARGETS)
    assert_refused(
        xliff.import_(data, by=russian), article, "You may change only the fields of your languages"
    )


def test_model_validation_is_reported_on_its_unit(article, turkish):
    """A title longer than the field allows: reported on the title unit."""
    data = translated(xliff.export([article], "tr"), {**TARGETS, "title": "Ç" * 301})
    assert_refused(xliff.import_(data, by=turkish), article, f"article/{article.pk}/title")


def test_nothing_is_saved_partly_across_articles(article, make_article, turkish):
    """Two articles, one unit bad in the second: the first article is not saved either."""
    second = make_article(title_en="Second piece", body_en="<p>Second.</p>")
    data = translated(xliff.export([article, second], "tr"), TARGETS).decode()
    data = data.replace("&lt;p&gt;Second.&lt;/p&gt;", "&lt;p&gt;Changed.&lt;/p&gt;", 1)
    report = xliff.import_(data.encode(), by=turkish)
    assert [unit for unit, _message in report.errors] == [f"article/{second.pk}/body"]
    assert snapshot(article) == ("", "", "", "")
    assert not Article.objects.get(pk=second.pk).title_tr


def test_commands_round_trip(article, turkish, tmp_path, capsysbinary):
    """export_xliff writes the file, import_xliff reads it back as the translator."""
    path = tmp_path / "tr.xlf"
    call_command("export_xliff", "tr", str(article.pk), "--output", str(path))
    path.write_bytes(translated(path.read_bytes(), TARGETS))
    out = io.StringIO()
    call_command("import_xliff", str(path), "--user", "tuna", "--language", "tr", stdout=out)
    assert "Imported 3 fields into 1 articles." in out.getvalue()
    assert snapshot(article)[0] == TARGETS["title"]


def test_import_command_fails_with_the_problems_and_saves_nothing(article, turkish, tmp_path):
    """A bad file: each problem on stderr, a non-zero exit, nothing saved."""
    path = tmp_path / "tr.xlf"
    path.write_bytes(translated(xliff.export([article], "tr"), {"body": "<script>x</script>"}))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_xliff", str(path), "--user", "tuna", stderr=err)
    assert f"article/{article.pk}/body" in err.getvalue()
    assert snapshot(article) == ("", "", "", "")


def test_admin_action_exports_and_import_page_imports(article, turkish, editor):
    """The changelist action downloads the file; the import page saves it or lists problems."""
    client = Client()
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/",
        {"action": "export_xliff", "_selected_action": [article.pk], "language": "tr"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="articles-tr.xlf"'
    good = translated(response.content, TARGETS)
    bad = translated(response.content, {**TARGETS, "body": "<p onclick='x()'>y</p>"})
    translator = Client()
    translator.force_login(turkish)
    url = "/admin/articles/article/import-xliff/"
    refused = translator.post(url, {"file": io.BytesIO(bad), "language": "tr"})
    assert refused.status_code == 400 and "The markup contains" in refused.content.decode()
    assert snapshot(article) == ("", "", "", "")
    done = translator.post(url, {"file": io.BytesIO(good), "language": "tr"})
    assert done.status_code == 302
    assert snapshot(article)[0] == TARGETS["title"]


def test_a_conflict_between_two_articles_of_the_file_saves_nothing(article, make_article, turkish):
    """Two articles given the same Turkish title (so the same slug): reported, nothing saved."""
    second = make_article(title_en="Second piece", body_en="<p>Second.</p>")
    data = translated(xliff.export([article, second], "tr"), TARGETS)
    report = xliff.import_(data, by=turkish)
    assert [unit for unit, _message in report.errors] == [f"article/{second.pk}/title"]
    assert "slug is already used" in report.errors[0][1]
    assert snapshot(article) == ("", "", "", "")
