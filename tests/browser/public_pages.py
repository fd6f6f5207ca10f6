"""Shared by the HTML-validity and accessibility tests: every public page type, every language."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import SKIPPED

VNU_VERSION = "26.9.27"
PAGE_KINDS = ["home", "list", "article", "people", "person", "topic", "region", "search", "404"]
# A query that finds the main article in every language (results, snippets and filters shown).
SEARCH_QUERY = {"en": "cable", "tr": "kablo", "ru": "кабель"}


def all_page_urls(site):
    """``{"tr-article": "/tr/articles/..."}`` for every page type in every language."""
    urls = {}
    for lang in ("en", "tr", "ru"):
        for kind, url in site.urls(lang).items():
            urls[f"{lang}-{kind}"] = url
        urls[f"{lang}-search"] = f"/{lang}/search/?q={SEARCH_QUERY[lang]}"
        urls[f"{lang}-404"] = f"/{lang}/articles/no-such-article/"
    return urls


def tool_missing(message):
    """Skip loudly (red banner) where a checking tool is missing; fail in CI (REQUIRE_BROWSER=1)."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " — REQUIRE_BROWSER=1 makes this a failure.", pytrace=False)
    if message not in SKIPPED:
        SKIPPED.append(message)
    pytest.skip(message)


def vnu_command():
    """``java -jar vnu.jar`` from node_modules (``make test`` installs it), or skip loudly."""
    java = shutil.which("java")
    jar = Path(
        os.environ.get("VNU_JAR")
        or Path(settings.BASE_DIR) / "node_modules/vnu-jar/build/dist/vnu.jar"
    )
    if java is None:
        tool_missing(
            "Java not found: HTML validity tests skipped (apt-get install default-jre-headless)"
        )
    if not jar.exists():
        tool_missing(
            f"vnu.jar not found: HTML validity tests skipped (npm install --no-save vnu-jar@{VNU_VERSION})"
        )
    return [java, "-jar", str(jar)]
