from django.urls import path

from articles import preview

app_name = "preview"
urlpatterns = [
    path("articles/<int:pk>/<str:lang>/", preview.preview_article, name="article"),
    path("shared/<str:token>/", preview.shared_preview, name="shared"),
]
