"""Word documents in, as experts write them: a .docx with real footnotes becomes a draft with
structured citations; a file that cannot be read is refused with the reason, changing nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.editorial.transitions import publish
from articles.models import Article, Authorship, LiveVersion, Status
from audit.models import LogEntry
from citations.models import Citation, Source
from importers.docx import read_docx
from importers.problems import ImportProblem
from importers.word import import_word
from tests.word_files import ENGLISH_NOTE, make_docx, three_footnote_analysis

WORD_URL = "/admin/importers/importrecord/word/"
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
)


def test_body_keeps_headings_emphasis_links_lists_and_footnote_markers():
    document = read_docx(three_footnote_analysis())
    assert document.title == "Cables under the Caspian"
    body = document.body
    assert "<strong>twice</strong>" in body
    assert "<h2>What changed</h2>" in body
    assert '<a href="https://example.org/agreement" rel="noopener noreferrer">agreement</a>' in body
    assert "<ul><li>Ports</li><li>Cables" in body
    assert [body.count(f'<sup data-citation="{n}">[{n}]</sup>') for n in (1, 2, 3)] == [1, 1, 1]
    assert "<em>Outlook:</em>" in body


def test_word_footnotes_in_three_languages_are_read_in_reading_order():
    references = read_docx(three_footnote_analysis()).references
    assert [r.number for r in references] == [1, 2, 3]
    assert [r.accessed_on for r in references] == [
        datetime.date(2024, 7, 1),
        datetime.date(2024, 3, 15),
        datetime.date(2024, 2, 2),
    ]
    assert references[2].outlet == "Пример-Медиа"
    assert all(r.parsed for r in references)


def test_html_from_the_file_is_sanitized():
    """Whatever a document's text holds, it is text: no script reaches the body."""
    data = make_docx("Title", [("", ["<script>alert(1)</script> plain"])])
    body = read_docx(data).body
    assert "<script>" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"plain text, not a zip", "not a Word document"),
        (make_docx("T", [], document_xml="<w:document"), "not well-formed XML"),
        (make_docx("T", [], document_xml=BOMB), "not well-formed XML"),
    ],
    ids=["not-a-zip", "malformed", "entity-bomb"],
)
def test_bad_files_are_refused_with_the_reason_and_change_nothing(data, message, analysis, editor):
    with pytest.raises(ImportProblem, match=message):
        import_word(data, filename="bad.docx", language="en", article_type=analysis, by=editor)
    assert Article.objects.count() == 0
    assert Source.objects.count() == 0


def test_import_makes_a_draft_with_citations_that_readers_do_not_see(analysis, contributor):
    result = import_word(
        three_footnote_analysis(),
        filename="cables.docx",
        language="en",
        article_type=analysis,
        by=contributor,
    )
    assert result.outcome == "created"
    article = Article.objects.get(pk=result.article_id)
    assert article.status == Status.DRAFT
    assert article.created_by == contributor
    assert article.slug_en == "cables-under-the-caspian"
    assert not LiveVersion.objects.filter(article=article).exists()
    citations = list(article.citations.select_related("source"))
    assert [c.source.title for c in citations] == [
        "Grid links across the Caspian",
        "Hazar’da enerji koridoru",
        "Энергетический мост через Каспий",
    ]
    assert citations[0].source.url == "https://news.example.org/grid"
    assert LogEntry.objects.for_object(article).filter(action="import").exists()


def test_importing_the_same_file_again_updates_its_draft_never_a_second(analysis, editor, person):
    data = three_footnote_analysis()
    first = import_word(data, filename="a.docx", language="en", article_type=analysis, by=editor)
    again = import_word(data, filename="a.docx", language="en", article_type=analysis, by=editor)
    assert (first.outcome, again.outcome) == ("created", "updated")
    assert again.article_id == first.article_id
    assert Article.objects.count() == 1
    assert Citation.objects.count() == 3 and Source.objects.count() == 3

    article = Article.objects.get()
    Authorship.objects.create(article=article, person=person)
    publish(article, by=editor)
    after = import_word(data, filename="a.docx", language="en", article_type=analysis, by=editor)
    assert after.outcome == "skipped"
    assert "no longer a draft" in after.reason


def test_a_second_document_with_the_same_title_gets_its_own_address(analysis, editor):
    one = three_footnote_analysis()
    other = make_docx("Cables under the Caspian", [("", ["Other text."])])
    import_word(one, filename="1.docx", language="en", article_type=analysis, by=editor)
    result = import_word(other, filename="2.docx", language="en", article_type=analysis, by=editor)
    assert Article.objects.get(pk=result.article_id).slug_en == "cables-under-the-caspian-2"


def test_contributor_uploads_a_file_and_reviews_what_was_read(client, analysis, contributor):
    client.force_login(contributor)
    page = client.get(WORD_URL)
    assert page.status_code == 200
    upload = SimpleUploadedFile("cables.docx", three_footnote_analysis())
    response = client.post(
        WORD_URL, {"file": upload, "language": "en", "article_type": analysis.pk}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="parsed-citations"' in text
    assert "Энергетический мост через Каспий" in text
    assert "Hazar’da enerji koridoru" in text
    article = Article.objects.get()
    assert article.created_by == contributor and article.status == Status.DRAFT
    assert reverse("admin:articles_article_change", args=[article.pk]) in text


def test_pasted_text_with_a_reference_list_becomes_a_draft(client, analysis, contributor):
    client.force_login(contributor)
    text = (
        "Caspian cables\n\nMinisters met twice [1].\n\nThe outlook is steady [2].\n\n"
        f"[1] {ENGLISH_NOTE}\n[2] An annual report without a quoted title."
    )
    response = client.post(WORD_URL, {"text": text, "language": "en", "article_type": analysis.pk})
    assert response.status_code == 200
    assert 'id="left-as-text"' in response.content.decode()
    article = Article.objects.get()
    assert article.title_en == "Caspian cables"
    assert '<sup data-citation="1">[1]</sup>' in article.body_en
    assert article.citations.count() == 2


def test_a_bad_upload_shows_the_reason_and_changes_nothing(client, analysis, contributor):
    client.force_login(contributor)
    upload = SimpleUploadedFile("notes.docx", b"not a zip at all")
    response = client.post(
        WORD_URL, {"file": upload, "language": "en", "article_type": analysis.pk}
    )
    assert response.status_code == 400
    assert "This is not a Word document (.docx)." in response.content.decode()
    assert Article.objects.count() == 0


def test_only_people_who_write_articles_may_import(client, translator):
    client.force_login(translator)
    assert client.get(WORD_URL).status_code == 403


def test_command_imports_files_and_reports_bad_ones(tmp_path, analysis, editor, capsys):
    good = tmp_path / "cables.docx"
    good.write_bytes(three_footnote_analysis())
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"garbage")
    with pytest.raises(CommandError, match="1 file could not be imported"):
        call_command(
            "import_docx", str(good), str(bad), user="editor", language="en", type="analysis"
        )
    out = capsys.readouterr().out
    assert "created: cables.docx" in out
    assert "failed: broken.docx (This is not a Word document (.docx).)" in out
    assert "1 created, 0 updated, 0 skipped, 1 failed; citations: 3 parsed, 0 left as text." in out
    call_command("import_docx", str(good), user="editor", language="en", type="analysis")
    assert "0 created, 1 updated" in capsys.readouterr().out
    assert Article.objects.count() == 1


def test_contributor_sees_only_the_imports_of_articles_they_may_open(
    client, analysis, contributor, editor
):
    import_word(three_footnote_analysis(), filename="mine.docx", language="en",
                article_type=analysis, by=contributor)  # fmt: skip
    import_word(make_docx("Someone else’s draft", [("", ["Text."])]), filename="theirs.docx",
                language="en", article_type=analysis, by=editor)  # fmt: skip
    client.force_login(contributor)
    listing = client.get("/admin/importers/importrecord/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Import a Word document" in text
    records = listing.context["cl"].result_list
    assert [record.article.title_en for record in records] == ["Cables under the Caspian"]
