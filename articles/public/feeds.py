"""RSS 2.0 and Atom feeds of what is live in the page's language: all, one person's, one topic's.

/<lang>/feed/  /<lang>/feed/atom/
/<lang>/people/<slug>/feed/  /<lang>/people/<slug>/feed/atom/
/<lang>/topics/<slug>/feed/  /<lang>/topics/<slug>/feed/atom/
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import LiveVersion, Topic
from articles.models.translation import public_value
from people.models import Person

FEED_SIZE = 30


class ArticlesFeed(Feed):
    """The latest articles live in the request's language."""

    feed_type = Rss201rev2Feed

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
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        """The last update or correction readers were told of (``<updated>`` in Atom)."""
        return item.modified_at

    def item_author_name(self, item):
        return ", ".join(authorship.person.full_name for authorship in item.authorships.all())

    def item_author_link(self, item):
        authorships = list(item.authorships.all())
        if len(authorships) == 1:
            return authorships[0].person.get_absolute_url()
        return None

    def item_categories(self, item):
        terms = [item.article_type, *item.topics.all(), *item.regions.all()]
        names = [public_value(term, "name", self.lang) for term in terms]
        return [name for name in names if name]


class AtomArticlesFeed(ArticlesFeed):
    feed_type = Atom1Feed


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
    feed_type = Atom1Feed


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
    feed_type = Atom1Feed
