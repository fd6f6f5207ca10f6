"""RSS 2.0 and Atom feeds of what is live in the page's language: all, one person's, one topic's.

/<lang>/feed/  /<lang>/feed/atom/
/<lang>/people/<slug>/feed/  /<lang>/people/<slug>/feed/atom/
/<lang>/topics/<slug>/feed/  /<lang>/topics/<slug>/feed/atom/
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Article, Authorship, Topic
from people.models import Person
from thinktank.languages import translated_value

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
        return Article.objects.live(self.lang)

    def items(self, obj):
        return (
            self.articles(obj)
            .select_related("article_type")
            .prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("person")),
                "topics",
                "regions",
            )
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
        return translated_value(item, "title", self.lang)

    def item_description(self, item):
        return translated_value(item, "summary", self.lang)

    def item_link(self, item):
        return item.get_absolute_url(self.lang)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at if item.updated_at and item.updated_at > item.publish_at else None

    def item_author_name(self, item):
        return ", ".join(authorship.person.full_name for authorship in item.authorships.all())

    def item_author_link(self, item):
        authorships = list(item.authorships.all())
        if len(authorships) == 1:
            return authorships[0].person.get_absolute_url()
        return None

    def item_categories(self, item):
        names = [translated_value(item.article_type, "name", self.lang)]
        names += [translated_value(topic, "name", self.lang) for topic in item.topics.all()]
        names += [translated_value(region, "name", self.lang) for region in item.regions.all()]
        return [name for name in names if name]


class AtomArticlesFeed(ArticlesFeed):
    feed_type = Atom1Feed


class PersonArticlesFeed(ArticlesFeed):
    """One person's articles live in the request's language."""

    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def articles(self, obj):
        return Article.objects.live(self.lang).filter(
            pk__in=Authorship.objects.filter(person=obj).values("article_id")
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
        lang = get_language()
        return get_object_or_404(Topic.objects.named_in(lang), **{f"slug_{lang}": slug})

    def articles(self, obj):
        return Article.objects.live(self.lang).filter(topics=obj)

    def title(self, obj):
        return _("%(site)s: %(topic)s") % {
            "site": settings.SITE_NAME,
            "topic": translated_value(obj, "name", self.lang),
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return self.title(obj)


class AtomTopicArticlesFeed(TopicArticlesFeed):
    feed_type = Atom1Feed
