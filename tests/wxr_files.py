"""WordPress exports (WXR) written for the tests: WPML and Polylang translation groups, reference
lists in three languages, images, and the faults exports have."""

from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Example Institute</title>
<link>https://institute.example.org</link>
<language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://institute.example.org</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[ayla]]></wp:author_login><wp:author_email>ayla@example.org</wp:author_email>
<wp:author_display_name><![CDATA[Ayla Demir]]></wp:author_display_name><wp:author_first_name><![CDATA[Ayla]]></wp:author_first_name>
<wp:author_last_name><![CDATA[Demir]]></wp:author_last_name></wp:author>
<wp:author><wp:author_login><![CDATA[ivan]]></wp:author_login><wp:author_display_name><![CDATA[Ivan Petrov]]></wp:author_display_name></wp:author>
"""
FOOTER = "</channel></rss>"


def item(
    post_id,
    title,
    content,
    *,
    post_type="post",
    slug="",
    status="publish",
    date="2024-07-01 09:00:00",
    creator="ayla",
    link="",
    categories=(),
    meta=(),
    excerpt="",
    attachment_url="",
):
    terms = "".join(
        f'<category domain="{domain}" nicename="{nicename}"><![CDATA[{name}]]></category>'
        for domain, nicename, name in categories
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value><![CDATA[{value}]]>"
        "</wp:meta_value></wp:postmeta>"
        for key, value in meta
    )
    post_id_xml = f"<wp:post_id>{post_id}</wp:post_id>" if post_id is not None else ""
    return f"""<item><title>{escape(title)}</title><link>{escape(link)}</link>
<dc:creator><![CDATA[{creator}]]></dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
{post_id_xml}<wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status><wp:post_type>{post_type}</wp:post_type>
<wp:attachment_url>{attachment_url}</wp:attachment_url>
{terms}{metas}</item>
"""


EN_BODY = """<!-- wp:paragraph --><p>Ministers met in Baku twice [1] and agreed on a cable [2].</p><!-- /wp:paragraph -->
<h3>References</h3>
<p>[1] “Grid links across the Caspian”, Example Times, https://news.example.org/grid, (Date of Access: 01.07.2024).<br>
[2] “Cables and ports”, Policy Review, https://review.example.org/cables, (Date of Access: 02.07.2024).</p>"""
TR_BODY = """<p>Bakanlar Bakü’de iki kez görüştü [1] ve bir kablo üzerinde anlaştı [2].</p>
<h3>Kaynakça</h3>
<p>[1] “Grid links across the Caspian”, Example Times, https://news.example.org/grid, (Erişim Tarihi: 01.07.2024).<br>
[2] “Cables and ports”, Policy Review, https://review.example.org/cables, (Erişim Tarihi: 02.07.2024).</p>"""
EN_POLYLANG = """Classic editor text about ports [1].

Second paragraph.

[1] “Ports of the Black Sea”, Harbour Weekly, https://harbour.example.com/ports, (Date of Access: 05.05.2024)."""
RU_POLYLANG = """Текст о портах [1].

[1] «Порты Чёрного моря», Портовый вестник, https://port.example.ru/porty, (Дата обращения: 06.05.2024)."""


def institute_export(*, en_title="Cables under the Caspian", extra=""):
    """Two articles grouped by WPML and Polylang, one with images, a page, a malformed item."""
    wpml = [("_wpml_import_translation_group", "77")]
    energy = ("category", "energy", "Energy")
    caucasus = ("post_tag", "caucasus", "Caucasus")
    items = [
        item(
            10, en_title, EN_BODY, slug="cables-under-the-caspian",
            link="https://institute.example.org/2024/07/01/cables-under-the-caspian/",
            categories=[energy, caucasus], excerpt="Two meetings, one cable.",
            meta=[*wpml, ("_wpml_import_language_code", "en"), ("_wpml_import_source_language_code", "")],
        ),
        item(
            11, "Hazar’ın altındaki kablolar", TR_BODY, slug="hazarin-altindaki-kablolar",
            link="https://institute.example.org/tr/2024/07/02/hazarin-altindaki-kablolar/",
            date="2024-07-02 09:00:00", categories=[("category", "enerji", "Enerji")],
            meta=[*wpml, ("_wpml_import_language_code", "tr"), ("_wpml_import_source_language_code", "en")],
        ),
        item(
            21, "Порты Чёрного моря", RU_POLYLANG, creator="ivan", slug="porty",
            link="https://institute.example.org/ru/porty/", date="2024-05-07 10:00:00",
            categories=[("language", "ru", "Русский"), ("post_translations", "pll_5f1", "pll_5f1")],
        ),
        item(
            20, "Ports of the Black Sea", EN_POLYLANG, creator="ivan", slug="ports",
            link="https://institute.example.org/ports/", date="2024-05-06 10:00:00",
            categories=[("language", "en", "English"), ("post_translations", "pll_5f1", "pll_5f1")],
        ),
        item(
            30, "Maps of the corridor",
            '<p>See the map: <img src="https://institute.example.org/wp-content/uploads/2024/07/map.png" alt="Map"></p>',
            status="draft", date="0000-00-00 00:00:00", meta=[("_thumbnail_id", "31")],
        ),
        item(
            31, "missing-photo", "", post_type="attachment",
            attachment_url="https://institute.example.org/wp-content/uploads/2024/07/missing.jpg",
        ),
        item(40, "About us", "<p>A page.</p>", post_type="page"),
        item(None, "Broken item", "<p>No id.</p>"),
    ]  # fmt: skip
    return (HEADER + "".join(items) + extra + FOOTER).encode()
