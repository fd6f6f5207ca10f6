from django.urls import path

from articles import feeds
from people import views

app_name = "people"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("<slug:slug>/", views.PersonDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", feeds.PersonArticlesFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", feeds.AtomPersonArticlesFeed(), name="feed-atom"),
]
