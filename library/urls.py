from django.conf import settings
from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("documents/<int:pk>/<str:filename>", views.document, name="document"),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", views.media, name="media"),
]
