"""Every public page type, in every language, passes the Nu HTML Checker with no errors."""

import json
import subprocess

import pytest
from django.utils import timezone

from articles.models import Article
from tests.browser.public_pages import all_page_urls, vnu_command

pytestmark = pytest.mark.django_db

BROKEN = "<!DOCTYPE html><html><head></head><body><p><div></p></body></html>"


def test_every_page_is_valid_html(client, site, tmp_path):
    """Home, list, article, people, person, topic, region, search and 404 pages in en/tr/ru: no vnu errors."""
    command = vnu_command()
    # Edited after publication: the page shows an "updated" time with microseconds.
    Article.objects.filter(pk=site.main.pk).update(updated_at=timezone.now())
    files = {}
    for name, url in all_page_urls(site).items():
        response = client.get(url)
        assert response.status_code == (404 if name.endswith("-404") else 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = url
    control = tmp_path / "control-broken.html"
    control.write_text(BROKEN, encoding="utf-8")

    result = subprocess.run(
        [
            *command,
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *sorted(files),
            control.as_posix(),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert any(m["url"].endswith("control-broken.html") for m in errors), (
        "vnu found nothing wrong in a broken page"
    )
    ours = [
        f"{files.get(m['url'], m['url'])}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '')!r}]"
        for m in errors
        if not m["url"].endswith("control-broken.html")
    ]
    assert ours == [], "\n".join(ours)
