"""``manage.py load_demo``: idempotent, complete, in the right states, and all-or-nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.demo.loader import footnote_numbers
from articles.models import (
    Article,
    ArticleType,
    Authorship,
    Highlight,
    Region,
    Status,
    Topic,
)
from articles.workflow import TransitionError
from citations.models import Citation, Source
from library.models import Document, Image
from people.models import Person

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "tr", "ru")
COUNTED = (Article, Person, Source, Citation, Highlight, Authorship, Topic, Region, ArticleType)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, monkeypatch):
    """Portraits go to a throw-away folder; the default admin password is in force."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)


def load(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def row_counts():
    models = [*COUNTED, get_user_model()]
    counts = {model._meta.label: model.objects.count() for model in models}
    # And every other table too (activity log, revisions, ...), so nothing piles up unnoticed.
    counts.update(
        {
            model._meta.label: model.objects.count()
            for model in apps.get_models()
            if model._meta.managed  # django-rq's admin entry has no table
        }
    )
    return counts


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_running_twice_keeps_every_row_count(tmp_path):
    """A second run updates in place: identical row counts everywhere and no extra files."""
    load(quiet=True)
    first, files = row_counts(), stored_files(tmp_path)
    load(quiet=True)
    assert row_counts() == first
    assert stored_files(tmp_path) == files
    assert first["articles.Article"] >= 8 and first["citations.Citation"] > 0


def test_missing_portrait_is_regenerated_without_duplicates(tmp_path):
    """A portrait deleted from storage is drawn again into the same library image on the next
    run, under the same name."""
    load(quiet=True)
    person = Person.objects.get(slug="selin-aksoy")
    images, files = Image.objects.count(), stored_files(tmp_path)
    default_storage.delete(person.portrait.file)
    load(quiet=True)
    person.refresh_from_db()
    assert default_storage.exists(person.portrait.file)
    assert Image.objects.count() == images and stored_files(tmp_path) == files
    assert not any(name.startswith("people/") for name in files)


def test_demo_content_is_complete():
    """At least 8 articles, 4 people with library portraits, 3–10 dated citations per article."""
    load(quiet=True)
    today = timezone.localdate()
    assert Article.objects.count() >= 8
    people = list(Person.objects.all())
    assert len(people) == 4
    for person in people:
        assert person.portrait and default_storage.exists(person.portrait.file), person.slug
        assert person.portrait.has_squares(), person.slug
        for code in LANGUAGES:
            assert getattr(person, f"position_{code}") and getattr(person, f"biography_{code}")
    assert sum(bool(person.orcid) for person in people) >= 2
    for article in Article.objects.all():
        citations = list(article.citations.all())
        assert 3 <= len(citations) <= 10, article.slug_en
        assert [c.number for c in citations] == list(range(1, len(citations) + 1))
        for citation in citations:
            assert citation.accessed_on is not None and citation.accessed_on <= today
        assert 1 <= article.authorships.count() <= 2
        assert 3 <= article.highlights.count() <= 5
        assert 1 <= article.topics.count() <= 3 and 1 <= article.regions.count() <= 2


def test_sources_are_shared_between_articles():
    """Several sources are cited by more than one article, stored once each."""
    load(quiet=True)
    shared = [source for source in Source.objects.all() if source.citations.count() > 1]
    assert len(shared) >= 3
    assert len({source.normalized_url or source.doi for source in Source.objects.all()}) == (
        Source.objects.count()
    )


def test_footnote_markers_match_citations_in_every_language():
    """Each language version numbers its footnote markers 1..n, n being the citation count."""
    load(quiet=True)
    for article in Article.objects.all():
        expected = list(range(1, article.citations.count() + 1))
        for code in LANGUAGES:
            body = getattr(article, f"body_{code}")
            if body:
                assert footnote_numbers(body) == expected, (article.slug_en, code)
                assert '<sup data-citation="1">[1]</sup>' in body


def test_language_coverage():
    """All in English, at least 6 in Turkish and 3 in Russian, one originally Turkish."""
    load(quiet=True)

    def complete(code):
        articles = Article.objects.exclude(**{f"title_{code}": ""}).exclude(**{f"body_{code}": ""})
        articles = articles.exclude(**{f"summary_{code}": ""}).exclude(**{f"slug_{code}": ""})
        return [a for a in articles if all(getattr(h, f"text_{code}") for h in a.highlights.all())]

    assert len(complete("en")) == Article.objects.count()
    assert len(complete("tr")) >= 6
    assert len(complete("ru")) >= 3
    assert Article.objects.filter(original_language="tr").exists()


def test_live_states_per_language():
    """English is live for all published articles; some are not in tr/ru; draft and scheduled aren't live."""
    load(quiet=True)
    now = timezone.now()
    published = Article.objects.filter(status=Status.PUBLISHED, publish_at__lte=now)
    assert published.count() >= 6
    live = {
        code: set(Article.objects.live(code).values_list("pk", flat=True)) for code in LANGUAGES
    }
    assert live["en"] == set(published.values_list("pk", flat=True))
    assert published.exclude(pk__in=live["ru"]).exists()
    assert published.exclude(pk__in=live["tr"]).exists()
    draft = Article.objects.get(status=Status.DRAFT)
    scheduled = Article.objects.get(status=Status.PUBLISHED, publish_at__gt=now)
    for code in LANGUAGES:
        assert draft.pk not in live[code] and scheduled.pk not in live[code]
    assert published.filter(publish_at__year=2026).count() == published.count()
    assert Article.objects.filter(is_featured=True).count() == 2


def test_command_prints_admin_login(monkeypatch):
    """The command reports the counts and how to log in (on the port `make run` serves), and the login works."""
    monkeypatch.delenv("PORT", raising=False)
    output = load()
    assert "Demo content ready: 9 articles, 4 people" in output
    assert "Admin: http://127.0.0.1:8000/admin/  user: admin  password: thinktank-demo" in output
    user = authenticate(username="admin", password="thinktank-demo")
    assert user is not None and user.is_superuser and user.is_staff
    monkeypatch.setenv("PORT", "8125")
    assert "Admin: http://127.0.0.1:8125/admin/" in load()


def test_quiet_prints_nothing_and_password_comes_from_environment(monkeypatch):
    """--quiet is silent; DEMO_ADMIN_PASSWORD sets the admin password, which is not echoed."""
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "another-demo-secret")
    assert load(quiet=True) == ""
    assert "another-demo-secret" not in load()
    assert authenticate(username="admin", password="another-demo-secret") is not None


def test_failure_rolls_back_everything(monkeypatch, tmp_path):
    """A failure midway raises a one-line CommandError and leaves no rows and no files behind."""

    def refuse(article, **kwargs):
        raise TransitionError("Publishing is switched off.")

    monkeypatch.setattr("articles.demo.loader.publish", refuse)
    with pytest.raises(CommandError, match="Publishing is switched off") as error:
        load(quiet=True)
    assert "\n" not in str(error.value)
    for model in (*COUNTED, get_user_model()):
        assert model.objects.count() == 0, model.__name__
    assert stored_files(tmp_path) == []


def test_empty_password_is_refused(monkeypatch):
    """An empty DEMO_ADMIN_PASSWORD is an error, not an admin without a password."""
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "")
    with pytest.raises(CommandError, match="DEMO_ADMIN_PASSWORD"):
        load()
    assert not Article.objects.exists()


def test_demo_articles_have_generated_heroes_and_report_pdfs(client):
    """Every demo article has a generated hero image described in each language, shown on its
    live pages; the reports have their full text as a PDF, listed on their page."""
    load(quiet=True)
    for article in Article.objects.select_related("hero"):
        assert article.hero and all(getattr(article.hero, f"alt_{code}") for code in LANGUAGES)
        assert all(default_storage.exists(name) for name in article.hero.stored_names())
    reports = Article.objects.filter(article_type__slug_en="report")
    assert reports and Document.objects.filter(article__in=reports).count() == reports.count()
    live = reports.filter(status=Status.PUBLISHED).first()
    page = client.get(f"/en/articles/{live.slug_en}/").content.decode()
    assert "<picture>" in page and live.documents.get().get_absolute_url() in page
