"""Public pages at scale: every page type through Django, and search p95, at 100,000 articles.

    createdb -h 127.0.0.1 -U postgres thinktank_bench_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/thinktank_bench_scale
    DEBUG=1 .venv/bin/python bench/generate.py --articles 100000     # once, a few minutes
    .venv/bin/python bench/page_latency.py [--repeat 5]

Production settings (``DEBUG`` off) with the page cache off (``PAGE_CACHE_SECONDS=0``): every
request runs its view. Prints, per address, the median time of the whole response through
Django's test client (after a warm-up request), the CPU time this process spent on it (Python:
Django, templates, the database driver — what does not grow when the machine is busy and a
request waits for a core), the time spent in SQL, the query count and the slowest query; then, for
the 30 fixed queries per language of ``search_latency.py``, p50 and p95 of the search itself
(``articles.search.search()``: count, page of 20, snippets) and of the whole search page.
Targets (issue 13): every page ≤ 100 ms, search p95 ≤ 50 ms.
"""

import argparse
import html
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("SECRET_KEY", "bench-not-a-secret-" + "x" * 40)
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # plain HTTP, as behind a TLS-terminating proxy

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import ArticleType, LiveVersion, Region, Topic  # noqa: E402
from articles.models.translation import public_value  # noqa: E402
from articles.search.query import SearchPaginator, search  # noqa: E402
from articles.search.snippets import highlight_results  # noqa: E402
from people.models import Person  # noqa: E402

LANGS = ("en", "tr", "ru")
SEARCH_QUERIES = {
    "en": [
        "energy security",
        "caspian gas",
        "cooperation",
        "nato enlargement",
        "sanctions",
        '"black sea"',
        "pipeline -oil",
        "elections or parliament",
        "climate transition",
        "wind solar",
        "refugees migration",
        "trade corridor",
        "nuclear",
        "investment markets",
        "defence alliance",
        "peace negotiations",
        "inflation reform",
        "railway ports",
        "diplomatic summit",
        "strategic infrastructure",
        "currency banking",
        "border conflict",
        "economic growth",
        "electricity grid",
        "tariffs exports",
        "government policy",
        "minister talks",
        "regional strategy",
        "treaty",
        "shipping imports",
    ],
    "tr": [
        "enerji güvenliği",
        "hazar doğalgaz",
        "işbirliği",
        "nato genişlemesi",
        "yaptırımlar",
        '"boru hattı"',
        "petrol -gümrük",
        "seçimler or meclis",
        "iklim dönüşümü",
        "rüzgar güneş",
        "mülteciler göç",
        "ticaret koridoru",
        "nükleer",
        "yatırım piyasaları",
        "savunma ittifakı",
        "barış müzakereleri",
        "enflasyon reformu",
        "demiryolu limanlar",
        "diplomatik zirve",
        "stratejik altyapı",
        "para bankacılık",
        "sınır çatışması",
        "ekonomik büyüme",
        "elektrik şebekesi",
        "gümrük ihracat",
        "hükümet politikası",
        "bakan görüşmeler",
        "bölgesel strateji",
        "antlaşma",
        "denizcilik ithalat",
    ],
    "ru": [
        "энергетическая безопасность",
        "каспий газ",
        "сотрудничество",
        "расширение нато",
        "санкции",
        '"черное море"',
        "трубопровод -нефть",
        "выборы or парламент",
        "климатический переход",
        "ветер солнце",
        "беженцы миграция",
        "торговый коридор",
        "атомный",
        "инвестиции рынки",
        "оборонный альянс",
        "мирные переговоры",
        "инфляция реформа",
        "железная дорога",
        "дипломатический саммит",
        "стратегическая инфраструктура",
        "валюта банки",
        "пограничный конфликт",
        "экономический рост",
        "электрическая сеть",
        "пошлины экспорт",
        "политика правительства",
        "министр встреча",
        "региональная стратегия",
        "договор",
        "судоходство импорт",
    ],
}  # fmt: skip  (the queries of search_latency.py)


def addresses() -> list[str]:
    """The pages to time, found in the data: the busiest topic, region and type, a generated
    author, a year in the middle, a generated article and a demo one."""
    topic = Topic.objects.annotate(n=Count("live_versions")).order_by("-n").first()
    region = Region.objects.annotate(n=Count("live_versions")).order_by("-n").first()
    kind = ArticleType.objects.annotate(n=Count("live_versions")).order_by("-n").first()
    author = Person.objects.filter(slug__startswith="bench-person-").order_by("pk").first()
    busiest = Person.objects.annotate(n=Count("live_authorships")).order_by("-n").first()
    copy = LiveVersion.objects.visible("en").filter(slug__startswith="bx").order_by("pk").first()
    demo = LiveVersion.objects.visible("ru").exclude(slug__startswith="bx").first()
    oldest = LiveVersion.objects.visible("en").order_by("publish_at").first()
    middle_year = (timezone.now().year + oldest.publish_at.year) // 2
    ru_kind = public_value(kind, "slug", "ru")
    tr_topic, tr_region = public_value(topic, "slug", "tr"), public_value(region, "slug", "tr")
    ru_region = public_value(region, "slug", "ru")
    return [
        "/en/",
        "/tr/",
        "/ru/",
        "/en/articles/",
        "/en/articles/?page=2",
        "/en/articles/?page=50",
        "/en/articles/?page=2000",
        f"/en/articles/?topic={topic.slug_en}",
        f"/en/articles/?region={region.slug_en}",
        f"/en/articles/?type={kind.slug_en}",
        f"/en/articles/?year={middle_year}",
        f"/en/articles/?topic={topic.slug_en}&region={region.slug_en}&year={middle_year}",
        f"/en/articles/?type={kind.slug_en}&topic={topic.slug_en}&page=200",
        f"/en/articles/?topic={topic.slug_en}&page=1000",
        f"/en/articles/?region={region.slug_en}&year={middle_year}&page=100",
        f"/en/articles/?year={middle_year}&page=20",
        "/tr/articles/",
        "/ru/articles/?page=500",
        f"/ru/articles/?type={ru_kind}",
        f"/tr/articles/?topic={tr_topic}&region={tr_region}",
        "/en/topics/",
        "/tr/topics/",
        "/en/regions/",
        "/ru/regions/",
        f"/en/topics/{topic.slug_en}/",
        f"/en/topics/{topic.slug_en}/?page=100",
        f"/en/topics/{topic.slug_en}/?page=1000",
        f"next:/en/topics/{topic.slug_en}/?page=999",
        f"next:/en/articles/?type={kind.slug_en}&topic={topic.slug_en}&page=199",
        "next:/en/articles/?page=1999",
        f"/en/regions/{region.slug_en}/",
        f"/ru/regions/{ru_region}/?page=50",
        f"/en/regions/{region.slug_en}/?page=1000",
        "/en/people/",
        f"/en/people/{author.slug}/",
        f"/en/people/{busiest.slug}/",
        f"/en/people/{busiest.slug}/?page=10",
        f"/ru/people/{busiest.slug}/?page=5",
        copy.get_absolute_url(),
        demo.get_absolute_url(),
        "/en/feed/",
        f"/en/topics/{topic.slug_en}/feed/",
        "/en/search/?q=energy",
        "/en/search/?q=cooperation",
        f"/en/search/?q=security&topic={topic.slug_en}",
        f"/en/search/?q=energy&author={busiest.slug}&year={middle_year}",
        "/ru/search/?q=сотрудничество",
    ]


def older_link(client: Client, address: str) -> str:
    """The address of the "Older" link of the page at ``address``."""
    page = client.get(address).content.decode()
    link = re.search(r'<a rel="next" href="([^"]*)"', page)
    return address.split("?")[0] + html.unescape(link[1])


def time_pages(client: Client, repeat: int, match: str = "") -> None:
    print(
        f"{'address':<62}{'status':>7}{'median ms':>11}{'CPU ms':>8}{'SQL ms':>8}{'queries':>9}"
        f"{'slowest ms':>12}"
    )
    for address in addresses():
        if not re.search(match, address):
            continue
        if address.startswith("next:"):  # the "Older" link of that page, as a reader follows it
            address = older_link(client, address.removeprefix("next:"))
        client.get(address)
        timings, cpu = [], []
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(address)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        times = [float(query["time"]) * 1000 for query in queries]
        print(
            f"{address:<62}{response.status_code:>7}{statistics.median(timings):>11.1f}"
            f"{statistics.median(cpu):>8.1f}{sum(times):>8.0f}{len(queries):>9}"
            f"{max(times, default=0):>12.0f}",
            flush=True,
        )


def percentile(values: list[float], fraction: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def time_search(client: Client, repeat: int, slowest: int = 0) -> None:
    def one_search(lang, query):
        paginator = SearchPaginator(search(lang, query), 20)
        highlight_results(list(paginator.page(1).object_list), lang, query)

    def one_page(lang, query):
        assert client.get(f"/{lang}/search/", {"q": query}).status_code == 200

    print(f"\n{'search, 30 queries per language':<40}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for label, work in (("search (count, 20 results, snippets)", one_search),
                        ("whole search page", one_page)):  # fmt: skip
        for lang in LANGS:  # warm-up pass
            for query in SEARCH_QUERIES[lang]:
                work(lang, query)
        timings = []
        by_query = {}
        for _ in range(repeat):
            for lang in LANGS:
                for query in SEARCH_QUERIES[lang]:
                    started = time.perf_counter()
                    work(lang, query)
                    timings.append((time.perf_counter() - started) * 1000)
                    by_query.setdefault((lang, query), []).append(timings[-1])
        print(
            f"{label:<40}{percentile(timings, 0.5):>9.1f}{percentile(timings, 0.95):>9.1f}"
            f"{max(timings):>9.1f}",
            flush=True,
        )
        medians = {key: statistics.median(values) for key, values in by_query.items()}
        for (lang, query), median in sorted(medians.items(), key=lambda item: -item[1])[:slowest]:
            print(f"    {lang} {query:<34}{median:>9.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--search-repeat", type=int, default=3)
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--search-only", action="store_true")
    parser.add_argument("--match", default="", help="only the addresses this regex finds")
    parser.add_argument(
        "--slowest", type=int, default=0, help="also list this many slowest search queries"
    )
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to the database bench/generate.py filled.")
    settings.ALLOWED_HOSTS = ["testserver"]
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():  # production's manifest
        call_command("collectstatic", interactive=False, verbosity=0)
    versions = LiveVersion.objects.visible_now().count()
    print(f"{versions:,} visible live versions; page cache off; DEBUG={settings.DEBUG}\n")
    client = Client()
    if not options.search_only:
        time_pages(client, options.repeat, options.match)
    if not options.skip_search:
        time_search(client, options.search_repeat, options.slowest)


if __name__ == "__main__":
    main()
