"""A WordPress archive in: posts become draft articles, their WPML/Polylang translations the
language variants of one article, authors people, categories and tags terms, reference lists
citations, old addresses permanent redirects.

Nothing reaches readers: every imported article is a draft until an editor publishes it (what
WordPress said of the post — published, scheduled, private, and when — is kept in its
``ImportRecord`` and the report). Importing again updates what changed and skips the rest; each
article is imported in its own transaction, so a bad post never leaves half an article.
"""

import datetime
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleType, Authorship, Region, Status, Topic
from audit.log import log
from importers.citations import replace_citations
from importers.content import post_body
from importers.media import inline_images, local_file
from importers.models import ImportedRedirect, ImportRecord
from importers.report import ImportReport, ItemResult
from importers.slugs import free_slug
from importers.word import IMPORTED
from importers.wxr import Archive, Author, Item, Term
from library.imports import imported_image
from people.models import Person
from thinktank.languages import language_codes, slugify_title

IGNORED_TYPES = {
    "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset",
    "oembed_cache", "wp_block", "wp_template", "wp_template_part", "wp_global_styles",
    "wp_navigation", "wp_font_family", "wp_font_face", "user_request",
}  # fmt: skip
TERM_KINDS = {"topic": Topic, "region": Region, "type": ArticleType}
DEFAULT_TERM_MAP = {"category": "topic", "post_tag": "topic"}
WORDPRESS_STATES = {
    "publish": gettext_lazy("published"),
    "future": gettext_lazy("scheduled"),
    "draft": gettext_lazy("a draft"),
    "pending": gettext_lazy("pending review"),
    "private": gettext_lazy("private"),
}


@dataclass
class Options:
    article_type: ArticleType
    by: Any = None
    language_map: dict[str, str] = field(default_factory=dict)
    # "category" / "post_tag" (a whole taxonomy) or "category:slug" → topic, region, type, skip
    term_map: dict[str, str] = field(default_factory=dict)
    media_dir: Path | None = None
    progress: Callable[[int, int], None] | None = None


class ItemProblem(Exception):
    """One post cannot be imported; the others go on."""


def site_language(code: str, options: Options, default: str) -> str:
    code = (code or default or "").lower()
    mapped = options.language_map.get(code) or code.split("-")[0].split("_")[0]
    if mapped not in language_codes():
        raise ItemProblem(
            _("language “%(code)s” is not a language of this site (map it with --language-map)")
            % {"code": code or "?"}
        )
    return mapped


# Grouping ----------------------------------------------------------------------------------------


@dataclass
class Group:
    key: str
    posts: dict[str, Item]  # language → post
    original: str

    @property
    def original_post(self) -> Item:
        return self.posts[self.original]

    def label(self) -> str:
        post = self.original_post
        languages = ", ".join(sorted(self.posts, key=lambda code: code != self.original))
        return f"#{post.post_id} “{post.title}” ({languages})"


def group_posts(archive: Archive, options: Options, report: ImportReport) -> list[Group]:
    """The archive's posts grouped into articles; other items reported as skipped."""
    groups: dict[str, dict[str, Item]] = {}
    for item in archive.items:
        if item.post_type in IGNORED_TYPES:
            continue
        label = f"#{item.post_id or '?'} “{item.title}”"
        if item.post_type != "post":
            report.add(
                ItemResult(
                    key=item.post_id,
                    label=label,
                    outcome="skipped",
                    reason=_("post type “%(type)s” is not imported")
                    % {"type": item.post_type or "?"},
                )
            )
            continue
        if not item.post_id.isdigit() or not (item.title or item.content.strip()):
            report.add(
                ItemResult(
                    key=item.post_id,
                    label=label,
                    outcome="failed",
                    reason=_("malformed item: no post id, or neither title nor text"),
                )
            )
            continue
        try:
            lang = site_language(item.language, options, archive.language)
        except ItemProblem as exc:
            report.add(ItemResult(key=item.post_id, label=label, outcome="failed", reason=str(exc)))
            continue
        key = item.translation_group or f"post:{item.post_id}"
        posts = groups.setdefault(key, {})
        if lang in posts:
            report.add(
                ItemResult(
                    key=item.post_id,
                    label=label,
                    outcome="failed",
                    reason=_("a second post in %(lang)s in the same translation group")
                    % {"lang": lang},
                )
            )
            continue
        posts[lang] = item
    result = []
    for key, posts in groups.items():
        marked = [lang for lang, post in posts.items() if post.is_wpml_original]
        if marked:
            original = marked[0]
        else:  # Polylang does not say: the one written first is the original
            epoch = datetime.datetime.max.replace(tzinfo=datetime.UTC)
            original = min(
                posts, key=lambda code: (posts[code].date_gmt or epoch, int(posts[code].post_id))
            )
        result.append(Group(key=key, posts=posts, original=original))
    return result


# People and terms ----------------------------------------------------------------------------


def _record(origin: str, kind: str, key: str) -> ImportRecord | None:
    return ImportRecord.objects.filter(origin=origin, kind=kind, key=key).first()


def person_for(origin: str, author: Author) -> Person:
    record = _record(origin, ImportRecord.Kind.PERSON, author.login)
    if record is not None and record.person is not None:
        return record.person
    given, family = author.first_name, author.last_name
    if not (given or family):
        parts = (author.display_name or author.login).rsplit(" ", 1)
        given, family = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    base = slugify_title(f"{given} {family}") or slugify_title(author.login) or "author"
    slug, number = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    person = Person.objects.create(
        given_name=given[:100],
        family_name=family[:100] or given[:100],
        slug=slug,
        email=author.email,
        biography=author.description,
    )
    ImportRecord.objects.update_or_create(
        origin=origin,
        kind=ImportRecord.Kind.PERSON,
        key=author.login,
        defaults={"person": person},
    )
    return person


def _term_kind(term: Term, options: Options) -> str:
    term_map = {**DEFAULT_TERM_MAP, **options.term_map}
    return term_map.get(f"{term.domain}:{term.slug}") or term_map.get(term.domain, "skip")


def term_for(
    origin: str, term: Term, lang: str, options: Options
) -> tuple[str, models.Model] | None:
    """The topic, region or type ``term`` maps to (named in ``lang`` when new there)."""
    kind = _term_kind(term, options)
    if kind not in TERM_KINDS:
        return None
    model = TERM_KINDS[kind]
    record_kind = {"topic": "topic", "region": "region", "type": "article_type"}[kind]
    key = f"{term.domain}:{term.slug}"
    record = _record(origin, record_kind, key)
    instance = getattr(record, record_kind) if record is not None else None
    if instance is None:
        instance = model()
    if not getattr(instance, f"name_{lang}", ""):
        setattr(instance, f"name_{lang}", term.name[:120])
        setattr(instance, f"slug_{lang}", free_slug(model, term.name, lang, exclude_pk=instance.pk))
        instance.save()
    ImportRecord.objects.update_or_create(
        origin=origin, kind=record_kind, key=key, defaults={record_kind: instance}
    )
    return kind, instance


# Articles ----------------------------------------------------------------------------------------


def fingerprint(group: Group, options: Options) -> str:
    data = {
        lang: [post.title, post.content, post.excerpt, post.slug, post.creator, post.status,
               str(post.date_gmt), [t.__dict__ for t in post.terms], post.meta]
        for lang, post in sorted(group.posts.items())
    }  # fmt: skip
    data["options"] = [options.article_type.pk, sorted(options.term_map.items())]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _slug_for(post: Item, lang: str, article: Article) -> str:
    wanted = slugify_title(unquote(post.slug)) or getattr(article, f"title_{lang}")
    return free_slug(Article, wanted, lang, exclude_pk=article.pk)


def _state_reason(post: Item) -> str:
    state = WORDPRESS_STATES.get(post.status, post.status or "?")
    if post.date_gmt and post.status in ("publish", "future", "private"):
        return _(
            "%(state)s on WordPress on %(date)s; a draft here until an editor publishes it"
        ) % {
            "state": state,
            "date": post.date_gmt.date().isoformat(),
        }
    return _("%(state)s on WordPress; a draft here") % {"state": state}


def _set_hero(article: Article, found: Path, attachment: Item, lang: str, result) -> None:
    """The featured image ``found`` becomes the article's hero through the library's checks
    (re-encoded, EXIF and GPS gone; an identical image reused), with the attachment's
    alternative text in the post's language ``lang``; a file the library refuses is a warning
    and the rest of the post is imported."""
    alt = attachment.meta.get("_wp_attachment_image_alt", "")
    try:
        image = imported_image(found, attachment.title or found.stem, alt, lang)
    except ValidationError as exc:
        result.warnings.append(
            _("The featured image %(name)s was not imported: %(reason)s")
            % {"name": found.name, "reason": " ".join(exc.messages)}
        )
        return
    article.hero = image


def import_group(archive: Archive, group: Group, options: Options) -> ItemResult:
    """Import one article (all its languages) in one transaction; ``ItemProblem`` undoes it."""
    origin = archive.site
    record = _record(origin, ImportRecord.Kind.ARTICLE, group.key)
    article = record.article if record is not None else None
    print_ = fingerprint(group, options)
    result = ItemResult(key=group.key, label=group.label(), outcome="created")
    if article is not None:
        if record.fingerprint == print_:
            result.outcome, result.reason = "skipped", _("unchanged since the last import")
            result.article_id = article.pk
            return result
        if article.status != Status.DRAFT:
            result.outcome = "skipped"
            result.reason = _("no longer a draft here: it is edited in the CMS now")
            result.article_id = article.pk
            return result
        result.outcome = "updated"
    else:
        article = Article(status=Status.DRAFT, created_by=options.by)
    original = group.original_post
    article.original_language = group.original
    article.article_type = options.article_type
    bodies = {}
    for lang, post in group.posts.items():
        content, warnings = inline_images(post.content, options.media_dir)
        result.warnings.extend(warnings)
        body, references = post_body(content, post.meta.get("footnotes", ""))
        bodies[lang] = (body, references)
        title = post.title
        if not title:
            title = " ".join(strip_tags(body).split()[:8]) or post.slug or post.post_id
            result.warnings.append(
                _("the %(lang)s post has no title; “%(title)s” was made from its first words")
                % {"lang": lang, "title": title}
            )
        setattr(article, f"title_{lang}", title[:300])
        setattr(article, f"slug_{lang}", _slug_for(post, lang, article))
        setattr(article, f"summary_{lang}", " ".join(strip_tags(post.excerpt).split()))
        setattr(article, f"body_{lang}", body)
    references = bodies[group.original][1]
    for lang, (_body, other) in bodies.items():
        if lang != group.original and other and len(other) != len(references):
            result.warnings.append(
                _("the %(lang)s text has %(count)d notes, the original %(original)d")
                % {"lang": lang, "count": len(other), "original": len(references)}
            )
    thumbnail = archive.attachments.get(original.meta.get("_thumbnail_id", ""))
    if thumbnail is not None:
        found = local_file(options.media_dir, thumbnail.attachment_url)
        if found is None:
            result.warnings.append(
                _("Featured image not found in the media folder: %(url)s")
                % {"url": thumbnail.attachment_url}
            )
        else:
            _set_hero(article, found, thumbnail, group.original, result)
    terms = [
        mapped
        for lang, post in group.posts.items()
        for term in post.terms
        if term.domain not in ("language", "post_translations", "author")
        and (mapped := term_for(origin, term, lang, options))
    ]
    types = [instance for kind, instance in terms if kind == "type"]
    if types:
        article.article_type = types[0]
    try:
        article.full_clean()
    except ValidationError as exc:
        raise ItemProblem(" ".join(exc.messages)) from exc
    article.save()
    article.topics.set({instance for kind, instance in terms if kind == "topic"})
    article.regions.set({instance for kind, instance in terms if kind == "region"})

    logins = [original.creator] + [
        term.slug.removeprefix("cap-") for term in original.terms_in("author")
    ]
    people = []
    for login in dict.fromkeys(login for login in logins if login):
        author = archive.authors.get(login, Author(login=login, display_name=login))
        person = person_for(origin, author)
        if person not in people:
            people.append(person)
    Authorship.objects.filter(article=article).delete()
    for order, person in enumerate(people):
        Authorship.objects.create(article=article, person=person, sort_order=order)

    result.add_citations(replace_citations(article, references))
    for lang, post in group.posts.items():
        path = urlsplit(post.link).path
        if path and path != "/":
            ImportedRedirect.objects.update_or_create(
                old_path=path, defaults={"article": article, "language": lang}
            )
    ImportRecord.objects.update_or_create(
        origin=origin,
        kind=ImportRecord.Kind.ARTICLE,
        key=group.key,
        defaults={
            "article": article,
            "fingerprint": print_,
            "original_status": original.status,
            "original_published_at": original.date_gmt
            if original.status in ("publish", "future", "private")
            else None,
        },
    )
    result.article_id = article.pk
    result.reason = _state_reason(original)
    result.warnings = list(dict.fromkeys(result.warnings))
    log(
        options.by,
        IMPORTED,
        article,
        language=group.original,
        origin=origin,
        posts={lang: post.post_id for lang, post in group.posts.items()},
        wordpress_status=original.status,
    )
    return result


def import_archive(archive: Archive, options: Options) -> ImportReport:
    """Import every post of ``archive``; one transaction per article."""
    report = ImportReport()
    groups = group_posts(archive, options, report)
    for index, group in enumerate(groups, start=1):
        try:
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(options.by)
                reversion.set_comment(_("Imported from %(site)s.") % {"site": archive.site})
                report.add(import_group(archive, group, options))
        except ItemProblem as exc:
            report.add(
                ItemResult(key=group.key, label=group.label(), outcome="failed", reason=str(exc))
            )
        if options.progress is not None:
            options.progress(index, len(groups))
    return report
