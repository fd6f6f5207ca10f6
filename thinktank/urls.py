from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.views import admin_login, two_factor_view
from articles.public.caching import listing
from articles.public.sitemaps import SITEMAPS
from articles.public.urls import (
    article_patterns,
    citation_patterns,
    home,
    people_patterns,
    preview_patterns,
)
from thinktank.views import healthz, readyz

admin.site.site_header = format_lazy(_("{site}: editorial office"), site=settings.SITE_NAME)
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = _("Editorial office")

urlpatterns = [
    path("admin/", include("translation_tools.urls")),  # before the admin
    path("admin/login/", admin_login, name="admin-login"),  # 429 while logins are refused
    path("admin/two-factor/", two_factor_view, name="two-factor"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("preview/", include(preview_patterns)),
    path("", include("library.urls")),  # documents, and media files when stored locally
    path("sitemap.xml", listing(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
]
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("", include(article_patterns)),
    path("", include(citation_patterns)),
    path("people/", include(people_patterns)),
)
