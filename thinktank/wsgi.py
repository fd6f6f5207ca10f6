"""WSGI entry point (gunicorn thinktank.wsgi): Django, behind the page cache's hit path
(``thinktank.pagehits``: cached pages answered without running Django)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from thinktank.environment import ConfigurationError
from thinktank.pagehits import CachedPages

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")

try:
    application = CachedPages(get_wsgi_application())
except ConfigurationError as exc:
    sys.exit(f"Configuration error: {exc}")
