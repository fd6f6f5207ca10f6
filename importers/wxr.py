"""A WordPress export (WXR) read into plain data: the site, its authors and attachments, and its
posts with their terms, metadata, language and translation group (pure; no database).

Parsed with ``defusedxml``: a DTD with entities (the "billion laughs"), external entities and
external DTDs are refused, so an export cannot make the importer expand or fetch anything.
Languages and translation groups come from the multilingual plugins' data in the export:

- WPML (its Export and Import add-on, or WPML's own meta): ``_wpml_import_translation_group`` /
  ``_icl_trid``, ``_wpml_import_language_code`` / ``_icl_lang`` and
  ``_wpml_import_source_language_code`` (empty on the original);
- Polylang: the terms ``<category domain="language">`` and ``<category
  domain="post_translations">`` of each post.
"""

import datetime
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from importers.problems import ImportProblem

WPML_GROUP_KEYS = ("_wpml_import_translation_group", "_icl_trid", "icl_trid", "trid")
WPML_LANGUAGE_KEYS = ("_wpml_import_language_code", "_icl_lang", "icl_lang", "language_code")
WPML_SOURCE_KEYS = ("_wpml_import_source_language_code", "_icl_source_language_code")


@dataclass(frozen=True)
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    description: str = ""


@dataclass(frozen=True)
class Term:
    domain: str  # category, post_tag, language, post_translations, author …
    slug: str
    name: str


@dataclass
class Item:
    """One ``<item>``: a post, a page, an attachment …"""

    post_id: str
    post_type: str
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    status: str = ""
    date_gmt: datetime.datetime | None = None
    attachment_url: str = ""
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def first_meta(self, keys: tuple[str, ...]) -> str:
        for key in keys:
            if self.meta.get(key, "").strip():
                return self.meta[key].strip()
        return ""

    def terms_in(self, domain: str) -> list[Term]:
        return [term for term in self.terms if term.domain == domain]

    @property
    def language(self) -> str:
        """The post's language code as the plugin wrote it (``en``, ``tr``, ``pt-br``), or ""."""
        polylang = self.terms_in("language")
        return (
            self.first_meta(WPML_LANGUAGE_KEYS) or (polylang[0].slug if polylang else "")
        ).lower()

    @property
    def translation_group(self) -> str:
        """A key shared by the translations of one text ("wpml:12", "polylang:pll_…"), or ""."""
        if trid := self.first_meta(WPML_GROUP_KEYS):
            return f"wpml:{trid}"
        polylang = self.terms_in("post_translations")
        return f"polylang:{polylang[0].slug}" if polylang else ""

    @property
    def is_wpml_original(self) -> bool | None:
        """WPML says which post is the original (no source language); None when it does not."""
        if not self.first_meta(WPML_GROUP_KEYS):
            return None
        return not self.first_meta(WPML_SOURCE_KEYS)


@dataclass
class Archive:
    site: str
    language: str
    authors: dict[str, Author]
    items: list[Item]

    @property
    def attachments(self) -> dict[str, Item]:
        return {item.post_id: item for item in self.items if item.post_type == "attachment"}


def _local(tag: str) -> str:
    """``{https://wordpress.org/export/1.2/}post_id`` → ``post_id`` (exports use http and
    https namespaces and versions 1.0 to 1.2)."""
    return tag.rsplit("}", 1)[-1]


def _prefix(tag: str) -> str:
    namespace = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
    if namespace.rstrip("/").endswith("/excerpt"):
        return "excerpt"
    if "wordpress.org/export" in namespace:
        return "wp"
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content"
    if "purl.org/dc/elements" in namespace:
        return "dc"
    return ""


def _key(element: Element) -> str:
    prefix = _prefix(element.tag)
    return f"{prefix}:{_local(element.tag)}" if prefix else _local(element.tag)


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _children(element: Element) -> dict[str, Element]:
    found: dict[str, Element] = {}
    for child in element:
        found.setdefault(_key(child), child)
    return found


def _date(text: str) -> datetime.datetime | None:
    try:
        value = datetime.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    if value.year < 1900:  # "0000-00-00 00:00:00": drafts never published
        return None
    return value.replace(tzinfo=datetime.UTC)


def _author(element: Element) -> Author:
    fields = {_local(child.tag): (child.text or "").strip() for child in element}
    return Author(
        login=fields.get("author_login", ""),
        email=fields.get("author_email", ""),
        display_name=fields.get("author_display_name", ""),
        first_name=fields.get("author_first_name", ""),
        last_name=fields.get("author_last_name", ""),
        description=fields.get("author_description", ""),
    )


def _item(element: Element) -> Item:
    fields = _children(element)
    item = Item(
        post_id=_text(fields.get("wp:post_id")),
        post_type=_text(fields.get("wp:post_type")),
        title=_text(fields.get("title")),
        link=_text(fields.get("link")),
        creator=_text(fields.get("dc:creator")),
        content=(fields["content:encoded"].text or "") if "content:encoded" in fields else "",
        slug=_text(fields.get("wp:post_name")),
        status=_text(fields.get("wp:status")),
        date_gmt=_date(_text(fields.get("wp:post_date_gmt")))
        or _date(_text(fields.get("wp:post_date"))),
        attachment_url=_text(fields.get("wp:attachment_url")),
    )
    for child in element:
        key = _key(child)
        if key == "excerpt:encoded":
            item.excerpt = (child.text or "").strip()
        elif key == "category":
            item.terms.append(
                Term(
                    domain=child.get("domain", "category"),
                    slug=child.get("nicename", ""),
                    name=(child.text or "").strip(),
                )
            )
        elif key == "wp:postmeta":
            meta = {_local(part.tag): (part.text or "") for part in child}
            if meta.get("meta_key"):
                item.meta[meta["meta_key"]] = meta.get("meta_value", "")
    return item


def parse_wxr(data: bytes) -> Archive:
    """Read an export; ``ImportProblem`` naming the fault for malformed or dangerous XML."""
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise ImportProblem(
            _("The export declares entities or external references, which are refused: %(error)s")
            % {"error": exc}
        ) from exc
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ImportProblem(
            _("The export is not well-formed XML (line %(line)d, column %(column)d).")
            % {"line": line, "column": column}
        ) from exc
    channel = root.find("channel")
    if _local(root.tag) != "rss" or channel is None:
        raise ImportProblem(_("This is not a WordPress export (WXR) file."))
    fields = _children(channel)
    site = _text(fields.get("wp:base_blog_url")) or _text(fields.get("link"))
    authors = {}
    items = []
    for child in channel:
        key = _key(child)
        if key == "wp:author":
            author = _author(child)
            if author.login:
                authors[author.login] = author
        elif key == "item":
            items.append(_item(child))
    return Archive(
        site=site.rstrip("/"),
        language=_text(fields.get("language")).lower(),
        authors=authors,
        items=items,
    )
