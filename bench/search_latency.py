"""Search latency at scale: 100,000 articles in three languages on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres bench_search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search DEBUG=1 \
        .venv/bin/python bench/search_latency.py [--articles 100000] [--repeat 3]

Generates the articles once (kept between runs; ``--regenerate`` starts over), then times the
search page's work through ``articles.search.query.search()`` — the first page of 20 results with its
count, prefetches and highlighted snippets — for 30 fixed queries per language, and prints p50
and p95. Never point it at a database that matters: it deletes every article in it.
"""

import argparse
import os
import random
import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from text_model import Text  # noqa: E402  (bench/ is the script's own folder)

from articles.models import (  # noqa: E402
    Article,
    ArticleType,
    Authorship,
    Region,
    Status,
    Topic,
    Translation,
    TranslationStatus,
)
from articles.search.query import SearchPaginator, search  # noqa: E402
from articles.search.snippets import highlight_results  # noqa: E402
from people.models import Person  # noqa: E402

LANGS = ("en", "tr", "ru")
BATCH = 2000
# Queries readers type, per language (the words come from text_model.WORDS).
QUERIES = {
    "en": [
        "energy security", "caspian gas", "cooperation", "nato enlargement", "sanctions",
        '"black sea"', "pipeline -oil", "elections or parliament", "climate transition",
        "wind solar", "refugees migration", "trade corridor", "nuclear", "investment markets",
        "defence alliance", "peace negotiations", "inflation reform", "railway ports",
        "diplomatic summit", "strategic infrastructure", "currency banking", "border conflict",
        "economic growth", "electricity grid", "tariffs exports", "government policy",
        "minister talks", "regional strategy", "treaty", "shipping imports",
    ],
    "tr": [
        "enerji güvenliği", "hazar doğalgaz", "işbirliği", "nato genişlemesi", "yaptırımlar",
        '"boru hattı"', "petrol -gümrük", "seçimler or meclis", "iklim dönüşümü",
        "rüzgar güneş", "mülteciler göç", "ticaret koridoru", "nükleer", "yatırım piyasaları",
        "savunma ittifakı", "barış müzakereleri", "enflasyon reformu", "demiryolu limanlar",
        "diplomatik zirve", "stratejik altyapı", "para bankacılık", "sınır çatışması",
        "ekonomik büyüme", "elektrik şebekesi", "gümrük ihracat", "hükümet politikası",
        "bakan görüşmeler", "bölgesel strateji", "antlaşma", "denizcilik ithalat",
    ],
    "ru": [
        "энергетическая безопасность", "каспий газ", "сотрудничество", "расширение нато",
        "санкции", '"черное море"', "трубопровод -нефть", "выборы or парламент",
        "климатический переход", "ветер солнце", "беженцы миграция", "торговый коридор",
        "атомный", "инвестиции рынки", "оборонный альянс", "мирные переговоры",
        "инфляция реформа", "железная дорога", "дипломатический саммит",
        "стратегическая инфраструктура", "валюта банки", "пограничный конфликт",
        "экономический рост", "электрическая сеть", "пошлины экспорт", "политика правительства",
        "министр встреча", "региональная стратегия", "договор", "судоходство импорт",
    ],
}  # fmt: skip


def generate(count, seed=7):
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    texts = {lang: Text(lang, rng) for lang in LANGS}
    now = timezone.now()
    with transaction.atomic():
        Article.objects.all().delete()
        kinds = [
            ArticleType.objects.get_or_create(slug_en=slug, defaults={"name_en": slug.title()})[0]
            for slug in ("analysis", "commentary", "report")
        ]
        topics = [
            Topic.objects.get_or_create(slug_en=f"topic-{i}", defaults={"name_en": f"Topic {i}"})[0]
            for i in range(20)
        ]
        regions = [
            Region.objects.get_or_create(
                slug_en=f"region-{i}", defaults={"name_en": f"Region {i}"}
            )[0]
            for i in range(8)
        ]
        people = [
            Person.objects.get_or_create(
                slug=f"bench-{i}", defaults={"given_name": f"Given{i}", "family_name": f"Family{i}"}
            )[0]
            for i in range(200)
        ]
    with connection.cursor() as cursor:
        # Triggers off while loading; the vectors are computed at the end in one statement.
        cursor.execute("SET session_replication_role = replica")
    started = time.perf_counter()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        batch = []
        for i in range(made, made + size):
            fields = {}
            for lang in LANGS:
                title = texts[lang].words(rng.randint(4, 9)).capitalize()
                fields.update(
                    {
                        f"title_{lang}": title,
                        f"slug_{lang}": f"a{i}-{lang}",
                        f"summary_{lang}": texts[lang].words(25),
                        f"body_{lang}": texts[lang].body(),
                    }
                )
            batch.append(
                Article(
                    article_type=kinds[i % 3],
                    original_language=rng.choices(LANGS, (6, 3, 1))[0],
                    status=Status.PUBLISHED,
                    publish_at=now - timezone.timedelta(hours=i),
                    first_published_at=now - timezone.timedelta(hours=i),
                    **fields,
                )
            )
        with transaction.atomic():
            articles = Article.objects.bulk_create(batch)
            Authorship.objects.bulk_create(
                Authorship(article=article, person=person, sort_order=order)
                for article in articles
                for order, person in enumerate(rng.sample(people, rng.randint(1, 2)))
            )
            Article.topics.through.objects.bulk_create(
                Article.topics.through(article_id=article.pk, topic_id=topic.pk)
                for article in articles
                for topic in rng.sample(topics, 2)
            )
            Article.regions.through.objects.bulk_create(
                Article.regions.through(article_id=article.pk, region_id=rng.choice(regions).pk)
                for article in articles
            )
            Translation.objects.bulk_create(
                Translation(
                    article=article,
                    language=lang,
                    status=TranslationStatus.APPROVED,
                    approved_at=now,
                )
                for article in articles
                for lang in LANGS
                if lang != article.original_language
            )
        made += size
        print(f"  {made} articles ({time.perf_counter() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
        started = time.perf_counter()
        cursor.execute("SELECT articles_search_refresh(ARRAY(SELECT id FROM articles_article))")
        print(f"  vectors computed in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def one_search(lang, query):
    """What the search page does for its first page: count, 20 results, prefetches, snippets."""
    paginator = SearchPaginator(search(lang, query), 20)
    page = paginator.page(1)
    results = highlight_results(list(page.object_list), lang, query)
    return paginator.count, results


def one_page(client, lang, query):
    """The whole search page as a reader gets it: filters' choices, template, HTML."""
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200, response.status_code
    return response


def measure(repeat, work):
    """Milliseconds per language for ``work(lang, query)``: a warm-up pass, then ``repeat``."""
    timings = {lang: [] for lang in LANGS}
    for lang in LANGS:
        for query in QUERIES[lang]:
            work(lang, query)
    for _ in range(repeat):
        for lang in LANGS:
            for query in QUERIES[lang]:
                started = time.perf_counter()
                work(lang, query)
                timings[lang].append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--regenerate", action="store_true")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this benchmark.")
    call_command("migrate", verbosity=0)
    existing = Article.objects.count()
    if options.regenerate or existing != options.articles:
        print(f"Generating {options.articles} articles in {', '.join(LANGS)} …", flush=True)
        generate(options.articles)
    counts = {
        (lang, query): one_search(lang, query)[0] for lang in LANGS for query in QUERIES[lang]
    }
    print(f"\n{Article.objects.count()} articles; {options.repeat} timed passes per query")
    report(
        "search (articles.search.query: count, page of 20, snippets)",
        counts,
        measure(options.repeat, one_search),
    )
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    report(
        "whole search page (Django test client, HTML rendered)",
        counts,
        measure(options.repeat, partial(one_page, client)),
    )


def report(title, counts, timings):
    def row(label, queries, hits, values):
        print(
            f"{label:<6}{queries:>8}{hits:>13}{percentile(values, 0.5):>9.1f}"
            f"{percentile(values, 0.95):>9.1f}{max(values):>9.1f}"
        )

    print(f"\n{title}")
    print(f"{'lang':<6}{'queries':>8}{'median hits':>13}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for lang in LANGS:
        hits = statistics.median(counts[(lang, query)] for query in QUERIES[lang])
        row(lang, len(QUERIES[lang]), f"{hits:.0f}", timings[lang])
    everything = [value for values in timings.values() for value in values]
    row("all", sum(len(QUERIES[lang]) for lang in LANGS), "", everything)


if __name__ == "__main__":
    main()
