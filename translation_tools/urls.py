"""The translation tools' admin pages (the project mounts them under /admin/articles/article/)."""

from django.contrib import admin
from django.urls import path

from translation_tools import editor

app_name = "translation_tools"
urlpatterns = [
    path(
        "<int:pk>/segments/<str:lang>/",
        admin.site.admin_view(editor.segment_editor),
        name="segments",
    ),
    path(
        "<int:pk>/segments/<str:lang>/xliff/",
        admin.site.admin_view(editor.xliff_download),
        name="xliff",
    ),
]
