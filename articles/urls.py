from django.urls import path

from articles import feeds, views

app_name = "articles"
urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("topics/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("regions/<slug:slug>/", views.RegionView.as_view(), name="region"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.ArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.AtomArticlesFeed(), name="feed-atom"),
    path("topics/<slug:slug>/feed/", feeds.TopicArticlesFeed(), name="topic-feed"),
    path("topics/<slug:slug>/feed/atom/", feeds.AtomTopicArticlesFeed(), name="topic-feed-atom"),
]
