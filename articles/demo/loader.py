"""Load the demo content of ``articles.demo.content`` into the database, idempotently.

Rows are recognised by stable keys and updated in place: taxonomy terms and articles by their
English slug, people by slug, sources by URL or DOI (``Source.objects.matching``), the admin by
username, and an article's authorships, highlights and citations by person, position and number.
Running the loader again therefore leaves every table with the same number of rows.
"""

import io
import re
from dataclasses import dataclass
from datetime import UTC, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from articles.demo.content import ARTICLE_TYPES, ARTICLES, PEOPLE, REGIONS, SOURCES, TOPICS
from articles.editorial.transitions import publish
from articles.models import (
    MAX_HIGHLIGHTS,
    Article,
    ArticleType,
    Authorship,
    Highlight,
    Region,
    Status,
    Topic,
)
from articles.translations.status import approve, missing_for, translations_of
from citations.models import Citation, Source
from library.demo import demo_hero, demo_portrait, demo_report
from people.models import Person
from thinktank.languages import language_codes, slugify_title

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@meridian.example.org"
DEFAULT_ADMIN_PASSWORD = "thinktank-demo"  # noqa: S105 (a documented local demo default)
SCHEDULE_AHEAD = timedelta(days=10)
MIN_CITATIONS, MAX_CITATIONS = 3, 10
MIN_HIGHLIGHTS = 3
PORTRAIT_SIZE = 400

MARKER = re.compile(r"\[\^(\d+)\]")
SOURCE_FIELDS = (
    "kind",
    "title",
    "authors",
    "outlet",
    "place",
    "volume",
    "issue",
    "pages",
    "url",
    "doi",
)


class DemoError(Exception):
    """The demo content cannot be loaded as written (an inconsistency in the content itself)."""


@dataclass(frozen=True)
class DemoResult:
    articles: int
    people: int
    sources: int
    citations: int
    admin_username: str


def load_demo(*, admin_password=DEFAULT_ADMIN_PASSWORD, now=None):
    """Create or update all demo rows in one transaction and return what the demo consists of.

    If anything fails the transaction rolls back and portraits written during this run are
    deleted again, so a failed run leaves neither rows nor files behind.
    """
    if not admin_password:
        raise DemoError("The admin password is empty; set DEMO_ADMIN_PASSWORD or leave it unset.")
    now = now or timezone.now()
    new_files = []
    try:
        with transaction.atomic():
            admin = _admin_user(admin_password)
            types = {
                item["slug"]: _taxonomy_term(ArticleType, item, i)
                for i, item in enumerate(ARTICLE_TYPES)
            }
            topics = {item["slug"]: _taxonomy_term(Topic, item, i) for i, item in enumerate(TOPICS)}
            regions = {
                item["slug"]: _taxonomy_term(Region, item, i) for i, item in enumerate(REGIONS)
            }
            people = {item["slug"]: _person(item, new_files) for item in PEOPLE}
            for obj in [*types.values(), *topics.values(), *regions.values(), *people.values()]:
                _approve_translations(obj, admin)
            sources = {key: _source(item) for key, item in SOURCES.items()}
            citations = 0
            for item in ARTICLES:
                article = _article(item, admin, types, topics, regions, people, sources, new_files)
                _set_state(article, item, admin, now)
                if item["type"] == "report":
                    lang = item["original_language"]
                    demo_report(article, lang, item["title"][lang], new_files)
                citations += len(item["citations"])
    except BaseException:
        for storage, name in new_files:
            storage.delete(name)
        raise
    return DemoResult(
        articles=len(ARTICLES),
        people=len(people),
        sources=len(sources),
        citations=citations,
        admin_username=admin.get_username(),
    )


# --- Helpers -------------------------------------------------------------------------------------


def _admin_user(password):
    user_model = get_user_model()
    user = user_model.objects.filter(**{user_model.USERNAME_FIELD: ADMIN_USERNAME}).first()
    if user is None:
        user = user_model(**{user_model.USERNAME_FIELD: ADMIN_USERNAME}, email=ADMIN_EMAIL)
    user.is_active = user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return user


def _set_translations(instance, field, values):
    """Set ``field`` in every site language; a language missing from ``values`` becomes empty."""
    for code in language_codes():
        setattr(instance, f"{field}_{code}", (values or {}).get(code, ""))


def _taxonomy_term(model, item, position):
    term = model.objects.filter(slug_en=item["slug"]).first() or model()
    _set_translations(term, "name", item["name"])
    slugs = {code: slugify_title(name) for code, name in item["name"].items()}
    _set_translations(term, "slug", {**slugs, "en": item["slug"]})
    term.sort_order = position
    if "schema_type" in item:
        term.schema_type = item["schema_type"]
    term.full_clean()
    term.save()
    return term


def _person(item, new_files):
    person = Person.objects.filter(slug=item["slug"]).first() or Person(slug=item["slug"])
    for field in ("honorific", "given_name", "family_name", "email", "orcid"):
        setattr(person, field, item[field])
    for field in ("position", "biography", "expertise"):
        _set_translations(person, field, item[field])
    person.is_active = True
    person.full_clean()
    initials = f"{item['given_name'][0]}{item['family_name'][0]}".upper()
    person.portrait = demo_portrait(person.slug, portrait_png(initials, item["colour"]), new_files)
    person.save()
    return person


def portrait_png(initials, background, size=PORTRAIT_SIZE):
    """A square PNG portrait placeholder: the initials in white, centred on a coloured ground."""
    image = Image.new("RGB", (size, size), tuple(background))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 0.4)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    position = ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top)
    draw.text(position, initials, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _source(item):
    url, doi = item.get("url", ""), item.get("doi", "")
    if not (url or doi):
        raise DemoError(
            f"Source “{item['title']}” needs a URL or a DOI to be recognised on a re-run."
        )
    matches = list(Source.objects.matching(url=url, doi=doi)[:2])
    if len(matches) > 1:
        raise DemoError(
            f"Source “{item['title']}” matches two existing sources (one by URL, one by DOI)."
        )
    source = matches[0] if matches else Source()
    for field in SOURCE_FIELDS:
        setattr(source, field, item.get(field, "") or "")
    source.published_on = item.get("published_on")
    source.language = item.get("language", "")
    source.full_clean()
    source.save()
    return source


def render_body(paragraphs):
    """HTML for a body: ``## `` starts a heading, ``[^n]`` becomes footnote marker n."""
    html = []
    for text in paragraphs:
        text = MARKER.sub(lambda match: f'<sup data-citation="{match[1]}">[{match[1]}]</sup>', text)
        html.append(f"<h2>{text[3:]}</h2>" if text.startswith("## ") else f"<p>{text}</p>")
    return "\n".join(html)


def footnote_numbers(text):
    """The footnote numbers in ``text`` (source markup or rendered HTML), in order of first use."""
    numbers = []
    for match in re.finditer(r"\[\^?(\d+)\]", text):
        number = int(match[1])
        if number not in numbers:
            numbers.append(number)
    return numbers


def _check_article_content(item):
    """Fail early and readably on content mistakes the database would not catch."""
    name = item["slug"]
    count = len(item["citations"])
    if not MIN_CITATIONS <= count <= MAX_CITATIONS:
        raise DemoError(
            f"Article {name} has {count} citations; give {MIN_CITATIONS} to {MAX_CITATIONS}."
        )
    if not MIN_HIGHLIGHTS <= len(item["highlights"]) <= MAX_HIGHLIGHTS:
        raise DemoError(f"Article {name} needs {MIN_HIGHLIGHTS} to {MAX_HIGHLIGHTS} highlights.")
    expected = list(range(1, count + 1))
    for code, paragraphs in item["body"].items():
        found = footnote_numbers("\n".join(paragraphs))
        if found != expected:
            raise DemoError(
                f"Article {name} ({code}): footnote markers {found} do not match its {count} citations."
            )
    for code in item["title"]:
        parts = {"summary": item["summary"], "body": item["body"]}
        if any(code not in values for values in parts.values()):
            raise DemoError(f"Article {name} has a title in “{code}” but not a summary and body.")
        if any(code not in highlight for highlight in item["highlights"]):
            raise DemoError(f"Article {name} has a title in “{code}” but highlights without it.")


def _article(item, admin, types, topics, regions, people, sources, new_files):
    _check_article_content(item)
    article = Article.objects.filter(slug_en=item["slug"]).first() or Article(created_by=admin)
    article.article_type = types[item["type"]]
    article.original_language = item["original_language"]
    article.is_featured = item["featured"]
    _set_translations(article, "title", item["title"])
    slugs = {code: slugify_title(title) for code, title in item["title"].items()}
    _set_translations(article, "slug", {**slugs, "en": item["slug"]})
    _set_translations(article, "summary", item["summary"])
    _set_translations(
        article, "body", {code: render_body(body) for code, body in item["body"].items()}
    )
    article.hero = demo_hero(item["slug"], new_files)
    article.full_clean()
    article.save()
    article.topics.set([topics[slug] for slug in item["topics"]])
    article.regions.set([regions[slug] for slug in item["regions"]])
    _authorships(article, [people[slug] for slug in item["authors"]])
    _highlights(article, item["highlights"])
    _citations(article, item["citations"], sources)
    return article


def _authorships(article, people):
    article.authorships.exclude(person__in=people).delete()
    for position, person in enumerate(people):
        Authorship.objects.update_or_create(
            article=article,
            person=person,
            defaults={"role": Authorship.Role.AUTHOR, "sort_order": position},
        )


def _highlights(article, highlights):
    existing = list(article.highlights.order_by("sort_order", "id"))
    for position, texts in enumerate(highlights):
        highlight = existing[position] if position < len(existing) else Highlight(article=article)
        _set_translations(highlight, "text", texts)
        highlight.sort_order = position
        highlight.full_clean()
        highlight.save()
    for extra in existing[len(highlights) :]:
        extra.delete()


def _citations(article, citations, sources):
    article.citations.filter(number__gt=len(citations)).delete()
    for number, item in enumerate(citations, start=1):
        citation = article.citations.filter(number=number).first() or Citation(
            article=article, number=number
        )
        citation.source = sources[item["source"]]
        citation.accessed_on = min(item["accessed_on"], timezone.localdate())
        citation.locator = item.get("locator", "")
        _set_translations(citation, "note", item.get("note"))
        citation.full_clean()
        citation.save()


def _approve_translations(obj, admin):
    """The demo's written translations are approved by the editor, once (a re-run approves
    nothing): an article's, a person's, a taxonomy term's."""
    pending = [
        code
        for code, translation in translations_of(obj).items()
        if not translation.is_live and not missing_for(obj, code)
    ]
    if pending:
        approve(obj, pending, by=admin)


def _set_state(article, item, admin, now):
    """Publish or schedule through the workflow, once: an article already in its demo state is left
    as it is, so a re-run adds no activity lines (and the workflow would refuse to publish twice)."""
    state = item["state"]
    if state == "published":
        if article.status != Status.PUBLISHED:
            # A fixed date in the past; should the clock ever be earlier, publish an hour ago
            # rather than scheduling by accident.
            at = min(item["publish_at"].replace(tzinfo=UTC), now - timedelta(hours=1))
            publish(article, by=admin, at=at)
        # Demo text counts as written when it was published: no “updated today” after a re-run.
        Article.objects.filter(pk=article.pk).update(updated_at=F("publish_at"))
    elif state == "scheduled":
        if article.status != Status.PUBLISHED:
            publish(article, by=admin, at=now + SCHEDULE_AHEAD)
    elif state != "draft":
        raise DemoError(f"Article {item['slug']} has an unknown state “{state}”.")
    if state in ("published", "scheduled"):
        _approve_translations(article, admin)
    # A draft is simply never published here. If an editor has changed a demo article's state
    # since, that is left alone: only the workflow changes a status.
