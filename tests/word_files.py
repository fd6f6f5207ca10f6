"""Word documents (.docx) written for the tests: the package parts Word itself writes for a
document with styles, links and real footnotes (``word/footnotes.xml``).

``make_docx(title, blocks)``: each block is ``(style, runs)`` with style "" (a paragraph),
"Heading1", "Heading2" or "ListParagraph"; a run is a string, ``("b", text)``, ``("i", text)``,
``("link", text, url)`` or ``("footnote", text)`` (a footnote reference whose note is ``text``).
"""

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def _text_run(text, properties=""):
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def make_docx(title, blocks, *, document_xml=None):
    links = []
    notes = []
    paragraphs = []
    if title:
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_text_run(title)}</w:p>')
    for style, runs in blocks:
        xml = []
        for run in runs:
            if isinstance(run, str):
                xml.append(_text_run(run))
            elif run[0] == "b":
                xml.append(_text_run(run[1], "<w:rPr><w:b/></w:rPr>"))
            elif run[0] == "i":
                xml.append(_text_run(run[1], "<w:rPr><w:i/></w:rPr>"))
            elif run[0] == "link":
                links.append(run[2])
                xml.append(
                    f'<w:hyperlink r:id="rIdLink{len(links)}">{_text_run(run[1])}</w:hyperlink>'
                )
            elif run[0] == "footnote":
                notes.append(run[1])
                xml.append(
                    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    f'<w:footnoteReference w:id="{len(notes)}"/></w:r>'
                )
        properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        paragraphs.append(f"<w:p>{properties}{''.join(xml)}</w:p>")
    document = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(paragraphs)}'
        "<w:sectPr/></w:body></w:document>"
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        + "".join(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>{_text_run(" " + text)}'
            "</w:p></w:footnote>"
            for number, text in enumerate(notes, start=1)
        )
        + "</w:footnotes>"
    )
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/>'
        + "".join(
            f'<Relationship Id="rIdLink{number}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/hyperlink" Target={quoteattr(url)} '
            'TargetMode="External"/>'
            for number, url in enumerate(links, start=1)
        )
        + "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/_rels/document.xml.rels", document_rels)
        package.writestr("word/footnotes.xml", footnotes)
    return buffer.getvalue()


ENGLISH_NOTE = (
    "“Grid links across the Caspian”, Example Times, https://news.example.org/grid, "
    "(Date of Access: 01.07.2024)."
)
TURKISH_NOTE = (
    "“Hazar’da enerji koridoru”, Örnek Gazete, https://haber.example.com.tr/hazar, "
    "(Erişim Tarihi: 15.03.2024)."
)
RUSSIAN_NOTE = (
    "«Энергетический мост через Каспий», Пример-Медиа, https://media.example.ru/most, "
    "(Дата обращения: 02.02.2024)."
)


def three_footnote_analysis(title="Cables under the Caspian"):
    """An analysis with a heading, emphasis, a link, a list and footnotes in three languages."""
    return make_docx(
        title,
        [
            ("", ["Ministers met in Baku ", ("b", "twice"), " this spring.", ("footnote", ENGLISH_NOTE)]),
            ("Heading1", ["What changed"]),
            ("", ["The ", ("link", "agreement", "https://example.org/agreement"), " was signed.", ("footnote", TURKISH_NOTE)]),
            ("ListParagraph", ["Ports"]),
            ("ListParagraph", ["Cables", ("footnote", RUSSIAN_NOTE)]),
            ("", [("i", "Outlook:"), " steady."]),
        ],
    )  # fmt: skip
