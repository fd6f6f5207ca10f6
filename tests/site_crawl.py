"""Crawl the public site through Django's test client and record every page (run as a script).

``python -m tests.site_crawl OUT.json AT`` with ``DATABASE_URL`` (and ``MEDIA_ROOT``) naming a site,
the clock stopped at ``AT`` (ISO 8601; what a page says of "now", such as an empty feed's date,
is then the same on two sites):
starts from the URL contract's entry points (home, lists, people, feeds, corrections, sitemap,
robots, a search per language) and follows every link to the site that a page, feed or sitemap
gives, the admin, previews, static and media files left out. Writes ``{url: [status,
content type, body or redirect target]}``: two sites with the same content give the same file.
"""

import hashlib
import json
import os
import re
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import django
import time_machine
from django.conf import settings
from django.test import Client

LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']|<(?:loc|link|id)>([^<]+)</""")
LEFT_OUT = ("/admin/", "/static/", "/media/", "/preview/")
# A word found in the demo's articles, per language, for the search pages.
SEARCH_WORDS = {"en": "gas", "tr": "gaz", "ru": "газ"}
LIMIT = 3000


def entry_points(languages):
    yield from ("/", "/sitemap.xml", "/robots.txt")
    for lang in languages:
        for path in ("", "articles/", "people/", "feed/", "feed/atom/", "corrections/"):
            yield f"/{lang}/{path}"
        if lang in SEARCH_WORDS:
            yield f"/{lang}/search/?q={SEARCH_WORDS[lang]}"


def site_path(link):
    """The path (and query) of a link to this site, or None."""
    link, _ = urldefrag(link.strip().replace("&amp;", "&"))
    parts = urlsplit(link)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or path.startswith(LEFT_OUT):
        return None
    return path


def crawl(client, languages):
    pages = {}
    queue = deque(entry_points(languages))
    seen = set(queue)
    while queue and len(pages) < LIMIT:
        path = queue.popleft()
        response = client.get(path)
        kind = response.get("Content-Type", "")
        if response.status_code in (301, 302):
            body = response["Location"]
            links = [body]
        else:
            raw = b"".join(response) if response.streaming else response.content
            textual = "text" in kind or "xml" in kind or "json" in kind
            # Images and PDFs are compared by their bytes' hash, pages by their text.
            body = raw.decode() if textual else hashlib.sha256(raw).hexdigest()
            links = [a or b for a, b in LINK.findall(body)] if textual else []
        pages[path] = [response.status_code, kind, body]
        for link in links:
            target = site_path(link)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages


def main(out, at):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    django.setup()
    languages = [code for code, _name in settings.LANGUAGES]
    with time_machine.travel(at, tick=False):
        pages = crawl(Client(), languages)
    Path(out).write_text(json.dumps(pages, ensure_ascii=False, indent=0, sort_keys=True))


if __name__ == "__main__":
    main(*sys.argv[1:])
