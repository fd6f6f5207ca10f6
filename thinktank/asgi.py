"""ASGI entry point."""

import os
import sys

from django.core.asgi import get_asgi_application

from thinktank.environment import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")

try:
    application = get_asgi_application()
except ConfigurationError as exc:
    sys.exit(f"Configuration error: {exc}")
