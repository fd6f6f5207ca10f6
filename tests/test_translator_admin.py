"""The translator's admin, in the translator's language and nothing else: a start page with only
their work, no English strings of this project, no raw markup, no empty drop-downs, labels
without "[tr]", the fields of the translation form in reading order."""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

import polib
import pytest
from django.conf import settings

from articles.translations import status
from people.models import Person

# Strings Django's admin leaves in English, and ours that once showed there.
ENGLISH = {"None", "True", "False", "Search", "Unknown", "Minor edit"}
LANGUAGE_SUFFIX = re.compile(r"\[(en|tr|ru)\]")
LINK = re.compile(r'href="(/admin/[^"#]*)')
# Not pages a translator reads: leaving, files, and each list's sorted or filtered copies.
NOT_PAGES = ("/admin/logout/", "/admin/password_change/", "/admin/jsi18n/", "/xliff/", "/r/")
LIMIT = 150


def our_english_strings(lang):
    """The English texts of this project that have a translation into ``lang``: on a page in
    ``lang`` any of them shown as it is was not translated."""
    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po")
    )
    return {
        entry.msgid
        for entry in catalogue
        if entry.msgstr
        and entry.msgstr != entry.msgid
        and "%" not in entry.msgid
        and not entry.obsolete
        and re.search(r"[A-Za-z]{3}", entry.msgid)
    }


class Page(HTMLParser):
    """A page's texts a reader sees (the content of text boxes left out), its labels and its
    drop-downs."""

    def __init__(self):
        super().__init__()
        self.texts, self.labels, self.selects = [], [], []
        self._stack = []
        self._label = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("input", "img", "br", "hr", "meta", "link"):
            self._stack.append(tag)
        for name in ("title", "placeholder", "aria-label", "alt"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])
        if tag == "label":
            self._label = []
        if tag == "select":
            self.selects.append([])
        if tag == "option" and self.selects:
            self.selects[-1].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass
        if tag == "label" and self._label is not None:
            self.labels.append("".join(self._label).strip())
            self._label = None

    def handle_data(self, data):
        if any(tag in ("script", "style", "textarea") for tag in self._stack):
            return
        if self._label is not None:
            self._label.append(data)
        if data.strip():
            self.texts.append(data.strip())


def problems(html, english):
    page = Page()
    page.feed(html)
    found = []
    for text in page.texts:
        bare = text.strip(" :›").strip()
        if bare in english or bare in ENGLISH:
            found.append(f"English: {bare!r}")
    found += [
        f"language suffix: {label!r}" for label in page.labels if LANGUAGE_SUFFIX.search(label)
    ]
    found += [f"empty drop-down: {values!r}" for values in page.selects if not any(values)]
    outside_boxes = re.sub(r"<textarea.*?</textarea>", "", html, flags=re.S)
    if re.search(r"&lt;/?(p|h2|em|strong|a|sup)\b", outside_boxes):
        found.append("markup shown as text")
    return found


@pytest.fixture
def work(site, editor, make_translator):
    """A translator of Turkish and Russian with something in each state of their work."""
    tina = make_translator("tina", "tr", "ru")
    status.request_translation(site.english_only, ["tr"], by=editor)  # waiting
    status.save_translation(
        site.coauthor, "tr", by=tina, values={"position_tr": "Araştırmacı"}
    )  # in progress
    status.save_translation(site.coauthor, "ru", by=tina, values={"position_ru": "Исследователь"})
    status.mark_ready(site.coauthor, "ru", by=tina)
    status.return_translation(site.coauthor, "ru", by=editor, comment="Uncapitalise the title.")
    site.main.title_en = "A cable under the Caspian Sea"
    site.main.save()
    status.source_edited(site.main, by=editor)  # needs update in both languages
    return tina


def crawl(client, lang):
    """Every admin page reachable by links from the start page (GET only), in ``lang``."""
    queue, seen, pages = deque(["/admin/"]), {"/admin/"}, {}
    while queue and len(pages) < LIMIT:
        path = queue.popleft()
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
        pages[path] = response
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        for link in LINK.findall(response.content.decode()):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            if link in seen or any(part in link for part in NOT_PAGES):
                continue
            if "?" in link and not link.endswith("?mine=1"):
                continue  # sorted, filtered and paged copies of a list
            seen.add(link)
            queue.append(link)
    return pages


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_every_page_a_translator_reaches_is_in_their_language(work, client, lang):
    client.force_login(work)
    pages = crawl(client, lang)
    english = our_english_strings(lang)
    assert len(pages) > 30  # the lists, forms and editors of every kind of object
    assert any("/segments/" in path for path in pages)
    assert any("/people/person/" in path and "/translate/" in path for path in pages)
    found = {}
    for path, response in pages.items():
        assert response.status_code in (200, 302), path
        if response.status_code == 200 and "html" in response["Content-Type"]:
            assert response["Content-Language"] == lang, path
            if issues := problems(response.content.decode(), english):
                found[path] = issues
    assert found == {}, "\n".join(f"{p}: {sorted(set(i))}" for p, i in found.items())


def test_the_checks_catch_what_they_look_for():
    """The crawl's checks fail on the faults the issue reported."""
    page = (
        '<label>Minor edit:</label><div class="readonly">None</div>'
        '<label for="x">Başlık [tr]</label><select name="language"><option value="">---</option>'
        '</select><div class="readonly">&lt;p&gt;Ayla&lt;/p&gt;</div><p>Save and mark ready for review</p>'
        "<textarea>&lt;p&gt;fine&lt;/p&gt;</textarea>"
    )
    found = problems(page, {"Save and mark ready for review"})
    assert "English: 'Minor edit'" in found and "English: 'None'" in found
    assert "English: 'Save and mark ready for review'" in found
    assert "language suffix: 'Başlık [tr]'" in found
    assert "empty drop-down: ['']" in found
    assert "markup shown as text" in found


def lists(html):
    """The start page's lists: {list id: the texts of its items}."""
    found = {}
    for list_id, body in re.findall(r'<div class="module" id="([\w-]+)">(.*?)</div>', html, re.S):
        found[list_id] = [
            re.sub(r"<[^>]+>", "", item).strip()
            for item in re.findall(r"<li>(.*?)</li>", body, re.S)
        ]
    return found


def test_translator_start_page_shows_only_their_work(work, site, client):
    client.force_login(work)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    found = lists(html)
    assert [item.split(" (")[0] for item in found["work-waiting"]] == ["Sentinel English only"]
    assert found["work-returned"] == ["Oleg Sokolov (kişi) — Rusça: “Uncapitalise the title.”"]
    assert [item.split(" (")[0] for item in found["work-in-progress"]] == ["Oleg Sokolov"]
    assert sorted(item.rsplit("— ", 1)[1] for item in found["work-needs-update"]) == [
        "Rusça",
        "Türkçe",
    ]
    # Each item opens the translation of that language.
    assert f'href="/admin/articles/article/{site.english_only.pk}/translate/tr/"' in html
    # No editorial lists, no list of every model, no "Recent actions".
    for editorial in ("editorial-dashboard", "recently-published", "scheduled", "recent-actions"):
        assert f'id="{editorial}"' not in html
    assert 'class="app-articles module' not in html


def test_editors_keep_the_editorial_start_page(work, role_editor, client):
    client.force_login(role_editor)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert 'id="editorial-dashboard"' in html and 'id="translator-dashboard"' not in html
    assert 'class="app-articles module' in html


def test_person_translation_form_reads_as_a_translator_needs(work, site, client):
    client.force_login(work)
    url = f"/admin/people/person/{site.author.pk}/translate/tr/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    labels = re.findall(r'<label for="id_(\w+)">([^<]*)</label>', html)
    assert ("biography_tr", "Biyografi") in labels
    assert not [label for _name, label in labels if "[" in label]
    # The English biography rendered as text, not shown as markup.
    assert re.search(r'id="source-biography_tr"><p>Ayla Demir studies', html)


def test_person_page_a_translator_may_only_view_shows_texts_as_readers_do(work, site, client):
    Person.objects.filter(pk=site.author.pk).update(
        biography_en="<p>Ayla <em>Demir</em> studies grids.</p><script>alert(1)</script>"
    )
    client.force_login(work)
    html = client.get(
        f"/admin/people/person/{site.author.pk}/change/", HTTP_ACCEPT_LANGUAGE="tr"
    ).content.decode()
    assert "Minor edit" not in html and 'name="minor_edit"' not in html
    assert "<label>Biyografi (İngilizce):</label>" in html
    assert "<p>Ayla <em>Demir</em> studies grids.</p>" in html
    assert "alert(1)" not in html and "&lt;p&gt;" not in html
    assert not LANGUAGE_SUFFIX.search(" ".join(re.findall(r"<label[^>]*>([^<]*)</label>", html)))


def test_article_translation_form_is_in_reading_order(work, site, client):
    client.force_login(work)
    html = client.get(
        f"/admin/articles/article/{site.main.pk}/translate/tr/", HTTP_ACCEPT_LANGUAGE="tr"
    ).content.decode()
    rows = re.findall(r'<tr class="translation-row" id="row-([\w-]+)">', html)
    fields = [re.sub(r"_tr$", "", row) if not row[0].isdigit() else "highlight" for row in rows]
    order = [
        name
        for index, name in enumerate(fields)
        if name != "highlight" or fields[index - 1] != "highlight"
    ]
    assert order == ["title", "slug", "summary", "highlight", "body"]
