"""Machine translation: off by default (nothing sent), LibreTranslate and DeepL adapters against a
local fake server, placeholders kept, suggestions marked as machine-made until saved."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from articles.models import Article
from translation_tools import machine
from translation_tools.models import SegmentDraft
from translation_tools.units import article_fields

pytestmark = [pytest.mark.django_db]

WORDS = {"Ministers": "Bakanlar", "met": "buluştu", "Baku": "Bakü", "cable": "kablo",
         "Delays": "Gecikmeler", "expected": "bekleniyor"}  # fmt: skip


def fake_translate(xml: str) -> str:
    """Word by word, tags untouched: what a service with tag handling does."""
    pieces = re.split(r"(<[^>]+>)", xml)
    return "".join(
        piece if piece.startswith("<") else re.sub(r"\w+", lambda m: WORDS.get(m[0], m[0]), piece)
        for piece in pieces
    )


class FakeService(BaseHTTPRequestHandler):
    requests: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeService.requests.append((self.path, dict(self.headers), body))
        if self.path == "/translate":
            answer = {"translatedText": [fake_translate(q) for q in body["q"]]}
        elif self.path == "/v2/translate":
            answer = {"translations": [{"text": fake_translate(t)} for t in body["text"]]}
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def service():
    FakeService.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeService)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def article(make_article):
    return make_article(
        title_en="The cable",
        body_en='<p>Ministers met in <a href="https://example.org/">Baku</a>.<sup data-citation="1">[1]</sup></p>'
        "<p>Delays expected.</p>",
    )


@pytest.fixture
def turkish(make_translator):
    return make_translator("tuna", "tr")


def editor_page(user, article, data=None):
    client = Client()
    client.force_login(user)
    url = f"/admin/articles/article/{article.pk}/segments/tr/"
    if data is None:
        return client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def test_off_by_default_and_nothing_is_sent(article, turkish, service):
    """No setting: no button, and a crafted request sends nothing anywhere."""
    assert machine.backend() is None
    assert "_machine" not in editor_page(turkish, article).content.decode()
    response = editor_page(turkish, article, {"_machine": "1"})
    assert "Machine translation is not configured." in response.content.decode()
    assert FakeService.requests == []


@pytest.mark.parametrize("backend", ["LibreTranslate", "DeepL"])
def test_adapters_keep_placeholders_and_markers(backend, service, settings):
    """Both adapters send tags as XML and read the answer back into tagged text."""
    settings.MACHINE_TRANSLATION = {
        "BACKEND": f"translation_tools.machine.{backend}", "URL": service, "API_KEY": "k",
    }  # fmt: skip
    texts = ["Ministers met in {1}Baku{/1}.[1]", "Delays & expected."]
    assert machine.backend().translate(texts, "en", "tr") == [
        "Bakanlar buluştu in {1}Bakü{/1}.[1]",
        "Gecikmeler & bekleniyor.",
    ]
    path, headers, body = FakeService.requests[0]
    if backend == "DeepL":
        assert path == "/v2/translate" and headers["Authorization"] == "DeepL-Auth-Key k"
        assert body["tag_handling"] == "xml" and body["target_lang"] == "TR"
    else:
        assert path == "/translate" and body["format"] == "html" and body["api_key"] == "k"
    assert 'Ministers met in <g id="1">Baku</g>.<x id="fn1"/>' in json.dumps(
        body, ensure_ascii=False
    ).replace('\\"', '"')


def test_suggestions_fill_empty_segments_marked_as_machine_until_saved(
    article, turkish, service, settings
):
    """The button fills empty segments, marked as machine-made; nothing is saved until Save."""
    settings.MACHINE_TRANSLATION = {
        "BACKEND": "translation_tools.machine.LibreTranslate", "URL": service,
    }  # fmt: skip
    fields = {f.key: f for f in article_fields(article, "tr")}
    title_name = f"t-title-{fields['title'].source.segments[0].id}"
    response = editor_page(turkish, article, {title_name: "Kablo hattı", "_machine": "1"})
    html = response.content.decode()
    assert "Machine suggestions were added to 2 empty segments" in html
    assert "Machine suggestion: check it" in html
    assert "Bakanlar buluştu in {1}Bakü{/1}.[1]</textarea>" in html
    assert "Kablo hattı</textarea>" in html  # the translator's own text is left alone
    assert not Article.objects.get(pk=article.pk).title_tr
    body = fields["body"].source.segments
    data = {
        title_name: "Kablo hattı",
        f"t-body-{body[0].id}": "Bakanlar buluştu in {1}Bakü{/1}.[1]",
        f"mt-t-body-{body[0].id}": "Bakanlar buluştu in {1}Bakü{/1}.[1]",
        f"mt-t-body-{body[1].id}": "Gecikmeler bekleniyor.",
        "_save": "1",
    }
    assert editor_page(turkish, article, data).status_code == 302
    draft = SegmentDraft.objects.get(segment=body[0].id)
    assert draft.origin == SegmentDraft.Origin.MACHINE
    assert Article.objects.get(pk=article.pk).title_tr == "Kablo hattı"


def test_a_service_that_does_not_answer_changes_nothing(article, turkish, settings):
    """A dead service: a message, nothing saved or sent elsewhere."""
    settings.MACHINE_TRANSLATION = {
        "BACKEND": "translation_tools.machine.LibreTranslate", "URL": "http://127.0.0.1:9",
        "TIMEOUT": 2,
    }  # fmt: skip
    html = editor_page(turkish, article, {"_machine": "1"}).content.decode()
    assert "The machine translation service did not answer; nothing changed." in html
    assert not SegmentDraft.objects.exists()
