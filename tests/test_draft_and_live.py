"""Draft and live: readers see what an editor published, never a save that is not published yet.

Articles, translations, people and terms each have a live version (what readers, feeds,
search, sitemaps and exports read) and a working version (what editors and translators edit).
"""

import datetime

import feedparser
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.editorial import transitions as workflow
from articles.editorial.publishing import refresh_pending_changes
from articles.models import Article, Correction, LiveVersion, Topic, TranslationStatus
from articles.translations import status as translations
from audit.models import LogEntry
from tests.public_fixtures import PUBLISHED_AT, make_live_article, make_term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

NOTES = {"en": "The length of the cable was wrong.", "tr": "Kablonun uzunluğu yanlıştı."}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def edit(article, **fields):
    """Change the working version, as a save in the admin does (which also records whether the
    working version now differs from what readers see)."""
    article.refresh_from_db()
    for name, value in fields.items():
        setattr(article, name, value)
    article.full_clean()
    article.save()
    refresh_pending_changes(article)
    return article


# Articles ---------------------------------------------------------------------------------


def test_saving_a_published_article_changes_nothing_readers_see(client, site):
    """The new title is in the working version only: page, list, feed, sitemap and search keep
    the published one, and the editor sees "Published, changes pending"."""
    url = site.main.get_absolute_url("en")
    edit(site.main, title_en="A revised headline")
    assert "A cable under the Caspian" in page(client, url)
    for address in ("/en/", "/en/articles/", "/en/feed/", "/en/search/?q=cable"):
        text = page(client, address)
        assert "A revised headline" not in text, address
        assert "under the Caspian" in text, address
    assert "A revised headline" not in page(client, "/en/search/?q=revised")
    assert workflow.state_label(site.main) == "Published, changes pending"


def test_the_change_form_shows_what_differs_from_the_live_version(client, site, editor):
    """The editor reads, per language, the difference between what readers see and the edit."""
    edit(site.main, summary_en="Why a subsea cable matters now.")
    client.force_login(editor)
    form = page(client, f"/admin/articles/article/{site.main.pk}/change/")
    assert "Published, changes pending" in form
    start = form.index('id="pending-changes"')
    differences = form[start : form.index("</table>", start)]
    assert "Summary" in differences and "<ins>" in differences and "<del>" in differences
    assert "now." in differences


def test_publishing_changes_makes_them_live_in_every_language(client, site, editor):
    """ "Publish changes" shows the edit at once, keeps the publication date and, as a minor
    change, tells readers nothing."""
    edit(site.main, title_en="A revised headline", title_tr="Gözden geçirilmiş başlık")
    workflow.publish_changes(site.main, by=editor)
    assert "A revised headline" in page(client, "/en/articles/a-cable-under-the-caspian/")
    assert "Gözden geçirilmiş başlık" in page(client, site.main.get_absolute_url("tr"))
    version = LiveVersion.objects.visible("en").get(article=site.main)
    assert version.publish_at == PUBLISHED_AT and version.modified_at is None
    assert workflow.state_of(site.main) == "published"
    assert not Correction.objects.exists()


def test_changes_can_be_scheduled_and_go_live_at_their_time(client, site, editor):
    """Scheduled changes wait; at their time readers see them, with no job to run."""
    later = timezone.now() + datetime.timedelta(days=2)
    edit(site.main, title_en="A revised headline")
    workflow.schedule(site.main, by=editor, at=later)
    assert workflow.state_label(site.main) == "Published, changes scheduled"
    url = "/en/articles/a-cable-under-the-caspian/"
    assert "A revised headline" not in page(client, url)
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert "A revised headline" in page(client, url)


def test_discarding_changes_puts_back_the_published_version(site, editor):
    """The working version becomes what readers see again, authors and citations included."""
    edit(site.main, title_en="A revised headline")
    site.main.citations.all().delete()
    site.main.authorships.all().delete()
    refresh_pending_changes(site.main)
    workflow.discard_changes(site.main, by=editor)
    site.main.refresh_from_db()
    assert site.main.title_en == "A cable under the Caspian"
    assert site.main.citations.count() == 2 and site.main.authorships.count() == 2
    assert workflow.state_of(site.main) == "published"
    assert LogEntry.objects.for_object(site.main).filter(action="discard_changes").exists()


def test_changes_go_through_review_while_the_article_stays_live(client, site, editor, make_user):
    """Submitted changes wait for a reviewer; returned, they are pending again; the page is
    live throughout."""
    reviewer = make_user("rosa", "Editor")
    edit(site.main, title_en="A revised headline")
    workflow.submit_for_review(site.main, by=editor)
    assert workflow.state_label(site.main) == "Published, changes in review"
    workflow.request_changes(site.main, by=reviewer, comment="Keep the old headline's verb.")
    assert workflow.state_label(site.main) == "Published, changes pending"
    assert "A cable under the Caspian" in page(client, "/en/articles/a-cable-under-the-caspian/")
    workflow.submit_for_review(site.main, by=editor)
    workflow.publish(site.main, by=reviewer)
    assert "A revised headline" in page(client, "/en/articles/a-cable-under-the-caspian/")


def test_unpublishing_ends_every_language(client, site, editor):
    """Unpublished, the article answers 404 in each language and leaves search and feeds."""
    urls = [site.main.get_absolute_url(code) for code in ("en", "tr", "ru")]
    workflow.unpublish(site.main, by=editor)
    for url in urls:
        assert client.get(url).status_code == 404
    assert "A cable under the Caspian" not in page(client, "/en/feed/")


def test_exports_and_metadata_read_the_live_version(client, site):
    """The citation download and the page's metadata keep the published title until published."""
    edit(site.main, title_en="A revised headline")
    bib = page(client, "/en/articles/a-cable-under-the-caspian/citation.bib")
    assert "A cable under the Caspian" in bib and "revised" not in bib


# Corrections and updates -------------------------------------------------------------------


@pytest.fixture
def english_turkish(site, editor):
    """An article live in English and Turkish only."""
    return site.sibling


def test_a_correction_needs_a_note_in_every_live_language(english_turkish, editor):
    """Without the Turkish note the correction is refused, naming the language; nothing changes."""
    edit(english_turkish, title_en="Grids and wind, corrected")
    with pytest.raises(ValidationError, match="Turkish"):
        workflow.publish_changes(
            english_turkish, by=editor, kind="correction", notes={"en": NOTES["en"]}
        )
    assert not Correction.objects.exists()
    assert LiveVersion.objects.visible("en").get(article=english_turkish).title == "Grids and wind"


def test_a_correction_is_noted_on_the_page_in_the_feed_and_in_the_log(
    client, english_turkish, editor
):
    """The dated note ends the article in each language, changes dateModified and Atom's
    <updated>, and is listed at /<lang>/corrections/ and in its feed."""
    edit(english_turkish, title_en="Grids and wind, corrected")
    workflow.publish_changes(english_turkish, by=editor, kind="correction", notes=NOTES)
    correction = Correction.objects.get()
    english = page(client, english_turkish.get_absolute_url("en"))
    assert "Updates and corrections" in english and NOTES["en"] in english
    assert NOTES["tr"] in page(client, english_turkish.get_absolute_url("tr"))
    assert f'"dateModified":"{correction.visible_from.isoformat()}"' in english
    atom = feedparser.parse(page(client, "/en/feed/atom/"))
    entry = next(e for e in atom.entries if e.title == "Grids and wind, corrected")
    assert entry.updated_parsed[:5] == correction.visible_from.utctimetuple()[:5]
    log = page(client, "/en/corrections/")
    assert NOTES["en"] in log and "Grids and wind, corrected" in log
    feed = feedparser.parse(page(client, "/tr/corrections/feed/"))
    assert not feed.bozo and feed.entries[0].summary == NOTES["tr"]


def test_a_minor_change_tells_readers_nothing(client, english_turkish, editor):
    """No note, no "Updated" date, nothing in the corrections log."""
    edit(english_turkish, title_en="Grids and wind!")
    workflow.publish_changes(english_turkish, by=editor, kind="minor")
    text = page(client, english_turkish.get_absolute_url("en"))
    assert "Updated" not in text and "Updates and corrections" not in text
    assert "Grids and wind!" not in page(client, "/en/corrections/")


# Authors as they were ----------------------------------------------------------------------


def test_an_article_keeps_its_authors_position_from_when_it_was_published(client, site):
    """The person page shows the new position; the published article the one of its day."""
    site.author.position_en = "Asia-Pacific Specialist"
    site.author.save()
    assert "Asia-Pacific Specialist" in page(client, "/en/people/ayla-demir/")
    article = page(client, site.main.get_absolute_url("en"))
    assert "Energy Analyst" in article and "Asia-Pacific Specialist" not in article


# Translations ------------------------------------------------------------------------------


def test_a_translators_edit_of_an_approved_language_waits_for_the_editor(
    client, site, editor, make_translator
):
    """The Turkish page keeps the approved text; the language is in progress again (logged)
    until an editor approves the new text."""
    turkish = make_translator("tuna", "tr")
    url = site.main.get_absolute_url("tr")
    translations.save_translation(
        site.main, "tr", by=turkish, values={"title_tr": "Hazar'ın altından yeni bir kablo"}
    )
    assert "Hazar’ın altından bir kablo" in page(client, url)
    assert "yeni bir kablo" not in page(client, "/tr/search/?q=kablo")
    status = translations.translation_for(site.main, "tr")
    assert status.status == TranslationStatus.IN_PROGRESS and status.is_live
    assert LogEntry.objects.filter(action="translation_edit", language="tr").exists()
    translations.mark_ready(site.main, "tr", by=turkish)
    translations.approve(site.main, ["tr"], by=editor)
    assert "Hazar'ın altından yeni bir kablo" in page(client, url)
    assert "A cable under the Caspian" in page(client, site.main.get_absolute_url("en"))


def test_approving_a_translation_publishes_only_that_language(
    client, site, editor, make_translator
):
    """The approved Turkish goes live with the people and notes already published, not with
    the editor's unpublished English changes."""
    edit(site.main, title_en="An unpublished headline")
    turkish = make_translator("tuna", "tr")
    translations.save_translation(site.main, "tr", by=turkish, values={"title_tr": "Yeni başlık"})
    translations.approve(site.main, ["tr"], by=editor)
    assert "Yeni başlık" in page(client, site.main.get_absolute_url("tr"))
    assert "An unpublished headline" not in page(client, "/en/articles/a-cable-under-the-caspian/")


def test_withdrawing_a_translation_takes_that_language_off(client, site, editor):
    """Withdrawn, the Russian page answers 404; the others stay."""
    russian = site.main.get_absolute_url("ru")
    translations.withdraw(site.main, "ru", by=editor)
    assert client.get(russian).status_code == 404
    assert client.get(site.main.get_absolute_url("en")).status_code == 200


# People and terms --------------------------------------------------------------------------


def test_a_persons_unapproved_translation_is_not_public(client, site, make_translator):
    """A translator's new Turkish position waits for approval: the person page, the author box
    and the lists keep the approved one."""
    turkish = make_translator("tuna", "tr")
    translations.save_translation(
        site.author, "tr", by=turkish, values={"position_tr": "Onaylanmamış unvan"}
    )
    for url in ("/tr/people/ayla-demir/", "/tr/people/", site.main.get_absolute_url("tr")):
        text = page(client, url)
        assert "Onaylanmamış unvan" not in text
    assert "Enerji Analisti" in page(client, "/tr/people/ayla-demir/")


def test_a_terms_unapproved_name_is_not_public(client, site, editor, make_translator):
    """A topic named in Turkish but not approved is on no Turkish page and has no page."""
    topic = Topic.objects.create(name_en="Hydrogen", slug_en="hydrogen")
    make_live_article(
        editor, site.analysis, [site.author], titles={"en": "H2", "tr": "H2"}, topics=[topic]
    )
    turkish = make_translator("tuna", "tr")
    translations.save_translation(
        topic, "tr", by=turkish, values={"name_tr": "Hidrojen", "slug_tr": "hidrojen"}
    )
    assert client.get("/tr/topics/hidrojen/").status_code == 404
    assert client.get("/tr/topics/hidrojen/feed/").status_code == 404
    for url in ("/tr/articles/", "/tr/search/?q=H2"):
        assert "Hidrojen" not in page(client, url)
    translations.approve(topic, ["tr"], by=editor)
    assert "Hidrojen" in page(client, "/tr/topics/hidrojen/")
    assert "Hidrojen" in page(client, "/tr/articles/")


def test_a_terms_later_edit_waits_for_approval_too(client, site, make_translator, editor):
    """Once approved, a changed Turkish name keeps the old one public until approved again."""
    storage = make_term(Topic, {"en": "Storage", "tr": "Depolama"}, by=editor)
    make_live_article(
        editor, site.analysis, [site.author], titles={"en": "S", "tr": "S"}, topics=[storage]
    )
    turkish = make_translator("tuna", "tr")
    translations.save_translation(storage, "tr", by=turkish, values={"name_tr": "Yeni ad"})
    assert "Depolama" in page(client, "/tr/topics/depolama/")
    assert "Yeni ad" not in page(client, "/tr/articles/")


def test_an_article_with_nothing_live_has_no_live_version(make_article):
    """A draft has no version; publishing makes one per written language."""
    draft = make_article(published=False)
    assert not Article.objects.live("en").filter(pk=draft.pk).exists()
    assert not LiveVersion.objects.filter(article=draft).exists()
