"""The translation tools' admin pages (the project mounts them under /admin/, before the admin):
``/admin/<app>/<model>/<pk>/segments/<lang>/`` for articles, people and terms alike."""

from django.contrib import admin
from django.urls import path

from translation_tools import editor

app_name = "translation_tools"
urlpatterns = [
    path(
        "<str:app_label>/<str:model_name>/<int:pk>/segments/<str:lang>/",
        admin.site.admin_view(editor.segment_editor),
        name="segments",
    ),
    path(
        "<str:app_label>/<str:model_name>/<int:pk>/segments/<str:lang>/xliff/",
        admin.site.admin_view(editor.xliff_download),
        name="xliff",
    ),
]
