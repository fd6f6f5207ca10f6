"""The reading site's addresses (the URL contract of ``docs/design.md``), by namespace."""

from django.urls import path, re_path

from articles.public import corrections, exports, feeds, people, preview, terms, views
from articles.public.caching import listing

home = listing(views.HomeView.as_view())

article_patterns = (
    [
        path("articles/", listing(views.ArticleListView.as_view()), name="list"),
        path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
        path("topics/", listing(terms.TopicIndexView.as_view()), name="topics"),
        path("regions/", listing(terms.RegionIndexView.as_view()), name="regions"),
        path("topics/<slug:slug>/", listing(views.TopicView.as_view()), name="topic"),
        path("regions/<slug:slug>/", listing(views.RegionView.as_view()), name="region"),
        path("search/", views.SearchView.as_view(), name="search"),
        path("corrections/", listing(corrections.CorrectionListView.as_view()), name="corrections"),
        path("corrections/feed/", listing(corrections.CorrectionsFeed()), name="corrections-feed"),
        path(
            "corrections/feed/atom/",
            listing(corrections.AtomCorrectionsFeed()),
            name="corrections-feed-atom",
        ),
        path("feed/", listing(feeds.ArticlesFeed()), name="feed"),
        path("feed/atom/", listing(feeds.AtomArticlesFeed()), name="feed-atom"),
        path("topics/<slug:slug>/feed/", listing(feeds.TopicArticlesFeed()), name="topic-feed"),
        path(
            "topics/<slug:slug>/feed/atom/",
            listing(feeds.AtomTopicArticlesFeed()),
            name="topic-feed-atom",
        ),
    ],
    "articles",
)

citation_patterns = (
    [
        re_path(
            r"^articles/(?P<slug>[-\w]+)/citation\.(?P<fmt>bib|ris|json)$",
            listing(exports.article_citation),
            name="article-citation",
        ),
        re_path(
            r"^articles/(?P<slug>[-\w]+)/references\.(?P<fmt>bib|ris|json)$",
            listing(exports.article_references),
            name="article-references",
        ),
    ],
    "citations",
)

people_patterns = (
    [
        path("", listing(people.PersonListView.as_view()), name="list"),
        path("<slug:slug>/", listing(people.PersonDetailView.as_view()), name="detail"),
        path("<slug:slug>/feed/", listing(feeds.PersonArticlesFeed()), name="feed"),
        path("<slug:slug>/feed/atom/", listing(feeds.AtomPersonArticlesFeed()), name="feed-atom"),
    ],
    "people",
)

preview_patterns = (
    [
        path("articles/<int:pk>/<str:lang>/", preview.preview_article, name="article"),
        path("shared/<str:token>/", preview.shared_preview, name="shared"),
    ],
    "preview",
)
