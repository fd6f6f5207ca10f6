import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.utils import timezone, translation

from articles.editorial.transitions import publish
from articles.models import Article, ArticleType, Authorship, Region, Topic
from citations.models import Citation, Source
from people.models import Person
from tests import clusters, s3, varnish
from tests.public_fixtures import approve_written_translations


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the one before activated."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "password")


@pytest.fixture
def analysis(db):
    return ArticleType.objects.create(
        name_en="Analysis", slug_en="analysis", name_tr="Analiz", slug_tr="analiz"
    )


@pytest.fixture
def person(db):
    return Person.objects.create(
        honorific="dr",
        given_name="Ayla",
        family_name="Demir",
        slug="ayla-demir",
        position_en="Energy Analyst",
    )


@pytest.fixture
def make_article(analysis, person, editor):
    """An article with one author, published in the languages whose text is given.

    Translations (a language other than the original with a title and a body) are approved by
    the editor through the translation workflow, as on the site; ``approve=False`` leaves them.
    ``compose(article)`` adds what else readers should see (citations, topics) before it is
    published: added later, it would wait for "Publish changes"."""

    def make(published=True, publish_at=None, approve=True, compose=None, **fields):
        values = {
            "title_en": "Grid links across the Caspian",
            "body_en": "<p>Body text.</p>",
            **fields,
        }
        article = Article(article_type=analysis, **values)
        article.full_clean()
        article.save()
        Authorship.objects.create(article=article, person=person)
        if compose is not None:
            compose(article)  # citations, topics …: in place before publishing
        if approve:
            approve_written_translations(article, by=editor)
        if published:
            publish(
                article, by=editor, at=publish_at or timezone.now() - timezone.timedelta(hours=1)
            )
        return article

    return make


@pytest.fixture
def topic(db):
    return Topic.objects.create(
        name_en="Energy", slug_en="energy", name_tr="Enerji", slug_tr="enerji"
    )


@pytest.fixture
def region(db):
    return Region.objects.create(
        name_en="Caucasus", slug_en="caucasus", name_tr="Kafkasya", slug_tr="kafkasya"
    )


@pytest.fixture
def source(db):
    return Source.objects.create(
        kind="news",
        title="Ministers agree on a subsea cable",
        outlet="Example Times",
        url="https://news.example.org/cable",
    )


@pytest.fixture
def cite():
    def make(article, source, number, **fields):
        return Citation.objects.create(article=article, source=source, number=number, **fields)

    return make


def pytest_terminal_summary(terminalreporter):
    """Say loudly when the browser tests or tests needing a private PostgreSQL cluster did not
    run."""
    from tests.browser.conftest import SKIPPED

    if SKIPPED:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(SKIPPED[0], red=True, bold=True)
    if clusters.SKIPPED:
        terminalreporter.section("REPLICA TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(clusters.SKIPPED[0], red=True, bold=True)
    if s3.SKIPPED:
        terminalreporter.section(
            "S3 STORAGE / TWO APP SERVER TESTS SKIPPED", sep="!", red=True, bold=True
        )
        terminalreporter.write_line(s3.SKIPPED[0], red=True, bold=True)
    if varnish.SKIPPED:
        terminalreporter.section("VARNISH TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(varnish.SKIPPED[0], red=True, bold=True)


@pytest.fixture
def make_user(db):
    """A staff user in an editorial role (a group made by the roles migration).

    No password unless one is given (hashing one costs half a second): use ``force_login``."""
    from django.contrib.auth.models import Group

    def make(username, role=None, password=None):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", password, is_staff=True
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def contributor(make_user):
    return make_user("carla", "Contributor")


@pytest.fixture
def role_editor(make_user):
    return make_user("edith", "Editor")


@pytest.fixture
def translator(make_user):
    return make_user("tariq", "Translator")


@pytest.fixture
def make_translator(make_user):
    """A user in the Translator role, assigned the given languages."""
    from articles.models import TranslatorLanguage

    def make(username, *languages, password=None):
        user = make_user(username, "Translator", password=password)
        for code in languages:
            TranslatorLanguage.objects.create(user=user, language=code)
        return user

    return make


@pytest.fixture
def turkish(make_translator):
    """A translator of Turkish."""
    return make_translator("tuna", "tr")


@pytest.fixture
def administrator(make_user):
    return make_user("adam", "Administrator")


@pytest.fixture
def fast_passwords(settings):
    """MD5 hashing for tests that create many users (never in production)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The public reading site's fixtures (a small site in three languages), for every test module.
from tests.public_fixtures import site  # noqa: E402, F401
from tests.s3 import s3_media, s3_server  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with nothing cached: pages kept by an earlier test show its data."""
    for cache in caches.all():
        cache.clear()
    yield
