# ruff: noqa: S608 - SQL built from this database's own table and column names, no input
"""Benchmark data on PostgreSQL: the demo site, then ``N`` more published articles, fast.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thinktank_bench_scale DEBUG=1 \
        .venv/bin/python bench/generate.py --articles 100000

Migrates, loads the demo content once (``load_demo``: 9 articles published the ordinary way, rendered
at publish time), then adds ``N`` articles by copying those, in SQL: each new article is a copy of
a demo article (its type, topics, regions, sources, rendered article page and head) with its own
slug, publication time (one hour apart, newest first), 1–2 authors out of 200 generated people,
and its own text in each language the demo article is live in — title, summary and body drawn
from a Zipf distribution over synthetic words with real words at content-word ranks (the text
model of ``search_latency.py``), so search matches and ranks as on a real corpus. Every copy has
live versions (open, visible now), cards whose links point to its own pages, search entries and
the topics' and regions' listings and counts (``articles.listings.rebuild``).
Rows go in with ``COPY`` and ``INSERT … SELECT``; 100,000 articles take a few minutes.

Run again with the same ``N``, it does nothing; with another ``N`` (or ``--regenerate``) it
deletes the copies and makes them again. Never point it at a database that matters.
"""

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from text_model import Text  # noqa: E402

from articles import listings  # noqa: E402

PREFIX = "bx"  # copies' slugs start with it: bx<g>-<demo slug>
PEOPLE = 200
COPY_BATCH = 10_000


def columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
        " ORDER BY ordinal_position",
        [table],
    )
    return [name for (name,) in cursor.fetchall()]


def copied(names: list[str], replaced: dict[str, str], alias: str) -> tuple[str, str]:
    """The column list and the SELECT list of an INSERT … SELECT copying ``alias``'s row with
    some columns replaced by expressions."""
    return (
        ", ".join(f'"{name}"' for name in names),
        ", ".join(replaced.get(name, f'{alias}."{name}"') for name in names),
    )


def existing_copies(cursor) -> int:
    cursor.execute("SELECT count(*) FROM articles_article WHERE slug LIKE %s", [f"{PREFIX}%-%"])
    return cursor.fetchone()[0]


def delete_copies(cursor) -> None:
    cursor.execute(
        "CREATE TEMP TABLE gone AS SELECT id FROM articles_article WHERE slug LIKE %s",
        [f"{PREFIX}%-%"],
    )
    cursor.execute(
        "CREATE TEMP TABLE gone_versions AS SELECT id FROM articles_liveversion"
        " WHERE article_id IN (SELECT id FROM gone)"
    )
    cursor.execute("DELETE FROM articles_searchentry WHERE article_id IN (SELECT id FROM gone)")
    for table, column in (
        ("articles_topiclisting", "version_id"),
        ("articles_regionlisting", "version_id"),
        ("articles_liveauthorship", "version_id"),
        ("articles_liveversion_topics", "liveversion_id"),
        ("articles_liveversion_regions", "liveversion_id"),
        ("articles_liveversion_sources", "liveversion_id"),
    ):
        cursor.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM gone_versions)")
    cursor.execute("SET session_replication_role = replica")  # no per-row delete trigger
    cursor.execute("DELETE FROM articles_liveversion WHERE id IN (SELECT id FROM gone_versions)")
    cursor.execute("SET session_replication_role = DEFAULT")
    for table in ("articles_article_topics", "articles_article_regions", "articles_authorship"):
        cursor.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM gone)")
    cursor.execute("DELETE FROM articles_translation WHERE article_id IN (SELECT id FROM gone)")
    cursor.execute("DELETE FROM articles_article WHERE id IN (SELECT id FROM gone)")
    cursor.execute("DROP TABLE gone, gone_versions")


def make_people(cursor) -> list[int]:
    cursor.execute("SELECT id FROM people_person WHERE slug LIKE 'bench-person-%' ORDER BY id")
    found = [pk for (pk,) in cursor.fetchall()]
    if len(found) >= PEOPLE:
        return found
    names, values = copied(
        columns(cursor, "people_person"),
        {
            "id": "DEFAULT",
            "given_name": "'Given' || g",
            "family_name": "'Family' || g",
            "slug": "'bench-person-' || g",
            "email": "''",
            "orcid": "''",
            "is_active": "true",
        },
        "p",
    )
    values = values.replace("DEFAULT, ", "", 1)
    names = names.replace('"id", ', "", 1)
    cursor.execute(
        f"INSERT INTO people_person ({names}) SELECT {values}"
        f" FROM generate_series({len(found) + 1}, {PEOPLE}) g,"
        f" (SELECT * FROM people_person ORDER BY id LIMIT 1) p"
    )
    return make_people(cursor)


def write_texts(cursor, count: int, languages: list[str], seed: int) -> None:
    """COPY each copy's generated title, summary and body per language into ``texts``."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    models = {lang: Text(lang, rng) for lang in languages}
    cursor.execute(
        "CREATE TEMP TABLE texts (g int, language text, title text, summary text, body text)"
    )
    started = time.perf_counter()
    for start in range(0, count, COPY_BATCH):
        buffer = io.StringIO()
        for g in range(start, min(count, start + COPY_BATCH)):
            for lang in languages:
                text = models[lang]
                title = text.words(rng.randint(4, 9)).capitalize()
                buffer.write(f"{g}\t{lang}\t{title}\t{text.words(25)}\t{text.body()}\n")
        buffer.seek(0)
        with cursor.copy("COPY texts FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        print(f"  texts {min(count, start + COPY_BATCH)} ({time.perf_counter() - started:.0f} s)")
    cursor.execute("CREATE INDEX ON texts (g, language)")
    cursor.execute("ANALYZE texts")


def generate(count: int, seed: int = 7) -> None:
    with connection.cursor() as cursor:
        started = time.perf_counter()
        with transaction.atomic():
            delete_copies(cursor)
        print(f"  old copies deleted ({time.perf_counter() - started:.0f} s)")
        if not count:
            return
        with transaction.atomic():
            people = make_people(cursor)
            cursor.execute(
                "SELECT id FROM articles_article WHERE slug NOT LIKE %s AND EXISTS ("
                "SELECT 1 FROM articles_liveversion v WHERE v.article_id = articles_article.id"
                " AND v.visible_until IS NULL AND v.visible_from <= now()) ORDER BY id",
                [f"{PREFIX}%-%"],
            )
            demo = [pk for (pk,) in cursor.fetchall()]
            if not demo:
                sys.exit("No published demo article to copy: load_demo failed?")
            cursor.execute("SELECT DISTINCT language FROM articles_liveversion ORDER BY 1")
            languages = [lang for (lang,) in cursor.fetchall()]
            write_texts(cursor, count, languages, seed)
            # Which demo article each copy g copies, and the copy's new article id.
            cursor.execute(
                "CREATE TEMP TABLE copies AS SELECT g, (%s::bigint[])[1 + g %% %s] AS demo,"
                " nextval(pg_get_serial_sequence('articles_article', 'id')) AS id"
                " FROM generate_series(0, %s - 1) g",
                [demo, len(demo), count],
            )
            cursor.execute("CREATE INDEX ON copies (demo)")
            names, values = copied(
                columns(cursor, "articles_article"),
                {
                    "id": "c.id",
                    "slug": f"'{PREFIX}' || c.g || '-' || a.slug",
                    **{
                        f"slug_{lang}": f"CASE WHEN a.slug_{lang} > '' THEN '{PREFIX}' || c.g"
                        f" || '-' || a.slug_{lang} END"
                        for lang in languages
                    },
                    "body": "''",
                    **{f"body_{lang}": "''" for lang in languages},
                    "is_featured": "false",
                    "publish_at": "now() - (c.g + 1) * interval '1 hour'",
                    "first_published_at": "now() - (c.g + 1) * interval '1 hour'",
                    "has_unpublished_changes": "false",
                },
                "a",
            )
            cursor.execute(
                f"INSERT INTO articles_article ({names}) SELECT {values}"
                " FROM copies c JOIN articles_article a ON a.id = c.demo"
            )
            for table, column in (("articles_article_topics", "topic_id"),
                                  ("articles_article_regions", "region_id")):  # fmt: skip
                cursor.execute(
                    f"INSERT INTO {table} (article_id, {column}) SELECT c.id, x.{column}"
                    f" FROM copies c JOIN {table} x ON x.article_id = c.demo"
                )
            print(f"  articles ({time.perf_counter() - started:.0f} s)")
            # The copies' live versions: one per language the demo article is live in.
            cursor.execute(
                "CREATE TEMP TABLE version_copies AS SELECT c.g, c.id AS article_id, v.id AS demo,"
                " v.slug AS demo_slug, v.title AS demo_title,"
                " nextval(pg_get_serial_sequence('articles_liveversion', 'id')) AS id"
                " FROM copies c JOIN articles_liveversion v ON v.article_id = c.demo"
                " AND v.visible_until IS NULL"
            )
            cursor.execute("CREATE INDEX ON version_copies (demo)")
            names, values = copied(
                columns(cursor, "articles_liveversion"),
                {
                    "id": "vc.id",
                    "article_id": "vc.article_id",
                    "slug": f"'{PREFIX}' || vc.g || '-' || v.slug",
                    "title": "t.title",
                    "summary": "t.summary",
                    "body": "t.body",
                    "is_featured": "false",
                    "publish_at": "now() - (vc.g + 1) * interval '1 hour'",
                    "visible_from": "now() - (vc.g + 1) * interval '1 hour'",
                    "changed_at": "now() - (vc.g + 1) * interval '1 hour'",
                    "created_at": "now()",
                    "rendered_digest": "md5(vc.id::text)",
                    "rendered_card": (
                        f"replace(replace(v.rendered_card, '/' || v.slug || '/',"
                        f" '/{PREFIX}' || vc.g || '-' || v.slug || '/'),"
                        f" '>' || v.title || '<', '>' || t.title || '<')"
                    ),
                },
                "v",
            )
            cursor.execute(
                f"INSERT INTO articles_liveversion ({names}) SELECT {values}"
                " FROM version_copies vc JOIN articles_liveversion v ON v.id = vc.demo"
                " JOIN texts t ON t.g = vc.g AND t.language = v.language"
            )
            print(f"  live versions ({time.perf_counter() - started:.0f} s)")
            for table in ("topics", "regions", "sources"):
                column = {"topics": "topic_id", "regions": "region_id", "sources": "source_id"}
                cursor.execute(
                    f"INSERT INTO articles_liveversion_{table} (liveversion_id, {column[table]})"
                    f" SELECT vc.id, x.{column[table]} FROM version_copies vc"
                    f" JOIN articles_liveversion_{table} x ON x.liveversion_id = vc.demo"
                )
            # 1-2 authors per article out of the generated people, the same in each language.
            cursor.execute(
                "CREATE TEMP TABLE credits AS SELECT c.id AS article_id, n AS sort_order,"
                " (%s::bigint[])[1 + ((c.g * 7919 + n * 104729) %% %s)] AS person_id"
                " FROM copies c, generate_series(0, 1) n WHERE n = 0 OR c.g %% 3 = 0",
                [people, len(people)],
            )
            cursor.execute(
                "INSERT INTO articles_authorship (article_id, person_id, role, sort_order)"
                " SELECT article_id, person_id, 'author', sort_order FROM credits"
            )
            cursor.execute(
                "INSERT INTO articles_liveauthorship (version_id, person_id, role, sort_order,"
                " position) SELECT vc.id, cr.person_id, 'author', cr.sort_order, ''"
                " FROM version_copies vc JOIN credits cr ON cr.article_id = vc.article_id"
            )
            print(f"  topics, regions, sources, authors ({time.perf_counter() - started:.0f} s)")
            cursor.execute("SELECT articles_search_refresh(ARRAY(SELECT id FROM copies))")
            print(f"  search entries ({time.perf_counter() - started:.0f} s)")
            listings.rebuild()  # the topics' and regions' listings and counts, in SQL
            print(f"  term listings ({time.perf_counter() - started:.0f} s)")
            cursor.execute("DROP TABLE texts, copies, version_copies, credits")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  {count} articles in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--regenerate", action="store_true")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for the benchmarks.")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        existing = existing_copies(cursor)
        cursor.execute(
            "SELECT count(*) FROM articles_article WHERE slug NOT LIKE %s", [f"{PREFIX}%-%"]
        )
        demo = cursor.fetchone()[0]
    if not demo:
        # Once: run again with the copies there, publishing would re-render all their pages.
        call_command("load_demo", quiet=True)
    if existing == options.articles and not options.regenerate:
        print(f"{existing} generated articles already there.")
        return
    print(f"Generating {options.articles} articles …", flush=True)
    generate(options.articles)


if __name__ == "__main__":
    main()
