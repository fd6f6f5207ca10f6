"""Turkish and Russian readers meet no English interface word; the catalogues are complete."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.public_fixtures import english_interface_words

CATALOGUES = {
    lang: Path(settings.BASE_DIR) / f"locale/{lang}/LC_MESSAGES/django.po" for lang in ("tr", "ru")
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@pytest.mark.parametrize("lang", CATALOGUES)
def test_catalogue_translates_every_string_without_fuzzy_entries(lang):
    """Every msgid has a translation, none is fuzzy, and placeholders survive translation."""
    catalogue = polib.pofile(str(CATALOGUES[lang]))
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    assert catalogue.percent_translated() == 100
    for entry in catalogue:
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )


def test_catalogues_cover_the_public_templates():
    """Every string the templates translate is in the catalogues (makemessages was run)."""
    catalogue = {entry.msgid for entry in polib.pofile(str(CATALOGUES["tr"]))}
    found = set()
    for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        if "admin" in template.parts:
            continue
        found |= set(re.findall(r'{% translate "([^"]+)"', template.read_text(encoding="utf-8")))
        found |= set(re.findall(r"{% translate '([^']+)'", template.read_text(encoding="utf-8")))
    assert found and found <= catalogue, found - catalogue


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_pages_show_no_english_interface_words(client, site, lang):
    """Every page type in Turkish and Russian, the 404 included, is free of English interface text."""
    urls = [*site.urls(lang).values(), f"/{lang}/articles/?page=1", f"/{lang}/no-such-page/"]
    for url in urls:
        page = client.get(url).content.decode()
        assert english_interface_words(page, lang) == [], url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "tr",
            [
                "Paylaş",
                "Dipnotlar",
                "Yayımlandı",
                "Şu dillerde de okuyun",
                "Benzer yayınlar",
                "İçeriğe geç",
            ],
        ),
        (
            "ru",
            [
                "Поделиться",
                "Примечания",
                "Опубликовано",
                "Также доступно на языках",
                "Дата обращения",
                "Перейти к содержанию",
            ],
        ),
    ],
)
def test_article_page_speaks_the_readers_language(client, site, lang, words):
    """The Turkish and Russian article pages carry the translated interface words."""
    page = client.get(site.urls(lang)["article"]).content.decode()
    for word in words:
        assert word in page


@pytest.mark.django_db
def test_english_check_catches_english_interface_words(client, site):
    """The checker itself finds English words on the English page (so it can fail)."""
    page = client.get(site.urls("en")["article"]).content.decode()
    assert {"Share", "Notes", "Similar publications"} <= set(english_interface_words(page, "tr"))
