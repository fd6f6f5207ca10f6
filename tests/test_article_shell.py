"""The uncached article page's shortcuts give exactly what the slow way gives: the site's frame
rendered once per language (``articles/public/shell.py``) is the template rendered each time,
and the compiled queries (``thinktank/compiled.py``) return what the ORM returns, at every
moment of a version's life."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import override

from articles.models import LiveVersion
from articles.public import article_queries, shell
from articles.public.article_queries import PAGE_FIELDS
from tests.public_fixtures import make_live_article
from thinktank.compiled import CompiledQuery

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def as_rendered_each_time(request, **parts):
    """The page as the template renders it, with every value (what the view did before)."""
    context = {**parts, "switcher_html": parts["switcher_html"]}
    return render_to_string(shell.TEMPLATE, context, request=request)


@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
@pytest.mark.parametrize(
    "language_urls",
    [{"en": "/en/articles/a/", "tr": "/tr/articles/b/", "ru": "/ru/articles/c/"},
     {"en": "/en/articles/a/?x=1&y=<2>"}, {}],
)  # fmt: skip
def test_the_frame_kept_per_language_is_the_template_rendered_each_time(lang, language_urls):
    for title in ("Pipelines & <politics>", "Ещё одна статья"):
        request = RequestFactory().get(f"/{lang}/articles/a/")
        request.language_urls = dict(language_urls)
        with override(lang):
            parts = {
                "title": title,
                "head_html": mark_safe('<meta name="x" content="1">'),
                "switcher_html": shell.switcher_html(request),
                "article_html": mark_safe("<article><p>Body &amp; notes</p></article>"),
                "similar_html": mark_safe(""),
            }
            for _ in range(2):  # made, then from the kept frame
                page = shell.article_page(request, **parts)
                assert page == as_rendered_each_time(request, **parts)
            switcher = render_to_string(
                "_language_switcher.html",
                {"LANGUAGE_CODE": lang, **shell.language_switcher(request)},
            )
            assert parts["switcher_html"] == switcher
    assert "Pipelines &amp; &lt;politics&gt;" in page or "Ещё одна статья" in page


def orm_version(lang, slug):
    return LiveVersion.objects.visible(lang).filter(slug=slug).only(*PAGE_FIELDS).first()


def same_version(compiled, orm):
    if orm is None:
        return compiled is None
    return all(
        getattr(compiled, name) == getattr(orm, name) for name in PAGE_FIELDS
    ) and isinstance(compiled, LiveVersion)


def test_compiled_queries_return_what_the_orm_returns_through_a_versions_life(site, editor):
    at = timezone.now() + datetime.timedelta(hours=1)
    scheduled = make_live_article(
        editor, site.analysis, [site.author], titles={"en": "Due at the hour"}, at=at
    )
    slug = scheduled.slug_en
    main = LiveVersion.objects.visible("en").get(article=site.main)
    ids = [site.main.pk, site.sibling.pk, scheduled.pk, 10**9]
    for moment in (None, at - datetime.timedelta(seconds=1), at + datetime.timedelta(seconds=1)):
        with time_machine.travel(moment or timezone.now()):
            for lang, wanted in (("en", slug), ("en", main.slug), ("tr", main.slug), ("en", "x")):
                assert same_version(
                    article_queries.visible_version(lang, wanted), orm_version(lang, wanted)
                ), (moment, lang, wanted)
            for lang in ("en", "tr"):
                assert article_queries.visible_cards(lang, ids) == dict(
                    LiveVersion.objects.visible(lang)
                    .filter(article_id__in=ids)
                    .values_list("article_id", "rendered_card")
                )
    with time_machine.travel(at + datetime.timedelta(seconds=1)):
        assert article_queries.visible_version("en", slug).title == "Due at the hour"
    assert article_queries.visible_version("en", slug) is None  # not yet
    assert article_queries.visible_cards("en", []) == {}


def test_the_article_page_runs_its_queries_compiled(client, site):
    """Its two queries are compiled, not silently left to the ORM (which is 2-3 times slower)."""
    assert client.get(site.urls("en")["article"]).status_code == 200
    for query in (article_queries._version, article_queries._cards):
        assert query._compiled and None not in query._compiled.values()


def test_a_query_whose_values_cannot_be_mapped_runs_through_the_orm(site, caplog):
    """A value that does not become a parameter of the SQL is not guessed at: the ORM runs."""
    query = CompiledQuery(
        lambda title: LiveVersion.objects.order_by("pk").values_list("pk")[:1], title=str
    )
    assert query.rows("default", title="x") == list(
        LiveVersion.objects.order_by("pk").values_list("pk")[:1]
    )
    assert "not compiled" in caplog.text
