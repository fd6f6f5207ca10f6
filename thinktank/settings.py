"""Settings for the think-tank CMS, read from the environment (see README, "Configuration")."""

import hashlib
import os
import tempfile
from pathlib import Path

from thinktank.editor_images import with_library_images
from thinktank.environment import (
    ConfigurationError,
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    replica_databases,
)
from thinktank.languages import REGISTRY, settings_languages

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigurationError(
            "SECRET_KEY must be set when DEBUG is off (export SECRET_KEY=...)."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "django_prose_editor",  # the alternative editor (RICH_TEXT_WIDGET=prose)
    "django_otp",  # optional two-factor login (TWO_FACTOR_REQUIRED_ROLES)
    "django_otp.plugins.otp_totp",
    "reversion",
    "django_tasks",
    "django_rq",
    "thinktank",
    "audit",
    "people",
    "citations",
    "library",  # the media library: images and documents
    "articles",
    "importers",
    "translation_tools",
    "accounts",  # last: its post_migrate makes the roles once every app's permissions exist
]

MIDDLEWARE = [
    "thinktank.request_id.RequestIdMiddleware",  # first: every response and log line gets one
    # Second: a hit runs nothing below, and a kept page has every header the stack below gives
    # it (thinktank/pagehits.py answers most hits before Django, from the same entries).
    "thinktank.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "thinktank.pagecache.CompressionMiddleware",
    # Below compression, so it reads HTML (a CKEditor page gets its own policy).
    "thinktank.security_headers.SecurityHeadersMiddleware",
    "thinktank.request_limits.RequestLimitsMiddleware",  # 413/400 before a body is read
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.session_timeouts.SessionTimeoutMiddleware",  # idle and absolute session limits
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",  # off without TWO_FACTOR_REQUIRED_ROLES
    "thinktank.replicas.ReplicaReadsMiddleware",  # not used without DATABASE_REPLICA_URLS
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "importers.redirects.OldAddressMiddleware",  # a 404 on an imported post's old address
]

ROOT_URLCONF = "thinktank.urls"
WSGI_APPLICATION = "thinktank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thinktank.context_processors.site",
            ],
            # The reading site's tags live with it in articles/public/.
            "libraries": {
                "citations": "articles.public.templatetags.citations",
                "metadata": "articles.public.templatetags.metadata",
                "reading": "articles.public.templatetags.reading",
            },
        },
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Read replicas (thinktank/replicas.py): anonymous readers' pages read one of them; everything
# else, and a browser for some seconds after it wrote, reads the primary.
_replicas = replica_databases(env_list("DATABASE_REPLICA_URLS"), base_dir=BASE_DIR)
DATABASES.update(_replicas)
DATABASE_REPLICAS = list(_replicas)
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 10)
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["thinktank.routers.PrimaryReplicaRouter"]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "thinktank.cache.RedisCache",  # Django's, reusing its Redis clients
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "thinktank",
        }
    }
else:
    # Without Redis, each process keeps its own pages; what changed is shared through files,
    # so an invalidation in one gunicorn worker reaches the others.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pagecache-tags": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "PAGE_CACHE_TAGS_DIR",
                str(
                    Path(tempfile.gettempdir())
                    / f"thinktank-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:10]}-tags"
                ),
            ),
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }

# The public pages' cache (thinktank/pagecache.py): how long a page may be kept at most, and the
# CDNs or Varnish servers told (HTTP BAN with X-Cache-Tags) to forget pages that changed.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Each process's ready-to-send copies of the pages it served (thinktank/pagestore.py), in bytes.
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024, minimum=0)
# How long such a copy is trusted, with Redis, without Redis answering on the process's tracking
# connection (thinktank/tracking.py); 0: every hit asks Redis.
PAGE_CACHE_TRUST_SECONDS = env_int("PAGE_CACHE_TRUST_SECONDS", 1, minimum=0)
CDN_STALE_SECONDS = env_int("CDN_STALE_SECONDS", 60)
CDN_PURGE_URLS = env_list("CDN_PURGE_URLS")

# Background jobs (thinktank/tasks.py): Django's tasks API (django-tasks). On Redis through RQ
# when REDIS_URL is set (workers: manage.py rqworker --with-scheduler), else run at once in the
# process that enqueues them, so the SQLite demo needs no other service.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "rq": "django_tasks_rq.RQBackend",
}
TASKS_BACKEND = env_choice(
    "TASKS_BACKEND", TASKS_BACKENDS, default="rq" if REDIS_URL else "immediate"
)
if TASKS_BACKEND == "rq" and not REDIS_URL:
    raise ConfigurationError("TASKS_BACKEND=rq needs REDIS_URL (redis://host:6379/0).")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}
RQ = {"JOB_CLASS": "django_tasks_rq.Job"}  # rqworker runs django-tasks' jobs
RQ_SHOW_ADMIN_LINK = False  # its pages only ask for staff status; failures are listed in our admin

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttle (accounts/login_throttle.py): failed logins allowed per user name and per
# address within the window, after which logins are refused until the failures age out.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# Two-factor login (accounts/two_factor.py): roles that must give a code from an authenticator
# app after their password, e.g. "Editor,Administrator"; none by default.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES")
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Meridian Institute")
# The header a trusted proxy sets to the client's address (e.g. X-Real-IP); else REMOTE_ADDR.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "")

# Languages (thinktank/languages.py): every reader-facing text field exists once per language
# (django-modeltranslation); the first language of the registry is the default.
LANGUAGE_CODE = REGISTRY[0].code
LANGUAGES = settings_languages()
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thinktank.formats"]  # dates typed as 01.07.2024 in every language
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
# Public pages never show another language's text in place of a missing one.
MODELTRANSLATION_FALLBACK_LANGUAGES = ()
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "thinktank.static_finders.AppDirectoriesFinder",  # without CKEditor's samples and tests
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media on an S3-compatible object store (AWS S3, MinIO, Ceph, R2 …) when a bucket is named: the
# objects must be publicly readable (pages link to them directly, rendered when published).
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    _s3_endpoint = os.environ.get("MEDIA_S3_ENDPOINT_URL") or None
    STORAGES["default"] = {
        "BACKEND": "library.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": _s3_endpoint,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", ""),
            "addressing_style": "path" if _s3_endpoint else None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# Bounded input (thinktank/request_limits.py): no request body above this is read (413).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)

# Rich text: the widget is chosen here only, so another editor needs no migration (README,
# "Rich-text editors"): RICH_TEXT_WIDGET=ckeditor (CKEditor 4, the default) or prose
# (django-prose-editor); thinktank/editors.py.
RICH_TEXT_WIDGETS = {
    "ckeditor": "ckeditor.widgets.CKEditorWidget",
    "prose": "thinktank.editors.ProseWidget",
}
RICH_TEXT_WIDGET = RICH_TEXT_WIDGETS[
    env_choice("RICH_TEXT_WIDGET", RICH_TEXT_WIDGETS, default="ckeditor")
]
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Superscript", "Subscript"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink", "Table"],
            ["RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        # Markup the server keeps (thinktank/richtext.py) that no toolbar button makes: CKEditor
        # would otherwise drop it on load, so an unchanged text would come back changed.
        "extraAllowedContent": (
            "sup[data-citation]; ol[start]; th[scope,colspan,rowspan]; td[colspan,rowspan]; "
            "*[lang,title]"
        ),
        "entities": False,
        # No PDF export service, no remote spell checkers; no call home to check the version.
        "removePlugins": "exportpdf,scayt,wsc",
        "versionCheck": False,
        "height": 320,
        "width": "100%",
    }
}
# The image button: pictures from the media library only (thinktank/editor_images.py).
CKEDITOR_CONFIGS["default"] = with_library_images(CKEDITOR_CONFIGS["default"], STATIC_URL)
# README, "Security": CKEditor 4 is end-of-life, the server's sanitizer is the boundary (W001);
# HSTS preload is a one-way commitment a site makes on purpose (W021).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001", "security.W021"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "editors@thinktank.example")

SITE_NAME = os.environ.get("SITE_NAME", "Meridian Institute")
# The footer's links (thinktank/site_links.py); each is left out while empty.
SITE_ABOUT_URL = os.environ.get("SITE_ABOUT_URL", "")
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "")
SITE_NEWSLETTER_URL = os.environ.get("SITE_NEWSLETTER_URL", "")
# "Name=https://…" pairs separated by spaces, e.g. "X=https://x.com/meridian LinkedIn=https://…"
SITE_SOCIAL_LINKS = os.environ.get("SITE_SOCIAL_LINKS", "")

SESSION_COOKIE_HTTPONLY = True
# An admin session ends this many seconds after login (a working day), whatever is done in it,
# and after SESSION_IDLE_MINUTES without a request (accounts/session_timeouts.py).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60, minimum=60)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"  # no page of ours is framed, not even by the admin
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS (README, "Security"): behind a TLS proxy, X-Forwarded-Proto tells Django the request was
# secure (only set TRUST_X_FORWARDED_PROTO when the proxy overwrites that header).
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes speak plain HTTP inside
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Content-Security-Policy and Permissions-Policy: thinktank/security_headers.py.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", default=False)
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")

# Logs: one JSON object per line (thinktank/logs.py) with the request's id, and one line per
# request from thinktank/request_id.py; LOG_FORMAT=text for people reading a terminal.
LOG_FORMAT = env_choice("LOG_FORMAT", {"json", "text"}, default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "thinktank.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "thinktank.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # One line per request; runserver prints its own, so only without DEBUG by default.
    "loggers": {
        "thinktank.requests": {
            "level": os.environ.get("REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "INFO")
        }
    },
}

# modeltranslation's tabs need jQuery UI; serve our own copy instead of a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
