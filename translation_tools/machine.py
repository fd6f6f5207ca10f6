"""Machine translation as an optional helper: off unless an administrator configures it.

``settings.MACHINE_TRANSLATION`` (absent or ``None`` by default: nothing is ever sent)::

    MACHINE_TRANSLATION = {
        "BACKEND": "translation_tools.machine.LibreTranslate",  # or ...machine.DeepL
        "URL": "https://libretranslate.example.org",
        "API_KEY": "...",
        "TIMEOUT": 10,
    }

Segments travel as XML with their placeholders as ``<g id="1">…</g>``, ``<x id="2"/>`` and
``<x id="fn3"/>`` (both services keep tags), and come back as tagged text. A suggestion is
shown as machine-made until a translator saves it.
"""

import json
import re
import urllib.request
from typing import Any

from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from translation_tools.xliff import UnsupportedMarkup, tagged_text

_TOKEN = re.compile(r"\{(/?)(\d{1,3})(/?)\}|\[(\d{1,4})\]")


class MachineError(Exception):
    """The service did not answer, or answered something unusable."""


def to_xml(text: str) -> str:
    """Tagged text as inline XML (text escaped)."""
    out, position = [], 0
    for match in _TOKEN.finditer(text):
        out.append(_escape(text[position : match.start()]))
        position = match.end()
        closing, number, empty, footnote = match.groups()
        if footnote:
            out.append(f'<x id="fn{footnote}"/>')
        elif empty:
            out.append(f'<x id="{number}"/>')
        elif closing:
            out.append("</g>")
        else:
            out.append(f'<g id="{number}">')
    out.append(_escape(text[position:]))
    return "".join(out)


def from_xml(xml: str) -> str:
    """Inline XML from a service as tagged text."""
    try:
        return tagged_text(parse_xml(f"<seg>{xml}</seg>", forbid_dtd=True))
    except (ParseError, UnsupportedMarkup) as exc:
        raise MachineError(str(exc)) from exc


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Backend:
    """A machine translation service: override ``send``."""

    def __init__(self, *, url: str, api_key: str = "", timeout: float = 10, **options: Any):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.options = options

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """Tagged ``texts`` from ``source`` into ``target``, in order."""
        if not texts:
            return []
        answers = self.send([to_xml(text) for text in texts], source, target)
        if len(answers) != len(texts):
            raise MachineError("The service answered a different number of texts.")
        return [from_xml(answer) for answer in answers]

    def send(self, texts: list[str], source: str, target: str) -> list[str]:
        raise NotImplementedError

    def post(self, path: str, payload: dict, headers: dict | None = None) -> Any:
        request = urllib.request.Request(  # noqa: S310 -- an https URL an administrator set
            self.url + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", **(headers or {})},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return json.loads(response.read())
        except (OSError, ValueError) as exc:
            raise MachineError(str(exc)) from exc


class LibreTranslate(Backend):
    def send(self, texts, source, target):
        payload = {"q": texts, "source": source, "target": target, "format": "html"}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = self.post("/translate", payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list):
            raise MachineError("Unexpected answer from LibreTranslate.")
        return [str(text) for text in translated]


class DeepL(Backend):
    def send(self, texts, source, target):
        payload = {
            "text": texts,
            "source_lang": source.upper(),
            "target_lang": target.upper(),
            "tag_handling": "xml",
        }
        answer = self.post(
            "/v2/translate", payload, {"Authorization": f"DeepL-Auth-Key {self.api_key}"}
        )
        try:
            return [str(item["text"]) for item in answer["translations"]]
        except (KeyError, TypeError) as exc:
            raise MachineError("Unexpected answer from DeepL.") from exc


def backend() -> Backend | None:
    """The configured service, or None (the default: machine translation is off)."""
    config = getattr(settings, "MACHINE_TRANSLATION", None)
    if not config:
        return None
    try:
        cls = import_string(config["BACKEND"])
        return cls(
            url=config["URL"],
            api_key=config.get("API_KEY", ""),
            timeout=config.get("TIMEOUT", 10),
        )
    except (KeyError, ImportError) as exc:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION is incomplete: {exc}") from exc
