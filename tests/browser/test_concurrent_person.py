"""No lost updates in real browsers: two editors edit the same person at the same time; the second
save is refused, naming the first editor, the time and the field they changed."""

import pytest
from django.utils import formats, timezone

from audit.models import LogEntry
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editors(make_user, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    anna = make_user("anna", "Editor", password="password")
    anna.first_name, anna.last_name = "Anna", "Kaya"
    anna.save()
    return anna, make_user("bora", "Editor", password="password")


def editor_page(browser, live_server, username):
    """A browser of its own (own cookies), logged in as ``username``."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def test_two_browsers_edit_the_same_person_and_the_second_is_refused(
    browser, live_server, editors, person
):
    """Anna and Bora open Ayla Demir; Anna saves a new position; Bora's save of new areas of
    expertise is refused with Anna's name, the time and “position (English)”, and not stored."""
    anna, _bora = editors
    url = f"/admin/people/person/{person.pk}/change/"
    annas = editor_page(browser, live_server, "anna")
    boras = editor_page(browser, live_server, "bora")
    try:
        annas.goto(url)
        boras.goto(url)
        annas.fill("#id_position_en", "Senior Energy Analyst")
        annas.click("input[name=_save]")
        annas.wait_for_url(live_server.url + "/admin/people/person/")
        boras.fill("#id_expertise_en", "Gas markets, Caspian pipelines")
        boras.click("input[name=_save]")
        errors = boras.locator(".errorlist.nonfield").inner_text()
        assert boras.url == live_server.url + url  # still on the form: not saved
        saved = LogEntry.objects.for_object(person).get(action="change", user=anna).created_at
        moment = formats.date_format(timezone.localtime(saved), "DATETIME_FORMAT")
        assert "Someone else saved “Dr. Ayla Demir” after you opened it" in errors
        assert f"Last saved by Anna Kaya ({moment})." in errors
        assert "position (English): saved “Senior Energy Analyst”, yours “Energy Analyst”" in errors
        assert "expertise" not in errors and "biography" not in errors
        person = Person.objects.get(pk=person.pk)
        assert person.position_en == "Senior Energy Analyst" and not person.expertise_en
    finally:
        annas.context.close()
        boras.context.close()
