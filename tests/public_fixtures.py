"""A small public site in three languages for the reading-site tests.

Import the fixtures into a test module (``from tests.public_fixtures import site  # noqa: F401``).
Content is created through the same workflow functions editors use (``publish``, and
``articles.translations.status.approve`` for the translated languages).
"""

import datetime
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image

from articles.editorial.transitions import publish
from articles.models import Article, ArticleType, Authorship, Highlight, Region, Topic
from articles.models.translation import target_languages
from articles.translations.status import approve, missing_for
from citations.models import Citation, Source
from people.models import Person
from tests.library_fixtures import library_portrait

LANGS = ["en", "tr", "ru"]
PUBLISHED_AT = timezone.make_aware(datetime.datetime(2024, 7, 10, 9, 0), datetime.UTC)
ACCESSED_ON = datetime.date(2024, 7, 1)

BODY = {
    "en": (
        "<p>Ministers from both shores met in Baku to sign a framework for a subsea power "
        'cable.<sup data-citation="1">[1]</sup></p><h2>Why it matters</h2><p>The link would '
        'carry surplus wind power westwards.<sup data-citation="2">[2]</sup></p>'
    ),
    "tr": (
        "<p>İki kıyının bakanları deniz altı enerji kablosu için bir çerçeve anlaşması "
        'imzalamak üzere Bakü’de buluştu.<sup data-citation="1">[1]</sup></p><h2>Neden önemli'
        '</h2><p>Bağlantı fazla rüzgâr enerjisini batıya taşıyacak.<sup data-citation="2">'
        "[2]</sup></p>"
    ),
    "ru": (
        "<p>Министры обоих берегов встретились в Баку, чтобы подписать рамочное соглашение о "
        'подводном энергокабеле.<sup data-citation="1">[1]</sup></p><h2>Почему это важно</h2>'
        '<p>Линия понесёт избыточную энергию ветра на запад.<sup data-citation="2">[2]</sup></p>'
    ),
}


def png_bytes(colour=(31, 78, 140)):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def translated(prefix, values):
    """``{"title_en": ..., "title_tr": ...}`` from ``{"en": ..., "tr": ...}``."""
    return {f"{prefix}_{lang}": value for lang, value in values.items()}


@dataclass
class Site:
    analysis: ArticleType
    commentary: ArticleType
    energy: Topic
    security: Topic
    caucasus: Region
    author: Person
    coauthor: Person
    main: Article
    sibling: Article
    english_only: Article
    draft: Article
    scheduled: Article
    extra: list = field(default_factory=list)

    def urls(self, lang):
        """One address of every page type in ``lang`` (the article is live in all three)."""
        return {
            "home": f"/{lang}/",
            "list": f"/{lang}/articles/",
            "article": self.main.get_absolute_url(lang),
            "people": f"/{lang}/people/",
            "person": f"/{lang}/people/{self.author.slug}/",
            "topic": f"/{lang}/topics/{getattr(self.energy, f'slug_{lang}')}/",
            "region": f"/{lang}/regions/{getattr(self.caucasus, f'slug_{lang}')}/",
        }


def make_term(model, names, *, by, **extra):
    """A term named in the languages of ``names``, its translations approved by ``by``."""
    fields = translated("name", names)
    term = model(**fields, **extra)
    term.full_clean()
    term.save()
    approve_written_translations(term, by=by)
    return term


def approve_written_translations(obj, *, by):
    """Approve every translation of ``obj`` (an article, a person, a term) that is complete,
    as an editor does."""
    written = [code for code in target_languages(obj) if not missing_for(obj, code)]
    if written:
        approve(obj, written, by=by)
    return written


def make_live_article(
    editor,
    article_type,
    authors,
    *,
    titles,
    bodies=None,
    at=None,
    topics=(),
    regions=(),
    compose=None,
    **extra,
):
    """An article written in the languages of ``titles``, with its ``topics`` and ``regions``
    and whatever ``compose(article)`` adds (highlights, citations), published (or scheduled) at
    ``at`` — everything in place before it is published, as an editor would do it."""
    bodies = bodies or {lang: f"<p>{title}: text.</p>" for lang, title in titles.items()}
    article = Article(
        article_type=article_type,
        original_language=next(iter(titles)),
        **translated("title", titles),
        **translated("body", bodies),
        **extra,
    )
    article.full_clean()
    article.save()
    for order, person in enumerate(authors):
        Authorship.objects.create(article=article, person=person, sort_order=order)
    article.topics.add(*topics)
    article.regions.add(*regions)
    if compose is not None:
        compose(article)
    if at is not False:
        approve_written_translations(article, by=editor)
        publish(article, by=editor, at=at or PUBLISHED_AT)
        # As if published back then: unchanged since, so no "updated" date.
        Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at)
        article.refresh_from_db()
    return article


@pytest.fixture
def site(db, fast_passwords, editor):
    analysis = make_term(ArticleType, {"en": "Analysis", "tr": "Analiz", "ru": "Анализ"}, by=editor)
    commentary = make_term(
        ArticleType,
        {"en": "Commentary", "tr": "Yorum", "ru": "Комментарий"},
        by=editor,
        sort_order=1,
    )
    energy = make_term(Topic, {"en": "Energy", "tr": "Enerji", "ru": "Энергетика"}, by=editor)
    security = make_term(
        Topic, {"en": "Security", "tr": "Güvenlik", "ru": "Безопасность"}, by=editor
    )
    caucasus = make_term(Region, {"en": "Caucasus", "tr": "Kafkasya", "ru": "Кавказ"}, by=editor)

    author = Person.objects.create(
        honorific="dr",
        given_name="Ayla",
        family_name="Demir",
        slug="ayla-demir",
        **translated(
            "position",
            {"en": "Energy Analyst", "tr": "Enerji Analisti", "ru": "Аналитик по энергетике"},
        ),
        **translated(
            "biography",
            {
                "en": "<p>Ayla Demir studies power grids around the Caspian Sea.</p>",
                "tr": "<p>Ayla Demir, Hazar çevresindeki elektrik şebekelerini inceliyor.</p>",
                "ru": "<p>Айла Демир изучает энергосети вокруг Каспийского моря.</p>",
            },
        ),
        **translated(
            "expertise",
            {
                "en": "Energy, Caucasus",
                "tr": "Enerji, Kafkasya",
                "ru": "Энергетика, Кавказ",
            },
        ),
    )
    author.portrait = library_portrait(png_bytes(), "Ayla Demir")
    author.save()
    approve_written_translations(author, by=editor)
    coauthor = Person.objects.create(given_name="Oleg", family_name="Sokolov", slug="oleg-sokolov")

    def compose_main(article):
        for order, texts in enumerate(
            [
                {
                    "en": "The cable would link two grids.",
                    "tr": "Kablo iki şebekeyi birleştirecek.",
                    "ru": "Кабель соединит две сети.",
                },
                {
                    "en": "Wind power is the surplus to share.",
                    "tr": "Paylaşılacak fazla, rüzgâr enerjisi.",
                    "ru": "Излишек — это энергия ветра.",
                },
            ]
        ):
            Highlight.objects.create(article=article, sort_order=order, **translated("text", texts))
        for number, (title, outlet, url) in enumerate(
            [
                (
                    "Ministers agree on a subsea cable",
                    "Example Times",
                    "https://news.example.org/c",
                ),
                ("Wind surplus report", "Grid Review", "https://grid.example.org/wind"),
            ],
            start=1,
        ):
            Citation.objects.create(
                article=article,
                number=number,
                source=Source.objects.create(kind="news", title=title, outlet=outlet, url=url),
                accessed_on=ACCESSED_ON,
            )

    main = make_live_article(
        editor,
        analysis,
        [author, coauthor],
        titles={
            "en": "A cable under the Caspian",
            "tr": "Hazar’ın altından bir kablo",
            "ru": "Кабель под Каспием",
        },
        bodies=BODY,
        is_featured=True,
        topics=[energy],
        regions=[caucasus],
        compose=compose_main,
        **translated(
            "summary",
            {
                "en": "Why a subsea cable matters.",
                "tr": "Deniz altı kablosu neden önemli.",
                "ru": "Почему важен подводный кабель.",
            },
        ),
    )
    sibling = make_live_article(
        editor,
        commentary,
        [author],
        titles={"en": "Grids and wind", "tr": "Şebekeler ve rüzgâr"},
        at=PUBLISHED_AT - datetime.timedelta(days=400),
        topics=[energy],
    )
    english_only = make_live_article(
        editor,
        analysis,
        [author],
        titles={"en": "Sentinel English only"},
        at=PUBLISHED_AT - datetime.timedelta(days=2),
        topics=[energy],
    )
    every = {"en": "Sentinel draft", "tr": "Gözcü taslak", "ru": "Черновик-сторож"}
    draft = make_live_article(editor, analysis, [author], titles=every, at=False, topics=[energy])
    scheduled = make_live_article(
        editor,
        analysis,
        [author],
        titles={"en": "Sentinel scheduled", "tr": "Gözcü planlı", "ru": "Сторож отложенный"},
        at=timezone.now() + datetime.timedelta(days=3),
        topics=[energy],
        regions=[caucasus],
    )
    return Site(
        analysis=analysis,
        commentary=commentary,
        energy=energy,
        security=security,
        caucasus=caucasus,
        author=author,
        coauthor=coauthor,
        main=main,
        sibling=sibling,
        english_only=english_only,
        draft=draft,
        scheduled=scheduled,
    )


SENTINELS = [
    "Sentinel draft",
    "Gözcü taslak",
    "Черновик-сторож",
    "Sentinel scheduled",
    "Gözcü planlı",
    "Сторож отложенный",
]


class _VisibleText(HTMLParser):
    """Text a reader meets: text nodes plus the labels assistive technology reads out."""

    LABELS = ("aria-label", "alt", "title", "placeholder")

    def __init__(self):
        super().__init__()
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(value for name, value in attrs if name in self.LABELS and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def interface_strings(lang):
    """The English interface strings of the public templates that ``lang`` words differently.

    Returns ``(msgid, regex)`` pairs; a placeholder such as ``%(name)s`` matches any text.
    Strings spelled the same in both languages (“URL”, “DOI”) are left out.
    """
    import polib

    path = Path(settings.BASE_DIR) / f"locale/{lang}/LC_MESSAGES/django.po"
    strings = []
    for entry in polib.pofile(str(path)):
        if not any(path.startswith("templates/") for path, _line in entry.occurrences):
            continue
        if entry.msgstr == entry.msgid or entry.msgid in entry.msgstr_plural.values():
            continue
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            pieces = re.split(r"%\(\w+\)[sd]", msgid)
            pattern = r".+?".join(re.escape(piece.strip()) for piece in pieces if piece.strip())
            strings.append((msgid, re.compile(rf"(?<!\w){pattern}(?!\w)")))
    return strings


def english_interface_words(html, lang):
    """The English interface strings found in a ``lang`` page (none on a well-translated page)."""
    text = visible_text(html)
    return sorted({msgid for msgid, pattern in interface_strings(lang) if pattern.search(text)})
