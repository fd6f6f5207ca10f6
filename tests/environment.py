"""Loaded by pytest before Django (``-p tests.environment`` in pyproject.toml).

Tests run the production settings (DEBUG off), so they need a secret; uploads go to a throw-away
folder; Playwright's sync API runs an event loop, so the ORM must be allowed inside it.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client and live server speak HTTP
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="thinktank-test-media-")
