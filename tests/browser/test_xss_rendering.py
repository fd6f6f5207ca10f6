"""The shared XSS corpus typed into every text field runs nowhere on the rendered pages."""

import json

import pytest
from django.utils import timezone

from articles.models import Highlight
from citations.models import Citation, Source
from tests.test_richtext import xss_payloads

pytestmark = pytest.mark.django_db(transaction=True)

TRAP = """
window.__xss = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__xss.push(name + ':' + args.join(',')); };
}
"""


def test_xss_corpus_does_not_run_on_public_pages(page, make_article, person):
    """Title, summary, highlights, body, notes, source and biography all carry every payload; nothing fires."""
    payloads = xss_payloads()
    everything = "\n".join(payloads)
    article = make_article(
        title_en=payloads[0][:300],
        slug_en="xss",
        summary_en=everything,
        body_en="".join(f"<p>{p}</p>" for p in payloads),
    )
    for index, payload in enumerate(payloads[1:6]):
        Highlight.objects.create(article=article, text_en=payload[:400], sort_order=index)
    source = Source.objects.create(
        kind="web",
        title=everything[:500],
        outlet=payloads[7][:300],
        url="https://www.example.com/x",
    )
    Citation.objects.create(
        article=article,
        source=source,
        number=1,
        accessed_on=timezone.localdate(),
        note_en=everything,
    )
    person.biography_en = everything
    person.position_en = payloads[8][:200]
    person.save()

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(TRAP)
    for url in ["/en/", "/en/articles/xss/", person.get_absolute_url()]:
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") == [], url
        # Our JSON-LD blocks (the page's own, and the article's breadcrumbs) are data, never run,
        # and each stays one whole schema.org object; any other inline script is an injection.
        blocks = page.locator("script[type='application/ld+json']").all_text_contents()
        assert 1 <= len(blocks) <= 2, url
        assert all(json.loads(block) and "https://schema.org" in block for block in blocks), url
        assert (
            page.locator("script:not([src^='/static/']):not([type='application/ld+json'])").count()
            == 0
        ), url
        assert (
            page.locator(
                "[onerror], [onload], [onclick], [onmouseover], iframe, object, embed"
            ).count()
            == 0
        ), url
        if url == "/en/articles/xss/":
            assert page.locator("h1").first.inner_text() == payloads[0][:300].strip()
    assert dialogs == []
