"""The admin at scale: every back-office list and form on 100,000 articles (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres bench_admin
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_admin DEBUG=1 \
        .venv/bin/python bench/admin_latency.py [--articles 100000] [--repeat 7]

Generates the articles of ``search_latency.py`` once (kept between runs; ``--regenerate``
starts over), adds what the other admin lists hold at that size (sources cited by the articles,
an audit log, a contributor's own articles, pending translations), logs in as an editor (and as
the contributor for their own list) and times each admin page through Django's test client:
median and p95 of ``--repeat`` requests after one warm-up, the number of SQL queries and the
slowest query. Never point it at a database that matters: it deletes every article in it.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from search_latency import generate  # noqa: E402

from accounts.roles import CONTRIBUTOR, EDITOR, TRANSLATOR  # noqa: E402
from articles.models import (  # noqa: E402
    Article,
    Status,
    Topic,
    Translation,
    TranslationStatus,
    TranslatorLanguage,
)
from audit.models import LogEntry  # noqa: E402
from citations.models import Citation, Source  # noqa: E402
from people.models import Person  # noqa: E402

User = get_user_model()
SOURCES = 10_000
OWN_DRAFTS = 300  # the contributor's own articles
PENDING = 5_000  # translations waiting (needs update / ready) for the dashboard's filters
BATCH = 5_000


def copied_columns(model, replace: dict[str, str]) -> tuple[str, str]:
    """The columns of ``model``'s table and the expressions copying them (``replace``).

    Names come from the models and numbers from the table: no outside input reaches the SQL."""
    columns = [field.column for field in model._meta.concrete_fields]
    if model._meta.pk.column not in replace:
        columns.remove(model._meta.pk.column)
    names = ", ".join(f'"{column}"' for column in columns)
    return names, ", ".join(replace.get(column, f'"{column}"') for column in columns)


def replicate(count: int) -> None:
    """Grow the articles to ``count`` by copying those generated (with their authors, topics,
    regions and translations), in a few INSERT … SELECT statements: seconds, where generating
    each article in Python takes minutes. Copies get new slugs and earlier publication times,
    so the list's order, filters and dates look like a longer history. Search entries are not
    computed for the copies (the admin does not read them)."""
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no search triggers
        while (existing := Article.objects.count()) < count:
            cursor.execute("SELECT max(id), min(id) FROM articles_article")
            base, first = cursor.fetchone()
            last = first + min(existing, count - existing) - 1
            slugs = {
                field.column: f"CASE WHEN \"{field.column}\" = '' THEN '' "
                f"ELSE \"{field.column}\" || '-c' || (id + {base}) END"
                for field in Article._meta.concrete_fields
                if field.name.startswith("slug")
            }
            hours = f"interval '1 hour' * {base}"
            names, values = copied_columns(
                Article,
                {
                    "id": f"id + {base}",
                    "publish_at": f"publish_at - {hours}",
                    "first_published_at": f"first_published_at - {hours}",
                    **slugs,
                },
            )
            cursor.execute(
                f"INSERT INTO articles_article ({names}) SELECT {values} "  # noqa: S608
                f"FROM articles_article WHERE id BETWEEN {first} AND {last}"
            )
            for model in (
                Article.authorships.rel.related_model,
                Article.topics.through,
                Article.regions.through,
                Translation,
            ):
                names, values = copied_columns(model, {"article_id": f"article_id + {base}"})
                cursor.execute(
                    f"INSERT INTO {model._meta.db_table} ({names}) SELECT {values} FROM "  # noqa: S608
                    f"{model._meta.db_table} WHERE article_id BETWEEN {first} AND {last}"
                )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), max(id)) "
            "FROM articles_article"
        )
    print(f"  copied up to {count} articles in {time.perf_counter() - started:.0f} s")


def generate_admin_data(seed: int = 11) -> None:
    """Sources and citations, an audit log line per article, users in each role, a
    contributor's own drafts and translations in every state. Made once, after the articles."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    started = time.perf_counter()
    with transaction.atomic():
        for name, role in (("bench-editor", EDITOR), ("bench-contributor", CONTRIBUTOR)):
            user = User.objects.create_user(name, password="bench")  # noqa: S106
            user.groups.add(Group.objects.get(name=role))
            user.is_staff = True
            user.save()
        translator = User.objects.create_user("bench-translator", password="bench")  # noqa: S106
        translator.groups.add(Group.objects.get(name=TRANSLATOR))
        translator.is_staff = True
        translator.save()
        TranslatorLanguage.objects.create(user=translator, language="tr")
        editor = User.objects.get(username="bench-editor")
        contributor = User.objects.get(username="bench-contributor")
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        Article.objects.filter(pk__in=ids[:OWN_DRAFTS]).update(
            created_by=contributor, status=Status.DRAFT
        )
        Article.objects.filter(pk__in=ids[OWN_DRAFTS:]).update(created_by=editor)
        pending = min(PENDING, len(ids) // 4)
        for status, chosen in (
            (TranslationStatus.NEEDS_UPDATE, rng.sample(ids, pending)),
            (TranslationStatus.READY, rng.sample(ids, pending)),
        ):
            Translation.objects.filter(article_id__in=chosen, language="tr").update(status=status)
    sources = [
        Source(
            title=f"Source {i}: report on {rng.choice(['energy', 'trade', 'security'])}",
            outlet=f"Outlet {i % 300}",
            authors=f"Author{i % 700}, A.",
            url=f"https://example.org/report/{i}",
            normalized_url=f"example.org/report/{i}",
            language=rng.choice(["en", "tr", "ru"]),
        )
        for i in range(SOURCES)
    ]
    Source.objects.bulk_create(sources, batch_size=BATCH)
    source_ids = list(Source.objects.values_list("pk", flat=True))
    # A few sources are cited very often (a Zipf law): what a real bibliography looks like.
    weights = [1 / (rank + 1) for rank in range(len(source_ids))]
    article_type = ContentType.objects.get_for_model(Article)
    now = timezone.now()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            Citation.objects.bulk_create(
                Citation(article_id=pk, number=number, source_id=source)
                for pk in chunk
                for number, source in enumerate(
                    dict.fromkeys(rng.choices(source_ids, weights, k=3)), start=1
                )
            )
            LogEntry.objects.bulk_create(
                LogEntry(
                    created_at=now - timezone.timedelta(minutes=pk),
                    user=editor,
                    action="publish",
                    content_type=article_type,
                    object_id=pk,
                    subject=f"Article {pk}",
                    from_status=Status.IN_REVIEW,
                    to_status=Status.PUBLISHED,
                )
                for pk in chunk
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  admin data in {time.perf_counter() - started:.0f} s", flush=True)


def addresses() -> list[tuple[str, str, str]]:
    """(who, label, address) of every page timed, with real ids and words from the data."""
    count = Article.objects.count()
    middle = Article.objects.order_by("pk")[count // 2]
    page = min(500, count // 100)  # page 500 of 100 rows at 100,000 articles
    words = {
        lang: getattr(middle, f"title_{lang}").split()[1].lower() for lang in ("en", "tr", "ru")
    }
    person = Person.objects.get(slug="bench-7")
    topic = Topic.objects.get(slug_en="topic-3")
    source = Source.objects.order_by("pk").first()
    most_cited = Source.objects.order_by("-citation_count", "-pk").first()
    entry = LogEntry.objects.order_by("-pk").first()
    editor = User.objects.get(username="bench-editor")
    art = "/admin/articles/article/"
    autocomplete = "/admin/autocomplete/?app_label={}&model_name={}&field_name={}&term={}"
    return [
        ("editor", "index", "/admin/"),
        ("editor", "article list", art),
        ("editor", f"article list, page {page}", f"{art}?p={page}"),
        ("editor", "article search (en title word)", f"{art}?q={words['en']}"),
        ("editor", "article search (tr title word)", f"{art}?q={words['tr']}"),
        ("editor", "article search (ru title word)", f"{art}?q={words['ru']}"),
        ("editor", "article search (author name)", f"{art}?q=Family7"),
        ("editor", "article search (no match)", f"{art}?q=zzzqqq"),
        ("editor", "article list, published", f"{art}?status=published"),
        ("editor", "article list, by author", f"{art}?author={person.pk}"),
        ("editor", "article list, by topic", f"{art}?topics__id__exact={topic.pk}"),
        ("editor", "article list, year", f"{art}?publish_at__year={timezone.now().year}"),
        ("editor", "article list, by cited source", f"{art}?source={most_cited.pk}"),
        ("editor", "article change form", f"{art}{middle.pk}/change/"),
        ("editor", "article add form", f"{art}add/"),
        ("editor", "article revisions", f"{art}{middle.pk}/revisions/"),
        ("editor", "translation dashboard", "/admin/articles/translation/"),
        ("editor", "translation dashboard, ready", "/admin/articles/translation/?status=ready"),
        ("editor", "translation dashboard, page 2", "/admin/articles/translation/?p=2"),
        ("editor", "person list", "/admin/people/person/"),
        ("editor", "person change form", f"/admin/people/person/{person.pk}/change/"),
        ("editor", "topic list", "/admin/articles/topic/"),
        ("editor", "topic change form", f"/admin/articles/topic/{topic.pk}/change/"),
        ("editor", "source list", "/admin/citations/source/"),
        ("editor", "source list, most cited", "/admin/citations/source/?o=-5"),
        ("editor", "source search", "/admin/citations/source/?q=energy"),
        ("editor", "source change form", f"/admin/citations/source/{source.pk}/change/"),
        ("editor", "audit log", "/admin/audit/logentry/"),
        ("editor", "audit log entry", f"/admin/audit/logentry/{entry.pk}/change/"),
        ("editor", "translator languages", "/admin/articles/translatorlanguage/"),
        ("editor", "failed tasks", "/admin/thinktank/failedtask/"),
        (
            "editor",
            "autocomplete people",
            autocomplete.format("articles", "authorship", "person", "fam"),
        ),
        (
            "editor",
            "autocomplete topics",
            autocomplete.format("articles", "article", "topics", "top"),
        ),
        (
            "editor",
            "autocomplete sources",
            autocomplete.format("citations", "citation", "source", "energy"),
        ),
        ("admin", "user list", "/admin/auth/user/"),
        ("admin", "user change form", f"/admin/auth/user/{editor.pk}/change/"),
        ("contributor", "own article list", art),
        ("contributor", "own article search", f"{art}?q={words['en']}"),
        ("translator", "translation dashboard, mine", "/admin/articles/translation/?mine=1"),
    ]


def percentile(values: list[float], fraction: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def measure(clients: dict[str, Client], repeat: int, only: str = "") -> list[tuple]:
    rows = []
    for who, label, address in addresses():
        if only and not re.search(only, label):
            continue
        client = clients[who]
        response = client.get(address)
        assert response.status_code == 200, (address, response.status_code)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(address)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        times = [float(query["time"]) * 1000 for query in queries.captured_queries]
        row = (who, label, timings, len(queries), max(times, default=0), sum(times))
        print(
            f"{label:<44}{who:<12}{statistics.median(timings):>8.1f}"
            f"{percentile(timings, 0.95):>8.1f}{len(queries):>9}{row[4]:>12.1f}{row[5]:>8.1f}",
            flush=True,
        )
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--generated",
        type=int,
        default=20_000,
        help="articles written by search_latency.py's generator; the rest are copies of them",
    )
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", default="", help="time only the pages whose label matches")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this benchmark.")
    call_command("migrate", verbosity=0)
    if options.regenerate or not Article.objects.exists():
        print(f"Generating {options.articles} articles …", flush=True)
        User.objects.filter(username__startswith="bench-").delete()
        LogEntry.objects.all().delete()
        Citation.objects.all().delete()
        Source.objects.all().delete()
        generate(min(options.articles, options.generated))
    if Article.objects.count() < options.articles:
        replicate(options.articles)
    if not User.objects.filter(username="bench-editor").exists():
        generate_admin_data()
    settings.ALLOWED_HOSTS = ["testserver"]
    clients = {}
    for who, username in (
        ("editor", "bench-editor"),
        ("contributor", "bench-contributor"),
        ("translator", "bench-translator"),
    ):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(username=username))
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin",
        password="bench",  # noqa: S106
    )
    clients["admin"] = Client()
    clients["admin"].force_login(admin)
    print(f"\n{Article.objects.count()} articles; {options.repeat} timed requests per page")
    print(
        f"{'page':<44}{'who':<12}{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}{'slowest ms':>12}"
        f"{'SQL ms':>8}"
    )
    measure(clients, options.repeat, options.only)


if __name__ == "__main__":
    main()
