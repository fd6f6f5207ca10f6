"""No lost updates anywhere: people, taxonomy terms, sources, the translation form and inline rows
refuse a save over a version newer than the one opened, as articles do. The refusal names who
saved meanwhile, when, and only the fields they changed; it changes nothing. Every admin add,
change and delete of these objects is in the audit log."""

import datetime

import pytest
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.utils import formats, timezone

from articles.editorial import dashboard
from articles.editorial import transitions as workflow
from articles.models import Article, ArticleType, Authorship, Region, Topic
from audit.models import LogEntry
from citations.models import Source
from people.models import Person, PersonLink
from tests.test_workflow import change_data
from thinktank.conflicts import changed, make_token, read_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def anna(make_user):
    user = make_user("anna", "Editor")
    user.first_name, user.last_name = "Anna", "Kaya"
    user.save()
    return user


@pytest.fixture
def bora(make_user):
    return make_user("bora", "Editor")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def admin_url(obj, page="change"):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/{page}/"


def posted(value):
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if value is None or isinstance(value, FieldFile):
        return None  # files are not sent back
    return str(value)


def open_form(client, obj):
    """GET the admin change form of ``obj``; the POST it would send, token and inlines included."""
    response = client.get(admin_url(obj))
    assert response.status_code == 200
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = posted(bound.value())
            if value is not None:
                data[bound.html_name] = value
    assert data.get("version_token"), "the form carries no version token"
    return data


def refusal(response):
    """The refusal's lines, from the form's errors (a save that went through fails here)."""
    assert response.status_code == 200, "the save was accepted"
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


def saved_at(obj, user):
    entry = LogEntry.objects.for_object(obj).filter(user=user).first()
    return formats.date_format(timezone.localtime(entry.created_at), "DATETIME_FORMAT")


# People -----------------------------------------------------------------------------------------


def test_second_save_of_a_person_is_refused_naming_the_first_user_time_and_field(
    person, anna, bora
):
    """Anna and Bora open Ayla; Anna changes her position; Bora's save of a new biography is
    refused, naming Anna, the time and the position only; Anna's change stays, Bora's is not saved."""
    as_anna, as_bora = logged_in(anna), logged_in(bora)
    annas, boras = open_form(as_anna, person), open_form(as_bora, person)
    response = as_anna.post(admin_url(person), {**annas, "position_en": "Senior Energy Analyst"})
    assert response.status_code == 302
    lines = refusal(
        as_bora.post(admin_url(person), {**boras, "biography_en": "<p>Bora's biography.</p>"})
    )
    assert lines[0].startswith("Someone else saved “Dr. Ayla Demir” after you opened it")
    assert lines[1] == f"Last saved by Anna Kaya ({saved_at(person, anna)})."
    assert lines[2:] == [
        "position (English): saved “Senior Energy Analyst”, yours “Energy Analyst”"
    ]
    person.refresh_from_db()
    assert person.position_en == "Senior Energy Analyst" and not person.biography_en


def test_a_save_that_changed_nothing_refuses_nobody(person, anna, bora):
    """When Anna saves without changing anything, Bora's save still goes through."""
    as_anna, as_bora = logged_in(anna), logged_in(bora)
    annas, boras = open_form(as_anna, person), open_form(as_bora, person)
    assert as_anna.post(admin_url(person), annas).status_code == 302
    response = as_bora.post(admin_url(person), {**boras, "position_en": "Analyst"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position_en == "Analyst"


def test_a_form_without_its_token_is_refused(person, bora):
    """A POST that does not say which version it was opened on overwrites nothing."""
    data = {**open_form(logged_in(bora), person), "position_en": "Forged"}
    for token in ("", "garbage", make_token({})[:-2] + "xx"):
        lines = refusal(logged_in(bora).post(admin_url(person), {**data, "version_token": token}))
        assert "Someone else saved" in lines[0]
    person.refresh_from_db()
    assert person.position_en == "Energy Analyst"


def test_links_added_meanwhile_refuse_the_save(person, anna, bora):
    """A public link Anna added while Bora had the person open makes Bora's save a conflict."""
    as_anna, as_bora = logged_in(anna), logged_in(bora)
    annas, boras = open_form(as_anna, person), open_form(as_bora, person)
    annas.update({"links-TOTAL_FORMS": "1", "links-0-kind": "website",
                  "links-0-url": "https://ayla.example.org", "links-0-sort_order": "0"})  # fmt: skip
    assert as_anna.post(admin_url(person), annas).status_code == 302
    lines = refusal(as_bora.post(admin_url(person), {**boras, "position_en": "Analyst"}))
    assert lines[2:] == ["Public links changed."]
    assert Person.objects.get(pk=person.pk).position_en == "Energy Analyst"
    assert PersonLink.objects.filter(person=person).count() == 1


# Taxonomy terms and sources ---------------------------------------------------------------------


def make_term(model):
    return model.objects.create(
        name_en="Energy", slug_en="energy", name_tr="Enerji", slug_tr="enerji"
    )


@pytest.mark.parametrize("model", [Topic, Region, ArticleType])
def test_terms_refuse_a_save_over_a_newer_version(model, anna, bora):
    """Two editors rename the same term: the second is refused, naming the first and the name."""
    term = make_term(model)
    as_anna, as_bora = logged_in(anna), logged_in(bora)
    annas, boras = open_form(as_anna, term), open_form(as_bora, term)
    assert (
        as_anna.post(admin_url(term), {**annas, "name_tr": "Enerji politikası"}).status_code == 302
    )
    lines = refusal(as_bora.post(admin_url(term), {**boras, "name_en": "Power"}))
    assert lines[1].startswith("Last saved by Anna Kaya (")
    assert lines[2:] == ["name (Turkish): saved “Enerji politikası”, yours “Enerji”"]
    term.refresh_from_db()
    assert (term.name_en, term.name_tr) == ("Energy", "Enerji politikası")


def test_sources_refuse_a_save_over_a_newer_version(source, anna, bora):
    """Two editors correct the same source: the second is refused, naming the outlet change."""
    as_anna, as_bora = logged_in(anna), logged_in(bora)
    annas, boras = open_form(as_anna, source), open_form(as_bora, source)
    assert (
        as_anna.post(admin_url(source), {**annas, "outlet": "The Example Times"}).status_code == 302
    )
    lines = refusal(as_bora.post(admin_url(source), {**boras, "title": "Ministers agree"}))
    assert lines[2:] == ["outlet or publisher: saved “The Example Times”, yours “Example Times”"]
    assert Source.objects.get(pk=source.pk).title == "Ministers agree on a subsea cable"


def test_a_link_check_meanwhile_does_not_refuse_a_source_save(source, bora):
    """The link checker's results are not the editor's fields: the save goes through."""
    boras = open_form(logged_in(bora), source)
    Source.objects.filter(pk=source.pk).update(
        link_ok=False, link_status=404, link_checked_at=timezone.now()
    )
    response = logged_in(bora).post(admin_url(source), {**boras, "outlet": "Example Daily"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.outlet == "Example Daily" and source.link_status == 404


# Articles: inline rows and the message -----------------------------------------------------------


def test_article_conflict_lists_only_what_the_other_person_changed(make_article, anna, bora):
    """Bora changes only the title: Anna's refusal lists the title, no empty Turkish summary."""
    article = make_article(published=False)
    as_anna, as_bora = logged_in(anna), logged_in(bora)
    annas, boras = open_form(as_anna, article), open_form(as_bora, article)
    assert (
        as_bora.post(admin_url(article), {**boras, "title_en": "Bora's title"}).status_code == 302
    )
    lines = refusal(as_anna.post(admin_url(article), {**annas, "summary_en": "Anna's summary."}))
    assert lines[1].startswith("Last saved by bora (")
    assert lines[2:] == [
        "title (English): saved “Bora's title”, yours “Grid links across the Caspian”"
    ]
    assert not Article.objects.get(pk=article.pk).summary_en


def test_inline_rows_changed_meanwhile_refuse_the_article_save(make_article, anna, bora):
    """An author Bora added while Anna had the article open makes Anna's save a conflict."""
    article = make_article(published=False)
    other = Person.objects.create(given_name="Boris", family_name="Orlov", slug="boris-orlov")
    as_anna, as_bora = logged_in(anna), logged_in(bora)
    annas, boras = open_form(as_anna, article), open_form(as_bora, article)
    boras.update({"authorships-TOTAL_FORMS": "2", "authorships-1-person": str(other.pk),
                  "authorships-1-role": "author", "authorships-1-sort_order": "1"})  # fmt: skip
    assert as_bora.post(admin_url(article), boras).status_code == 302
    lines = refusal(as_anna.post(admin_url(article), {**annas, "title_en": "Anna's title"}))
    assert lines[2:] == ["Authors changed."]
    assert Authorship.objects.filter(article=article).count() == 2
    assert Article.objects.get(pk=article.pk).title_en == "Grid links across the Caspian"


def test_a_translators_highlight_meanwhile_refuses_the_editors_save(
    make_article, anna, make_translator
):
    """The Turkish highlight a translator saved would be overwritten by the editor's open form."""
    article = make_article(published=False)
    highlight = article.highlights.create(text_en="Two grids, one cable.")
    translator = logged_in(make_translator("tuna", "tr"))
    annas = open_form(logged_in(anna), article)
    url = admin_url(article, "translate/tr")
    token = translator.get(url).context["form"]["version_token"].value()
    response = translator.post(url, {"version_token": token, "title_tr": "Başlık",
                                     f"highlights-{highlight.pk}": "İki şebeke."})  # fmt: skip
    assert response.status_code == 302
    lines = refusal(logged_in(anna).post(admin_url(article), annas))
    assert lines[1].startswith("Last saved by tuna (")
    assert "Highlights changed." in lines and any(
        line.startswith("title (Turkish)") for line in lines
    )
    highlight.refresh_from_db()
    assert highlight.text_tr == "İki şebeke."


# The translation form --------------------------------------------------------------------------


def open_translation(client, obj, lang):
    response = client.get(admin_url(obj, f"translate/{lang}"))
    assert response.status_code == 200
    return {"version_token": response.context["form"]["version_token"].value()}


def translation_refusal(response):
    assert response.status_code == 200, "the save was accepted"
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_translation_form_refuses_a_save_over_a_newer_translation(person, make_translator):
    """Two Turkish translators: the second save is refused, naming the first and the field."""
    first, second = make_translator("tuna", "tr"), make_translator("tarik", "tr")
    as_first, as_second = logged_in(first), logged_in(second)
    url = admin_url(person, "translate/tr")
    firsts, seconds = (
        open_translation(as_first, person, "tr"),
        open_translation(as_second, person, "tr"),
    )
    assert as_first.post(url, {**firsts, "position_tr": "Enerji Analisti"}).status_code == 302
    lines = translation_refusal(as_second.post(url, {**seconds, "position_tr": "Analist"}))
    assert lines[1].startswith("Last saved by tuna (")
    assert lines[2:] == ["position (Turkish): saved “Enerji Analisti”, yours “Analist”"]
    assert Person.objects.get(pk=person.pk).position_tr == "Enerji Analisti"
    assert LogEntry.objects.filter(action="change", user=first, language="tr").exists()


def test_translation_form_ignores_changes_to_other_languages(person, make_translator, anna):
    """An editor's English edit does not refuse the translator's Turkish save."""
    translator = logged_in(make_translator("tuna", "tr"))
    opened = open_translation(translator, person, "tr")
    as_anna = logged_in(anna)
    form = open_form(as_anna, person)
    assert (
        as_anna.post(admin_url(person), {**form, "position_en": "Lead Analyst"}).status_code == 302
    )
    response = translator.post(
        admin_url(person, "translate/tr"), {**opened, "position_tr": "Analist"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.position_en, person.position_tr) == ("Lead Analyst", "Analist")


# The audit log of admin edits --------------------------------------------------------------------


def test_admin_adds_changes_and_deletes_are_in_the_audit_log(anna):
    """Adding, changing and deleting a topic in the admin each writes a line naming Anna."""
    client = logged_in(anna)
    response = client.post("/admin/articles/topic/add/", {"name_en": "Water", "slug_en": "water",
                                                          "sort_order": "0"})  # fmt: skip
    assert response.status_code == 302
    topic = Topic.objects.get(slug_en="water")
    assert (
        client.post(
            admin_url(topic), {**open_form(client, topic), "name_en": "Water policy"}
        ).status_code
        == 302
    )
    assert client.post(admin_url(topic, "delete"), {"post": "yes"}).status_code == 302
    lines = LogEntry.objects.filter(subject__startswith="Water").order_by("created_at", "id")
    assert [(line.action, line.user) for line in lines] == [
        ("add", anna),
        ("change", anna),
        ("delete", anna),
    ]
    assert "Name" in lines[1].comment


def test_plain_article_saves_are_logged(make_article, anna):
    """Saving an article's text writes a “changed” line, as its workflow steps do."""
    article = make_article(published=False)
    client = logged_in(anna)
    assert client.post(admin_url(article), change_data(article, title_en="New")).status_code == 302
    line = LogEntry.objects.for_object(article).get(action="change")
    assert line.user == anna and "Title" in line.comment


def test_a_returned_draft_stays_returned_after_its_writer_saves_it(
    make_article, contributor, editor
):
    """The writer's edit of a draft sent back to them keeps it under “returned to me”."""
    article = make_article(published=False)
    Article.objects.filter(pk=article.pk).update(created_by=contributor)
    article.refresh_from_db()
    workflow.submit_for_review(article, by=contributor)
    workflow.request_changes(article, by=editor, comment="Shorten it.")
    client = logged_in(contributor)
    article.refresh_from_db()
    assert (
        client.post(admin_url(article), change_data(article, title_en="Short")).status_code == 302
    )
    assert [a.pk for a in dashboard.editorial_lists(contributor)["returned"]] == [article.pk]


# The token -------------------------------------------------------------------------------------


def test_token_keeps_the_digests_and_the_time_and_refuses_alterations():
    """A token reads back as written; a changed one reads as nothing."""
    moment = timezone.now() - datetime.timedelta(minutes=5)
    token = make_token({"title": "abc", "body": "def"}, at=moment)
    opened = read_token(token)
    assert opened.digests == {"title": "abc", "body": "def"} and opened.at == moment
    assert read_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert changed(opened.digests, {"title": "abc", "body": "xyz", "summary": "0"}) == [
        "body",
        "summary",
    ]
