"""Making what readers see: live versions from the working version, and their windows.

``Content`` is everything a reader sees of an article in one language. It is built from the
working version (the article's rows) for the original language and for translations an editor
has approved, or kept from the live version for a translation whose newer text still waits for
approval. ``make_live`` turns contents into ``LiveVersion`` rows that open at a moment (now, or a
scheduled time) and closes the versions they replace; ``close_live`` ends visibility. The
workflow transitions (``articles.editorial.transitions``) and the translation workflow
(``articles.translations.status``) are the only callers.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from html import unescape
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from articles import listings
from articles.models import (
    Article,
    Authorship,
    Correction,
    Highlight,
    LiveAuthorship,
    LiveVersion,
    Region,
    Topic,
    TranslationStatus,
)
from articles.models.translation import public_value
from articles.search import schema as search_index
from articles.signals import live_versions_changed
from citations.models import Citation, Source
from library.embedded import without_alt
from people.models import Person
from thinktank.languages import language_codes, translated_value

TS = TranslationStatus
# A translation in these states is the approved text as it stands in the working version.
APPROVED_AS_WRITTEN = (TS.APPROVED, TS.NEEDS_UPDATE)
TEXT_FIELDS = ("title", "slug", "summary", "body")


@dataclass
class Shared:
    """What every language of an article shares: type, people, terms, hero, notes' sources."""

    article_type_id: int
    is_featured: bool
    hero_id: int | None
    authors: list  # [(person id, role, order)]
    topic_ids: list
    region_ids: list
    highlight_ids: list
    citations: list  # [{"number", "source", "accessed_on", "locator"}]


@dataclass
class Content:
    """Everything a reader sees of an article in one language."""

    language: str
    shared: Shared
    title: str = ""
    slug: str = ""
    summary: str = ""
    body: str = ""
    highlights: list = field(default_factory=list)  # [{"id", "text"}]
    citations: list = field(default_factory=list)  # shared citations with each "note"

    def fingerprint(self) -> str:
        """A digest of the content: equal digests, nothing a reader would see differs."""
        data = asdict(self)
        if data["shared"]["hero_id"] is None:
            # as before hero images existed: versions published then keep their digest
            del data["shared"]["hero_id"]
        # Articles had an image of their own, with a caption and alt text, until the library
        # became the only way in (``library.article_images``): versions published without one
        # keep their digest.
        data["shared"]["image"] = ""
        data.update(image_caption="", image_alt="")
        return hashlib.sha256(
            json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
        ).hexdigest()


# Reading the working version ---------------------------------------------------------------------


def working_article(pk: int) -> Article:
    """The article with everything ``Content`` needs, in a fixed number of queries."""
    return (
        Article.objects.select_related("article_type")
        .prefetch_related(
            Prefetch("authorships", queryset=Authorship.objects.order_by("sort_order", "id")),
            Prefetch("highlights", queryset=Highlight.objects.order_by("sort_order", "id")),
            Prefetch("citations", queryset=Citation.objects.order_by("number")),
            "topics",
            "regions",
            "translations",
        )
        .get(pk=pk)
    )


def shared_from_working(article: Article) -> Shared:
    return Shared(
        article_type_id=article.article_type_id,
        is_featured=article.is_featured,
        hero_id=article.hero_id,
        authors=[(a.person_id, a.role, a.sort_order) for a in article.authorships.all()],
        topic_ids=sorted(topic.pk for topic in article.topics.all()),
        region_ids=sorted(region.pk for region in article.regions.all()),
        highlight_ids=[highlight.pk for highlight in article.highlights.all()],
        citations=[
            {
                "number": citation.number,
                "source": citation.source_id,
                "accessed_on": citation.accessed_on.isoformat() if citation.accessed_on else None,
                "locator": citation.locator,
            }
            for citation in article.citations.all()
        ],
    )


def shared_from_version(version: LiveVersion) -> Shared:
    return Shared(
        article_type_id=version.article_type_id,
        is_featured=version.is_featured,
        hero_id=version.hero_id,
        authors=[(a.person_id, a.role, a.sort_order) for a in version.author_list],
        topic_ids=sorted(topic.pk for topic in version.topic_list),
        region_ids=sorted(region.pk for region in version.region_list),
        highlight_ids=[item["id"] for item in version.highlights],
        citations=[
            {key: item[key] for key in ("number", "source", "accessed_on", "locator")}
            for item in version.citations
        ],
    )


def content_from_working(article: Article, lang: str, shared: Shared) -> Content:
    """The working version's text of ``lang`` over ``shared``."""
    highlights = {h.pk: translated_value(h, "text", lang) for h in article.highlights.all()}
    notes = {c.number: translated_value(c, "note", lang) for c in article.citations.all()}
    return Content(
        language=lang,
        shared=shared,
        **{name: translated_value(article, name, lang) for name in TEXT_FIELDS},
        highlights=[
            {"id": pk, "text": highlights[pk]} for pk in shared.highlight_ids if highlights.get(pk)
        ],
        citations=[{**item, "note": notes.get(item["number"], "")} for item in shared.citations],
    )


def content_from_version(version: LiveVersion, shared: Shared) -> Content:
    """A live version's text over ``shared`` (new people, terms or notes of another version)."""
    highlights = {item["id"]: item["text"] for item in version.highlights}
    notes = {item["number"]: item.get("note", "") for item in version.citations}
    return Content(
        language=version.language,
        shared=shared,
        **{name: getattr(version, name) for name in TEXT_FIELDS},
        highlights=[
            {"id": pk, "text": highlights[pk]} for pk in shared.highlight_ids if pk in highlights
        ],
        citations=[{**item, "note": notes.get(item["number"], "")} for item in shared.citations],
    )


# What is live --------------------------------------------------------------------------------


def open_versions(article: Article) -> list[LiveVersion]:
    """The versions visible now or later, with their people and terms, oldest window first."""
    return list(
        LiveVersion.objects.filter(article=article)
        .not_ended()
        .prefetch_related("authorships", "topics", "regions")
        .order_by("visible_from", "pk")
    )


def current_versions(article: Article, *, at=None) -> dict[str, LiveVersion]:
    """``{lang: version}`` of what readers see now."""
    moment = at or timezone.now()
    return {
        version.language: version
        for version in open_versions(article)
        if version.visible_from <= moment
    }


def publishable_languages(article: Article) -> list[str]:
    """The languages publishing the article makes live: its original one and the translations
    an editor has approved."""
    approved = {t.language for t in article.translations.all() if t.approved_at is not None}
    return [
        code
        for code in language_codes()
        if (code == article.original_language or code in approved)
        and translated_value(article, "title", code)
        and translated_value(article, "slug", code)
        and translated_value(article, "body", code)
        # a language goes live only with the hero image's alternative text in it
        and (article.hero is None or translated_value(article.hero, "alt", code))
        # … and with the alternative text of the library images in its body
        and not without_alt(translated_value(article, "body", code), code)
    ]


def contents_to_publish(article: Article, current: dict[str, LiveVersion]) -> list[Content]:
    """What "Publish" (or "Publish changes") would make live: the working version in every
    publishable language, except a translation whose newer text waits for approval, which keeps
    its live text over the new shared parts."""
    shared = shared_from_working(article)
    states = {t.language: t.status for t in article.translations.all()}
    contents = []
    for code in publishable_languages(article):
        written = code == article.original_language or states.get(code) in APPROVED_AS_WRITTEN
        if written:
            contents.append(content_from_working(article, code, shared))
        elif code in current:
            contents.append(content_from_version(current[code], shared))
    return contents


def pending_changes(article: Article) -> bool:
    """Whether publishing now would change what readers see (for a live article)."""
    article = working_article(article.pk)
    current = current_versions(article)
    if not current:
        return False
    proposed = {content.language: content for content in contents_to_publish(article, current)}
    if set(proposed) != set(current):
        return True
    return any(proposed[code].fingerprint() != current[code].fingerprint for code in proposed)


def refresh_pending_changes(article: Article) -> bool:
    """Record whether the working version differs from what readers see (after a save)."""
    pending = pending_changes(article)
    Article.objects.filter(pk=article.pk).update(has_unpublished_changes=pending)
    article.has_unpublished_changes = pending
    return pending


# Making and ending versions ------------------------------------------------------------------


def _positions(person_ids, lang):
    people = Person.objects.filter(pk__in=person_ids).prefetch_related("translations")
    return {person.pk: public_value(person, "position", lang) for person in people}


def _create(article, content, *, visible_from, publish_at, modified_at, by):
    shared = content.shared
    version = LiveVersion.objects.create(
        article=article,
        language=content.language,
        visible_from=visible_from,
        publish_at=publish_at,
        modified_at=modified_at,
        created_by=by if by is not None and by.pk else None,
        article_type_id=shared.article_type_id,
        is_featured=shared.is_featured,
        hero_id=shared.hero_id,
        **{name: getattr(content, name) for name in TEXT_FIELDS},
        highlights=content.highlights,
        citations=content.citations,
        fingerprint=content.fingerprint(),
    )
    positions = _positions([person for person, _role, _order in shared.authors], content.language)
    LiveAuthorship.objects.bulk_create(
        LiveAuthorship(
            version=version,
            person_id=person,
            role=role,
            sort_order=order,
            position=positions.get(person, ""),
        )
        for person, role, order in shared.authors
    )
    version.topics.set(shared.topic_ids)
    version.regions.set(shared.region_ids)
    return version


def _versions_changed(article_id: int) -> None:
    """Inside the transaction that changed an article's live versions: its search entries and
    term listings follow, then the change is announced (pages, caches, similar articles)."""
    search_index.refresh([article_id])
    listings.refresh([article_id])
    live_versions_changed.send(sender=LiveVersion, article_id=article_id)


def make_live(
    article: Article,
    contents: list[Content],
    *,
    at: datetime,
    by: Any,
    publish_at: datetime,
    modified_at: datetime | None = None,
    keep_modified: bool = False,
) -> list[LiveVersion]:
    """Open a version of each content at ``at``, closing (or, if later, replacing) the versions
    of those languages it follows. ``keep_modified`` carries the "updated" date over (a minor
    change tells readers nothing)."""
    with transaction.atomic():
        versions = []
        for content in contents:
            previous = list(
                LiveVersion.objects.select_for_update()
                .filter(article=article, language=content.language)
                .not_ended()
            )
            for old in previous:
                if old.visible_from >= at:
                    old.delete()  # a scheduled version this one replaces
                else:
                    old.visible_until = at
                    old.save(update_fields=["visible_until"])
            shown = [old for old in previous if old.visible_from < at]
            modified = modified_at
            if keep_modified and shown:
                modified = shown[-1].modified_at
            versions.append(
                _create(
                    article,
                    content,
                    visible_from=at,
                    publish_at=publish_at,
                    modified_at=modified,
                    by=by,
                )
            )
        _versions_changed(article.pk)
    return versions


def close_live(article: Article, *, languages: list[str] | None = None, at=None) -> int:
    """End what readers see of ``article`` (in ``languages``, or all) at ``at`` (now):
    current versions close, scheduled ones and their corrections are dropped."""
    moment = at or timezone.now()
    with transaction.atomic():
        versions = LiveVersion.objects.filter(article=article).not_ended()
        if languages is not None:
            versions = versions.filter(language__in=languages)
        else:
            Correction.objects.filter(article=article, visible_from__gt=moment).delete()
        versions.filter(visible_from__gt=moment).delete()
        closed = versions.filter(visible_from__lte=moment).update(visible_until=moment)
        _versions_changed(article.pk)
    return closed


def drop_scheduled(article: Article) -> None:
    """Drop scheduled (not yet visible) versions and their corrections, reopening the versions
    they would have closed."""
    now = timezone.now()
    with transaction.atomic():
        future = LiveVersion.objects.filter(article=article, visible_from__gt=now)
        moments = set(future.values_list("visible_from", flat=True))
        future.delete()
        Correction.objects.filter(article=article, visible_from__gt=now).delete()
        if moments:
            LiveVersion.objects.filter(
                article=article, visible_until__in=moments, visible_from__lte=now
            ).update(visible_until=None)
            _versions_changed(article.pk)


def versions_for_translation(article: Article, lang: str, *, by: Any) -> list[LiveVersion]:
    """After ``lang`` was approved for a live (or scheduled) article: its versions take the
    approved text, over the people, terms and notes already live (not the working version's
    unpublished ones)."""
    article = working_article(article.pk)
    versions = open_versions(article)
    if not versions:
        return []
    now = timezone.now()
    made = []
    by_start = {}
    for version in versions:
        by_start.setdefault(version.visible_from, {})[version.language] = version
    for start, languages in sorted(by_start.items()):
        base = languages.get(article.original_language) or next(iter(languages.values()))
        shared = shared_from_version(base)
        content = content_from_working(article, lang, shared)
        moment = max(start, now)
        existing = languages.get(lang)
        made += make_live(
            article,
            [content],
            at=moment,
            by=by,
            publish_at=base.publish_at,
            modified_at=existing.modified_at if existing else base.modified_at,
        )
    return made


@dataclass
class Restored:
    """What "Discard changes" put back, for the audit line."""

    languages: list


def discard_working_changes(article: Article) -> Restored:
    """Make the working version what readers see now: the original language, the shared parts
    and the translations an editor had approved; a translator's text waiting for approval stays
    as it is."""
    article = working_article(article.pk)
    current = current_versions(article)
    base = current[article.original_language]
    shared = shared_from_version(base)
    states = {t.language: t.status for t in article.translations.all()}
    restored = [
        code
        for code in current
        if code == article.original_language or states.get(code) in APPROVED_AS_WRITTEN
    ]
    with transaction.atomic():
        for code in restored:
            for name in TEXT_FIELDS:
                setattr(article, f"{name}_{code}", getattr(current[code], name))
        article.article_type_id = shared.article_type_id
        article.is_featured = shared.is_featured
        article.hero_id = shared.hero_id
        article.save()
        article.authorships.all().delete()
        Authorship.objects.bulk_create(
            Authorship(article=article, person_id=person, role=role, sort_order=order)
            for person, role, order in shared.authors
        )
        article.topics.set(shared.topic_ids)
        article.regions.set(shared.region_ids)
        _restore_highlights(article, shared, {code: current[code] for code in restored})
        _restore_citations(article, shared, {code: current[code] for code in restored})
    return Restored(restored)


def _restore_highlights(article, shared, versions):
    kept = {h.pk: h for h in article.highlights.all()}
    texts = {
        code: {item["id"]: item["text"] for item in v.highlights} for code, v in versions.items()
    }
    Highlight.objects.filter(article=article).exclude(pk__in=shared.highlight_ids).delete()
    for order, pk in enumerate(shared.highlight_ids):
        highlight = kept.get(pk) or Highlight(pk=pk, article=article)
        highlight.sort_order = order
        for code, by_id in texts.items():
            setattr(highlight, f"text_{code}", by_id.get(pk, ""))
        highlight.save()


def _restore_citations(article, shared, versions):
    notes = {
        code: {item["number"]: item.get("note", "") for item in v.citations}
        for code, v in versions.items()
    }
    kept = {c.number: c for c in article.citations.all()}
    Citation.objects.filter(article=article).exclude(
        number__in=[item["number"] for item in shared.citations]
    ).delete()
    for item in shared.citations:
        citation = kept.get(item["number"]) or Citation(article=article, number=item["number"])
        citation.source_id = item["source"]
        citation.accessed_on = (
            date.fromisoformat(item["accessed_on"]) if item["accessed_on"] else None
        )
        citation.locator = item["locator"]
        for code, by_number in notes.items():
            setattr(citation, f"note_{code}", by_number.get(item["number"], ""))
        citation.save()


def add_correction(
    article: Article, *, kind: str, notes: dict[str, str], at: datetime, by: Any
) -> Correction:
    """The public note of an update or a correction, in each live language."""
    return Correction.objects.create(
        article=article,
        kind=kind,
        visible_from=at,
        created_by=by if by is not None and by.pk else None,
        **{f"note_{code}": text for code, text in notes.items()},
    )


def preview_version(article: Article, lang: str) -> LiveVersion:
    """An unsaved version of the working version in ``lang``, for an editor's preview: what
    readers would see if it were published now (a translator's text included, approved or not)."""
    article = working_article(article.pk)
    content = content_from_working(article, lang, shared_from_working(article))
    shared = content.shared
    version = LiveVersion(
        article=article,
        language=lang,
        visible_from=timezone.now(),
        publish_at=article.publish_at or timezone.now(),
        article_type=article.article_type,
        is_featured=shared.is_featured,
        hero_id=shared.hero_id,
        **{name: getattr(content, name) for name in TEXT_FIELDS},
        highlights=content.highlights,
        citations=content.citations,
    )
    people = Person.objects.prefetch_related("translations").in_bulk(
        [person for person, _role, _order in shared.authors]
    )
    version._author_list = [
        LiveAuthorship(
            person=people[person],
            role=role,
            sort_order=order,
            position=public_value(people[person], "position", lang),
        )
        for person, role, order in shared.authors
    ]
    version._topic_list = list(article.topics.prefetch_related("translations"))
    version._region_list = list(article.regions.prefetch_related("translations"))
    return version


@dataclass
class Difference:
    """One thing readers would see change if the working version were published now."""

    language: str
    label: str
    live: str
    working: str


def differences(article: Article) -> list[Difference]:
    """Where the working version of a live article differs from what readers see, per live
    language, as labelled readable text (for the change form)."""
    article = working_article(article.pk)
    current = current_versions(article)
    if not current:
        return []
    proposed = {content.language: content for content in contents_to_publish(article, current)}
    found = []
    for code, version in current.items():
        before = _described(content_from_version(version, shared_from_version(version)))
        after = _described(proposed[code]) if code in proposed else {}
        for label in before:
            if before[label] != after.get(label, ""):
                found.append(Difference(code, label, before[label], after.get(label, "")))
    return found


def _described(content: Content) -> dict[str, str]:
    """A content as labelled, readable text (rich text as plain paragraphs)."""
    shared, lang = content.shared, content.language
    people = Person.objects.in_bulk([person for person, _role, _order in shared.authors])
    topics = Topic.objects.prefetch_related("translations").in_bulk(shared.topic_ids)
    regions = Region.objects.prefetch_related("translations").in_bulk(shared.region_ids)
    sources = Source.objects.in_bulk([item["source"] for item in content.citations])
    return {
        str(_("Title")): content.title,
        str(_("Slug")): content.slug,
        str(_("Summary")): content.summary,
        str(_("Body")): plain_text(content.body),
        str(_("Highlights")): "\n".join(item["text"] for item in content.highlights),
        str(_("Authors")): ", ".join(
            str(people[person]) for person, _role, _order in shared.authors if person in people
        ),
        str(_("Citations")): "\n".join(
            " ".join(
                str(part)
                for part in (
                    f"[{item['number']}]",
                    sources.get(item["source"], ""),
                    item["accessed_on"] or "",
                    item["locator"],
                    item.get("note", ""),
                )
                if part
            )
            for item in content.citations
        ),
        str(_("Topics")): ", ".join(public_value(t, "name", lang) for t in topics.values()),
        str(_("Regions")): ", ".join(public_value(r, "name", lang) for r in regions.values()),
        str(_("Hero image")): str(shared.hero_id or ""),
        str(_("Featured")): str(_("yes") if shared.is_featured else _("no")),
    }


def plain_text(html: str) -> str:
    """Rich text as readable paragraphs: tags dropped, one line per block, entities decoded."""
    text = re.sub(r"</(p|h[1-6]|li|blockquote|tr|figcaption)>|<br\s*/?>", "\n", html or "")
    return "\n".join(
        " ".join(unescape(strip_tags(line)).split()) for line in text.splitlines() if line.strip()
    )
