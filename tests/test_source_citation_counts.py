"""Each source's "cited N times" is a count the database keeps (``citations.counts``): after
every kind of write of citations (the article form, a restored revision, discarded changes,
deleted articles, merged sources, an import, a backup's restore, plain SQL) it equals a count
of the citations, and the source list shows it and sorts by it."""

import re

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.db.models import Count

from articles.editorial import revisions
from articles.editorial import transitions as workflow
from articles.editorial.publishing import refresh_pending_changes
from articles.models import Article
from citations import counts
from citations.actions import merge_sources
from citations.admin import SourceAdmin
from citations.models import Citation, Source
from importers.citations import replace_citations
from importers.footnotes import Reference
from tests.test_revisions import ADD_URL, form_data, people, saved_twice, sources  # noqa: F401
from thinktank.backup import restore_backup, write_backup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

LIST_URL = "/admin/citations/source/"


def kept_counts() -> dict[int, int]:
    """Every source's kept count, after checking it against a count of its citations."""
    kept = dict(Source.objects.values_list("pk", "citation_count"))
    counted = dict(Source.objects.annotate(n=Count("citations")).values_list("pk", "n"))
    assert kept == counted
    return kept


@pytest.fixture
def works(db):
    return [
        Source.objects.create(kind="web", title=f"Work {i}", url=f"https://w.example.org/{i}")
        for i in range(3)
    ]


@pytest.fixture
def article(make_article):
    return make_article(title_en="Cited article", published=False)


def test_count_follows_every_write_of_a_citation(article, make_article, works):
    """Adding one or many citations, moving them to another source (one row or an update of
    many), deleting one or many, and plain SQL: the kept count is the count each time."""
    a, b, c = works
    assert kept_counts() == {a.pk: 0, b.pk: 0, c.pk: 0}
    first = Citation.objects.create(article=article, source=a, number=1)
    Citation.objects.bulk_create(
        [
            Citation(article=article, source=a, number=2),
            Citation(article=article, source=b, number=3),
        ]
    )
    assert kept_counts() == {a.pk: 2, b.pk: 1, c.pk: 0}
    first.source = c
    first.save()
    assert kept_counts() == {a.pk: 1, b.pk: 1, c.pk: 1}
    first.locator = "p. 4"  # a change that keeps the source changes no count
    first.save()
    assert kept_counts() == {a.pk: 1, b.pk: 1, c.pk: 1}
    Citation.objects.filter(article=article).update(source=b)
    assert kept_counts() == {a.pk: 0, b.pk: 3, c.pk: 0}
    other = make_article(title_en="Another", published=False)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO citations_citation (article_id, number, source_id, locator, note, "
            "note_en, note_tr, note_ru) VALUES (%s, 1, %s, '', '', '', '', '')",
            [other.pk, c.pk],
        )
    assert kept_counts() == {a.pk: 0, b.pk: 3, c.pk: 1}
    Citation.objects.get(number=3).delete()
    assert kept_counts() == {a.pk: 0, b.pk: 2, c.pk: 1}
    Citation.objects.all().delete()
    assert kept_counts() == {a.pk: 0, b.pk: 0, c.pk: 0}


def test_a_write_rolled_back_leaves_the_count(article, works):
    """A citation added in a transaction that fails leaves the count as it was; inside the
    transaction the count already says it."""
    a = works[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        Citation.objects.create(article=article, source=a, number=1)
        assert Source.objects.get(pk=a.pk).citation_count == 1
        raise RuntimeError
    assert kept_counts()[a.pk] == 0


def test_article_form_and_restored_revisions_keep_the_counts(saved_twice, sources, client):  # noqa: F811
    """Citations saved with an article through the admin, then an older revision restored
    (which deletes the citation it did not have)."""
    assert kept_counts() == {sources[0].pk: 1, sources[1].pk: 1}
    oldest = revisions.versions_of(saved_twice).last()
    revisions.restore(saved_twice, oldest, by=saved_twice.created_by or oldest.revision.user)
    assert kept_counts() == {sources[0].pk: 1, sources[1].pk: 0}


def test_discarding_changes_and_deleting_articles_keep_the_counts(site, editor):
    """The citations deleted from a live article come back when its changes are discarded;
    deleting the article (through the workflow, or many at once) takes its citations off."""
    cited = dict(site.main.citations.values_list("source_id", "number"))
    assert all(kept_counts()[pk] == 1 for pk in cited)
    site.main.citations.all().delete()
    assert all(kept_counts()[pk] == 0 for pk in cited)
    refresh_pending_changes(site.main)
    workflow.discard_changes(site.main, by=editor)
    assert all(kept_counts()[pk] == 1 for pk in cited)
    workflow.delete_article(Article.objects.get(pk=site.main.pk), by=editor)
    assert all(kept_counts()[pk] == 0 for pk in cited)
    for article in Article.objects.all():
        for number, pk in enumerate(cited, start=1):
            Citation.objects.create(article=article, source_id=pk, number=number)
    assert all(kept_counts()[pk] == Article.objects.count() > 1 for pk in cited)
    Article.objects.all().delete()  # many at once: one cascade
    assert not Citation.objects.exists()
    assert set(kept_counts().values()) == {0}


def test_merging_sources_adds_their_counts(article, works):
    """Merging moves the duplicates' citations: the kept source counts them all, even though
    the instance passed in was read before (its save never writes an old count back)."""
    a, b, c = works
    for number, source in enumerate([a, b, b, c], start=1):
        Citation.objects.create(article=article, source=source, number=number)
    stale = Source.objects.get(pk=a.pk)
    assert stale.citation_count == 1
    Source.objects.filter(pk=b.pk).update(doi="")  # nothing to fill in: kept.save() still runs
    merge_sources(stale, [Source.objects.get(pk=b.pk), Source.objects.get(pk=c.pk)])
    assert kept_counts() == {a.pk: 4}


def test_saving_a_source_read_before_a_citation_keeps_the_newer_count(
    client, editor, article, works
):
    """An editor opens a source's form, a citation of it is added meanwhile, the editor saves:
    the save is not refused as a conflict, and the count stays right."""
    a = works[0]
    client.force_login(editor)
    url = f"/admin/citations/source/{a.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    Citation.objects.create(article=article, source=a, number=1)
    response = client.post(url, {**data, "title": "Work 0, renamed"})
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Source.objects.get(pk=a.pk).title == "Work 0, renamed"
    assert kept_counts()[a.pk] == 1
    old = Source.objects.get(pk=a.pk)
    Citation.objects.create(article=article, source=a, number=2)
    old.outlet = "Outlet"
    old.save()
    assert kept_counts()[a.pk] == 2


def test_importing_citations_again_does_not_count_them_twice(article):
    """An import replaces an article's citations: importing the same references twice counts
    them once, and a source found again by its address is counted for both articles."""
    references = [
        Reference(
            number=1, text="Grid report", title="Grid report", url="https://grid.example.org/r"
        ),
        Reference(number=2, text="Dam data", title="Dam data", url="https://dams.example.org/d"),
    ]
    replace_citations(article, references)
    replace_citations(article, references)
    assert set(kept_counts().values()) == {1}
    other = Article.objects.create(article_type=article.article_type, title_en="Other")
    replace_citations(other, references[:1])
    assert sorted(kept_counts().values()) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_the_counts_of_its_citations(site, tmp_path, settings):
    """A backup holds no counts: the restore counts the citations it brings back."""
    settings.MEDIA_ROOT = tmp_path / "media"
    before = kept_counts()
    assert sum(before.values()) > 0
    write_backup(tmp_path / "backup")
    Citation.objects.all().delete()
    restore_backup(tmp_path / "backup", replace=True)
    assert kept_counts() == before


def test_lost_triggers_come_back_after_migrate_with_exact_counts(article, works):
    """If the triggers are gone (a schema change that rebuilt the table), ``migrate``'s
    post-migrate step makes them again and counts every source."""
    a = works[0]
    counts.uninstall(connection)
    Citation.objects.create(article=article, source=a, number=1)
    assert Source.objects.get(pk=a.pk).citation_count == 0  # not kept without the triggers
    counts.after_migrate(sender=None, using=connection.alias)
    assert counts.installed(connection)
    assert kept_counts()[a.pk] == 1
    Citation.objects.create(article=article, source=a, number=2)
    assert kept_counts()[a.pk] == 2


# What the admin shows -----------------------------------------------------------------------


def test_source_list_shows_the_count_and_sorts_most_cited_first(client, editor, article, works):
    """The "cited" column shows each source's count; sorting by it puts the most cited first,
    and the source's page shows the count too."""
    a, b, c = works
    for number, source in enumerate([b, b, b, c], start=1):
        Citation.objects.create(article=article, source=source, number=number)
    client.force_login(editor)
    column = SourceAdmin.list_display.index("cited") + 1
    response = client.get(LIST_URL, {"o": f"-{column}"})
    assert [s.title for s in response.context["cl"].result_list] == ["Work 1", "Work 2", "Work 0"]
    html = response.content.decode()
    cells = re.findall(r'<td class="field-cited">(\d+)</td>', html)
    assert cells == ["3", "1", "0"]
    page = client.get(f"/admin/citations/source/{b.pk}/change/").content.decode()
    assert re.search(r'<div class="readonly">3</div>', page)


def test_most_cited_order_reads_an_index():
    """The order "most cited first" (then newest id, as the admin adds) is an index's."""
    index = next(i for i in Source._meta.indexes if i.name == "source_most_cited_idx")
    assert index.fields == ["-citation_count", "-id"]
    assert admin.site.get_model_admin(Source).cited.admin_order_field == "citation_count"
