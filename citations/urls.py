from django.urls import re_path

from citations import views

app_name = "citations"
urlpatterns = [
    re_path(
        r"^articles/(?P<slug>[-\w]+)/citation\.(?P<fmt>bib|ris|json)$",
        views.article_citation,
        name="article-citation",
    ),
    re_path(
        r"^articles/(?P<slug>[-\w]+)/references\.(?P<fmt>bib|ris|json)$",
        views.article_references,
        name="article-references",
    ),
]
