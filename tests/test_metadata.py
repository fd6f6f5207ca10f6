"""Head metadata read back by real extractors: JSON-LD, OpenGraph, Highwire, canonical, hreflang."""

import json
import re

import extruct
import lxml.html
import pytest

from articles.models import ArticleType
from tests.public_fixtures import make_live_article

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def extract(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    data = extruct.extract(
        html, base_url=BASE + url, syntaxes=["json-ld", "opengraph"], uniform=True
    )
    tree = lxml.html.fromstring(html)
    metas = {}
    for node in tree.xpath("//meta[@name]"):
        metas.setdefault(node.get("name"), []).append(node.get("content"))
    links = {
        node.get("hreflang"): node.get("href")
        for node in tree.xpath("//link[@rel='alternate'][@hreflang]")
    }
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    return data, metas, links, canonical, html


def json_ld(data, kind):
    return next(item for item in data["json-ld"] if item.get("@type") == kind)


def opengraph(data):
    return data["opengraph"][0]


@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
@pytest.mark.parametrize("kind", ["home", "list", "article", "people", "person", "topic", "region"])
def test_every_page_type_has_canonical_alternates_social_card_and_json_ld(client, site, lang, kind):
    """Every public page has one canonical URL, hreflang alternates with x-default, OG and JSON-LD."""
    url = site.urls(lang)[kind]
    data, metas, links, canonical, _html = extract(client, url)
    assert canonical == [BASE + url]
    assert links[lang] == BASE + url and "x-default" in links
    assert data["json-ld"], url
    card = opengraph(data)
    assert card["og:url"] == BASE + url and card["og:title"] and card["og:site_name"]
    assert metas["twitter:card"] and metas["description"][0]


def test_search_page_has_metadata_and_is_not_indexed(client, site):
    """The search page is described as SearchResultsPage and asks not to be indexed."""
    data, metas, links, canonical, _html = extract(client, "/en/search/?q=cable")
    assert json_ld(data, "SearchResultsPage")["inLanguage"] == "en"
    assert metas["robots"] == ["noindex, follow"]
    assert canonical == [BASE + "/en/search/?q=cable"]
    assert links["tr"] == BASE + "/tr/search/?q=cable"


def test_article_json_ld_describes_authors_publisher_language_and_translations(client, site):
    """ScholarlyArticle with Person authors, an Organization publisher and its language versions."""
    urls = {lang: BASE + site.main.get_absolute_url(lang) for lang in ("en", "tr", "ru")}
    data, *_ = extract(client, site.main.get_absolute_url("en"))
    article = json_ld(data, "ScholarlyArticle")
    assert article["headline"] == "A cable under the Caspian"
    assert article["inLanguage"] == "en"
    assert [a["name"] for a in article["author"]] == ["Ayla Demir", "Oleg Sokolov"]
    assert {a["@type"] for a in article["author"]} == {"Person"}
    assert article["publisher"]["@type"] == "Organization"
    assert article["datePublished"].startswith("2024-07-10")
    assert {v["@id"] for v in article["workTranslation"]} == {urls["tr"], urls["ru"]}
    assert article["description"].startswith("The cable would link two grids.")

    data, *_ = extract(client, site.main.get_absolute_url("tr"))
    turkish = json_ld(data, "ScholarlyArticle")
    assert turkish["inLanguage"] == "tr"
    assert turkish["translationOfWork"]["@id"] == urls["en"]
    assert turkish["headline"] == "Hazar’ın altından bir kablo"


def test_article_has_highwire_and_opengraph_tags(client, site):
    """citation_* tags per Google Scholar, one citation_author per author; og:type article."""
    data, metas, links, _canonical, _html = extract(client, site.main.get_absolute_url("ru"))
    assert metas["citation_title"] == ["Кабель под Каспием"]
    assert metas["citation_author"] == ["Demir, Ayla", "Sokolov, Oleg"]
    assert metas["citation_publication_date"] == ["2024/07/10"]
    assert metas["citation_language"] == ["ru"]
    assert metas["citation_publisher"] == ["Meridian Institute"]
    assert "citation_technical_report_institution" not in metas
    assert metas["description"] == ["Кабель соединит две сети. Излишек — это энергия ветра."]
    card = opengraph(data)
    assert card["@type"] == "article"
    # the author's portrait (a square crop from the library): the article has no image
    assert re.search(r"/media/images/[0-9a-f]{20}/sq\d+\.jpg$", card["og:image"])
    assert links["x-default"] == BASE + site.main.get_absolute_url("en")


def test_a_report_is_a_report_for_schema_org_and_scholar(client, site, editor):
    """A Report type gives schema.org Report and citation_technical_report_institution."""
    report_type = ArticleType.objects.create(
        name_en="Report", slug_en="report", schema_type=ArticleType.SchemaType.REPORT
    )
    report = make_live_article(
        editor, report_type, [site.author], titles={"en": "Annual grid report"}
    )
    data, metas, *_ = extract(client, report.get_absolute_url("en"))
    assert json_ld(data, "Report")["name"] == "Annual grid report"
    assert metas["citation_technical_report_institution"] == ["Meridian Institute"]


def test_person_page_is_a_profile_page(client, site):
    """ProfilePage whose mainEntity is the Person, with job title and photo; og:type profile."""
    data, *_ = extract(client, "/tr/people/ayla-demir/")
    profile = json_ld(data, "ProfilePage")
    assert profile["mainEntity"]["@type"] == "Person"
    assert profile["mainEntity"]["name"] == "Ayla Demir"
    assert profile["mainEntity"]["jobTitle"] == "Enerji Analisti"
    assert re.search(r"/media/images/[0-9a-f]{20}/sq\d+\.jpg$", profile["mainEntity"]["image"])
    assert opengraph(data)["@type"] == "profile"


def test_home_describes_the_website_and_organization(client, site):
    """The home page carries WebSite (with a SearchAction) and Organization."""
    data, *_ = extract(client, "/ru/")
    website = json_ld(data, "WebSite")
    assert website["potentialAction"]["target"]["urlTemplate"].startswith(BASE + "/ru/search/")
    assert json_ld(data, "Organization")["name"] == "Meridian Institute"


def test_a_script_closing_title_cannot_break_out_of_json_ld(client, site, editor):
    """A title with </script> and <!-- stays inside the JSON-LD string and reads back intact."""
    title = 'Evil </script><script>alert("x")</script> <!-- & co'
    evil = make_live_article(editor, site.analysis, [site.author], titles={"en": title})
    data, metas, _links, _canonical, html = extract(client, evil.get_absolute_url("en"))
    assert json_ld(data, "ScholarlyArticle")["name"] == title
    assert metas["citation_title"] == [title]
    assert "<script>alert" not in html
    blocks = lxml.html.fromstring(html).xpath("//script[@type='application/ld+json']/text()")
    assert len(blocks) == 2 and json.loads(blocks[0])["name"] == title
    assert json.loads(blocks[1])["itemListElement"][-1]["name"] == title
