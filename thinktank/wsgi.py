"""WSGI entry point (gunicorn thinktank.wsgi)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from thinktank.environment import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")

try:
    application = get_wsgi_application()
except ConfigurationError as exc:
    sys.exit(f"Configuration error: {exc}")
