"""Screenshots of the reading site at a phone's and a desktop's width (``make screenshots``).

    python bench/screenshots.py http://127.0.0.1:8000 docs/screenshots

Takes home, an article in each language, an expert, the topics index, search and a 404 at 390 and
1280 px into ``docs/screenshots/<page>-<width>.png``, using the system Chromium."""

import re
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
WIDTHS = (390, 1280)


def fetch(base: str, path: str) -> str:
    return urllib.request.urlopen(base + path).read().decode()  # noqa: S310 - our own server


def pages(base: str) -> dict[str, str]:
    """The pages to take: an article read in all three languages, and the 404 of one that is
    not in Russian."""
    articles = dict.fromkeys(
        re.findall(r'href="(/en/articles/[^"?]+/)"', fetch(base, "/en/articles/"))
    )
    found = {"home": "/en/"}
    english_only = None
    for path in articles:
        html = fetch(base, path)
        others = {
            lang: re.search(rf'<a href="(/{lang}/articles/[^"]+/)" lang="{lang}"', html)
            for lang in ("tr", "ru")
        }
        if all(others.values()) and "article-en" not in found:
            found["article-en"] = path
            found.update({f"article-{lang}": match.group(1) for lang, match in others.items()})
        if not others["ru"] and english_only is None:
            english_only = path
    expert = re.search(r'href="(/en/people/[^"/]+/)"', fetch(base, "/en/people/")).group(1)
    found.update({"expert": expert, "topics": "/en/topics/", "search": "/en/search/?q=energy"})
    found["404"] = english_only.replace("/en/", "/ru/", 1) if english_only else "/ru/nowhere/"
    return found


def main(base: str, out: str) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in pages(base).items():
                page.goto(base + path)
                page.screenshot(path=folder / f"{name}-{width}.png", full_page=width == 1280)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
