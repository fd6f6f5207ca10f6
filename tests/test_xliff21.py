"""XLIFF 2.1 by segment, alongside 1.2: <unit>/<segment>/<source>/<target> with inline <pc>/<ph/>,
read back all or nothing; the same page as translating in the segment editor."""

import copy
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import etree

from articles.models import Article
from tests import test_xliff_segments as layout_12
from translation_tools import xliff2

pytestmark = [pytest.mark.django_db]

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
Q = "{urn:oasis:names:tc:xliff:document:2.0}"
# The OASIS XLIFF 2 core schema is not ours to commit: XLIFF_XSD_DIR names a folder holding
# xliff_core_2.0.xsd (and xml.xsd beside it, or the one written below).
XSD_DIR = Path(os.environ.get("XLIFF_XSD_DIR", "/work/xsd-i17"))
TURKISH = {
    "A cable under the Caspian": "Hazar’ın altından bir kablo",
    "Why it matters.": "Neden önemli.",
    "Cables last decades.": "Kablolar onlarca yıl dayanır.",
    "The cable": "Kablo",
    "Ministers met in ": "Bakanlar ",
    "Baku": "Bakü",
    " and ": "’de buluştu ve ",
    "agreed": "anlaştı",
    "Work starts soon.": "Çalışma yakında başlıyor.",
    "Cost: high": "Maliyet: yüksek",
    "Time: long": "Süre: uzun",
}
TAGGED_TR = layout_12.TAGGED_TR
article = layout_12.article  # the article of the XLIFF 1.2 tests
NMTOKEN = re.compile(r"^[\w.:-]+$")


def inner(element):
    return (
        etree.tostring(element, encoding="unicode", with_tail=False)
        .split(">", 1)[1]
        .rsplit("<", 1)[0]
    )


def check_structure(root):
    """What every XLIFF 2 reader relies on (checked whether or not the schema is at hand)."""
    assert root.tag == f"{Q}xliff"
    assert root.get("version") == "2.1" and root.get("srcLang") and root.get("trgLang")
    for file in root.findall("x:file", NS):
        assert NMTOKEN.match(file.get("id"))
        ids = [unit.get("id") for unit in file.iter(f"{Q}unit")]
        assert len(ids) == len(set(ids)) and all(NMTOKEN.match(i) for i in ids)
        for unit in file.iter(f"{Q}unit"):
            segments = unit.findall("x:segment", NS)
            assert len(segments) == 1 and segments[0].find("x:source", NS) is not None
            children = [child.tag.rpartition("}")[2] for child in unit]
            assert children == ["notes", "segment"]  # notes come first
            for inline in segments[0].iter():
                name = inline.tag.rpartition("}")[2]
                assert name in ("segment", "source", "target", "pc", "ph"), name
                if name in ("pc", "ph"):
                    assert inline.get("id") and inline.get("type")
                    if inline.get("subType"):
                        assert inline.get("subType").startswith("xlf:")


def test_one_unit_per_segment_with_inline_markup_as_pc_and_ph(article):
    root = etree.fromstring(xliff2.export([article], "tr"))
    check_structure(root)
    (file,) = root.findall("x:file", NS)
    assert file.get("original") == f"article/{article.pk}"
    units = file.findall(".//x:unit", NS)
    assert [u.get("name") for u in units] == [
        "title", "summary", f"highlight-{article.highlights.get().pk}", "body", "body", "body",
        "body",
    ]  # fmt: skip
    assert inner(units[4].find("x:segment/x:source", NS)) == (
        'Ministers met in <pc id="1" type="link" canDelete="no">Baku</pc> and <pc id="2" '
        'type="fmt" canDelete="no" subType="xlf:i">agreed</pc>.<ph id="fn1" type="other" '
        'equiv="[1]" disp="[1]" canDelete="no"/><ph id="3" type="fmt" canDelete="no" '
        'subType="xlf:lb"/>Work starts soon.'
    )
    assert "&lt;" not in etree.tostring(root, encoding="unicode")
    notes = [n.text for n in units[0].findall("x:notes/x:note", NS)]
    limit = Article._meta.get_field("title").max_length
    assert notes[1] == f"At most {limit} characters."
    assert "segment 2 of 4" in units[4].find("x:notes/x:note", NS).text
    assert {s.get("state") for s in root.iter(f"{Q}segment")} == {"initial"}


def test_export_is_valid_against_the_oasis_schema(article, tmp_path):
    """Validates against xliff_core_2.0.xsd when XLIFF_XSD_DIR has it (skips loudly otherwise)."""
    xsd = XSD_DIR / "xliff_core_2.0.xsd"
    if not xsd.exists():
        pytest.skip(f"XLIFF 2 CORE SCHEMA MISSING: set XLIFF_XSD_DIR (looked for {xsd})")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = etree.fromstring(xliff2.export([article], "tr"))
    assert schema.validate(document), schema.error_log


def fill_like_a_tool(data: bytes, texts: dict | None = None) -> bytes:
    """What a translator's tool does: copy each source to its target, placeholders kept, and
    translate the text around them (from ``texts``, by default ``TURKISH``)."""
    texts = TURKISH if texts is None else texts
    root = etree.fromstring(data)
    for segment in root.iter(f"{Q}segment"):
        target = copy.deepcopy(segment.find("x:source", NS))
        target.tag = f"{Q}target"
        for element in target.iter():
            element.text = texts.get(element.text, element.text)
            element.tail = texts.get(element.tail, element.tail) if element is not target else None
        segment.append(target)
        segment.set("state", "translated")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def test_round_trip_gives_the_same_page_as_the_segment_editor(article, turkish, make_article):
    data = fill_like_a_tool(xliff2.export([article], "tr"))
    check_structure(etree.fromstring(data))
    report = xliff2.import_(data, by=turkish, lang="tr")
    assert report.ok, report.errors
    imported = Article.objects.get(pk=article.pk)
    assert imported.title_tr == "Hazar’ın altından bir kablo"
    assert imported.highlights.get().text_tr == "Kablolar onlarca yıl dayanır."
    layout_12.assert_same_as_the_editor(imported, make_article, turkish)
    # Exported again, the saved translation comes back as the targets.
    again = etree.fromstring(xliff2.export([imported], "tr", everything=True))
    assert {s.get("state") for s in again.iter(f"{Q}segment")} == {"translated"}


def test_a_broken_footnote_marker_saves_nothing_and_names_the_segment(
    article, turkish, make_article
):
    second = make_article(title_en="Second piece", body_en="<p>Short.</p>")
    data = fill_like_a_tool(xliff2.export([article, second], "tr")).decode()
    data = re.sub(
        r'(<target>[^<]*<pc[^>]*>Bakü</pc>.*?)<ph id="fn1"[^>]*/>', r"\1", data, count=1, flags=re.S
    )
    report = xliff2.import_(data.encode(), by=turkish, lang="tr")
    assert not report.ok
    unit, message = report.errors[0]
    assert unit.startswith(f"article/{article.pk}/body/")
    assert "Segment 2: the footnote markers must be those of the original: [1]." in message
    assert not Article.objects.filter(pk__in=[article.pk, second.pk], title_tr__gt="").exists()


def test_wrong_language_and_unknown_markup_are_refused(article, turkish):
    data = fill_like_a_tool(xliff2.export([article], "tr")).decode()
    report = xliff2.import_(
        data.replace('trgLang="tr"', 'trgLang="ru"').encode(), by=turkish, lang="tr"
    )
    assert report.errors == [(f"article/{article.pk}", "Unknown target language “ru”.")]
    broken = data.replace("<target>Kablo</target>", '<target><sc id="9"/>Kablo</target>')
    report = xliff2.import_(broken.encode(), by=turkish, lang="tr")
    assert "inline markup the site cannot map" in report.errors[0][1]
    assert not Article.objects.get(pk=article.pk).title_tr


def test_commands_export_and_import_xliff_2(article, turkish, tmp_path):
    path = tmp_path / "tr.xlf"
    call_command(
        "export_xliff", "tr", str(article.pk), "--layout", "segments-2.1", "--output", str(path)
    )
    path.write_bytes(fill_like_a_tool(path.read_bytes()))
    call_command("import_xliff", str(path), "--user", "tuna", "--language", "tr")
    assert Article.objects.get(pk=article.pk).title_tr == "Hazar’ın altından bir kablo"
