"""RSS 2.0 and Atom feeds of what is live in the page's language: all, one person's, one topic's.

/<lang>/feed/  /<lang>/feed/atom/
/<lang>/people/<slug>/feed/  /<lang>/people/<slug>/feed/atom/
/<lang>/topics/<slug>/feed/  /<lang>/topics/<slug>/feed/atom/
"""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import LiveVersion, Topic
from articles.models.translation import public_value
from people.models import Person

FEED_SIZE = 30


class AtomWithAuthors(Atom1Feed):
    """Atom with one ``<author>`` per credited person, each with the absolute ``<uri>`` of their
    page (Django's writes a single author)."""

    def add_item_elements(self, handler, item):
        authors = item.get("authors") or []
        super().add_item_elements(handler, {**item, "author_name": None} if authors else item)
        for name, path in authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", urljoin(item["link"], path))
            handler.endElement("author")


class ArticlesFeed(Feed):
    """The latest articles live in the request's language.

    Summaries are plain text: they are escaped into the feed's HTML fields, so markup typed in a
    summary reaches a feed reader as the text it is. An ``If-Modified-Since`` no older than the
    newest entry is answered with 304."""

    feed_type = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if last_modified is None:
            return response
        return get_conditional_response(request, last_modified=last_modified, response=response)

    @property
    def lang(self):
        return get_language()

    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj):
        return LiveVersion.objects.visible(self.lang)

    def items(self, obj):
        return (
            self.articles(obj)
            .for_listing()
            .prefetch_related("topics__translations", "regions__translations")
            .order_by("-publish_at", "-pk")[:FEED_SIZE]
        )

    def title(self, obj):
        return _("%(site)s: publications") % {"site": settings.SITE_NAME}

    def link(self, obj):
        return reverse("home")

    def description(self, obj):
        return _("Analyses, commentaries and reports by the experts of %(site)s.") % {
            "site": settings.SITE_NAME
        }

    def subtitle(self, obj):  # Atom's description
        return self.description(obj)

    def feed_copyright(self, obj):
        return settings.SITE_NAME

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        """The last update or correction readers were told of, else the publication (Atom's
        required ``<updated>``)."""
        return item.modified_at or item.publish_at or item.visible_from

    def item_author_name(self, item):
        return ", ".join(authorship.person.full_name for authorship in item.authorships.all())

    def item_author_link(self, item):
        authorships = list(item.authorships.all())
        if len(authorships) == 1:
            return authorships[0].person.get_absolute_url()
        return None

    def item_extra_kwargs(self, item):
        return {
            "authors": [
                (authorship.person.full_name, authorship.person.get_absolute_url())
                for authorship in item.authorships.all()
            ]
        }

    def item_categories(self, item):
        terms = [item.article_type, *item.topics.all(), *item.regions.all()]
        names = [public_value(term, "name", self.lang) for term in terms]
        return [name for name in names if name]


class AtomArticlesFeed(ArticlesFeed):
    feed_type = AtomWithAuthors


class PersonArticlesFeed(ArticlesFeed):
    """One person's articles live in the request's language."""

    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def articles(self, obj):
        return LiveVersion.objects.visible(self.lang).filter(
            pk__in=LiveVersion.objects.filter(authorships__person=obj).values("pk")
        )

    def title(self, obj):
        return _("%(site)s: publications by %(name)s") % {
            "site": settings.SITE_NAME,
            "name": obj.display_name,
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return self.title(obj)


class AtomPersonArticlesFeed(PersonArticlesFeed):
    feed_type = AtomWithAuthors


class TopicArticlesFeed(ArticlesFeed):
    """A topic's articles live in the request's language."""

    def get_object(self, request, slug):
        topic = Topic.objects.with_public_slug(get_language(), slug).first()
        if topic is None:
            raise Http404
        return topic

    def articles(self, obj):
        return LiveVersion.objects.visible(self.lang).filter(topics=obj)

    def title(self, obj):
        return _("%(site)s: %(topic)s") % {
            "site": settings.SITE_NAME,
            "topic": public_value(obj, "name", self.lang),
        }

    def link(self, obj):
        return reverse("articles:topic", kwargs={"slug": public_value(obj, "slug", self.lang)})

    def description(self, obj):
        return self.title(obj)


class AtomTopicArticlesFeed(TopicArticlesFeed):
    feed_type = AtomWithAuthors
