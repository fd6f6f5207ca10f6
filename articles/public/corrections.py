"""The corrections and updates log: every public note on a change to a published article.

``/<lang>/corrections/`` lists them newest first, ``/<lang>/corrections/feed/`` (RSS) and
``feed/atom/`` syndicate them; each names the article as it reads now in that language.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import ListView

from articles.models import Correction, LiveVersion
from articles.public.views import PAGE_SIZE, all_languages

FEED_SIZE = 30


def corrections_in(lang: str):
    """Corrections and updates readers of ``lang`` were told of, newest first: those with a note
    in ``lang``, on articles live in it."""
    live = LiveVersion.objects.visible(lang).values("article_id")
    return (
        Correction.objects.filter(visible_from__lte=timezone.now(), article_id__in=live)
        .exclude(**{f"note_{lang}": ""})
        .exclude(**{f"note_{lang}__isnull": True})
        .order_by("-visible_from", "-pk")
    )


def with_versions(corrections: list[Correction], lang: str) -> list[Correction]:
    """Give each correction ``version``: its article's live version in ``lang`` (one query)."""
    versions = {
        version.article_id: version
        for version in LiveVersion.objects.visible(lang).filter(
            article_id__in={item.article_id for item in corrections}
        )
    }
    for item in corrections:
        item.version = versions.get(item.article_id)
        item.text = getattr(item, f"note_{lang}")
    return [item for item in corrections if item.version is not None]


class CorrectionListView(ListView):
    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = PAGE_SIZE

    def get(self, request, *args, **kwargs):
        request.language_urls = all_languages("articles:corrections")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return corrections_in(get_language())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["corrections"] = with_versions(list(context["corrections"]), get_language())
        return context


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed

    def items(self):
        lang = get_language()
        return with_versions(list(corrections_in(lang)[:FEED_SIZE]), lang)

    def title(self):
        return _("%(site)s: corrections and updates") % {"site": settings.SITE_NAME}

    def link(self):
        return reverse("articles:corrections")

    def description(self):
        return _("Every correction and update to our published articles, newest first.")

    def subtitle(self):
        return self.description()

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.version.title}"

    def item_description(self, item):
        return escape(item.text)  # plain text, whatever characters it holds

    def item_link(self, item):
        return item.version.get_absolute_url() + "#corrections-title"

    def item_guid(self, item):
        return f"correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.visible_from

    def item_updateddate(self, item):
        return item.visible_from


class AtomCorrectionsFeed(CorrectionsFeed):
    feed_type = Atom1Feed
