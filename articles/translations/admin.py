"""The translation side of the admin: the translation form, the per-language panel and actions,
the dashboard, translators' languages. Thin: permissions come from
``articles.permissions.translation_policy`` and every change goes through
``articles.translations.status``."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import modelform_factory
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.editorial.forms import MinorEditForm
from articles.models import Translation, TranslationStatus, TranslatorLanguage
from articles.models.translation import (
    field_label,
    language_fields,
    source_language,
    target_languages,
    translatable_fields,
)
from articles.permissions import translation_policy
from articles.translations import dashboard as translation_dashboard
from articles.translations import status
from audit.edits import CHANGE, AuditedForm, record_edit
from thinktank.admin import PageMixin, ReadOnlyAdmin
from thinktank.comparison import same
from thinktank.languages import language_codes, language_name, native_name, translated_value
from thinktank.richtext import RichTextField, sanitize_html

TS = TranslationStatus

# The buttons of the translation panel: their labels, by key in the URL.
PANEL_LABELS = {
    "request": _("Request translation"),
    "ready": _("Mark ready for review"),
    "approve": _("Approve"),
    "return": _("Return to translator"),
    "withdraw": _("Withdraw from the site"),
}


def posted_changes(obj, data):
    """The model fields a POST (``data``) would change on ``obj``: a crafted POST is caught even
    for fields the form does not show (another language, the status, the publication time)."""
    changed = []
    for field in obj._meta.concrete_fields:
        key = field.attname if field.attname in data else field.name
        if key not in data or field.primary_key:
            continue
        raw = data.get(key)
        current = field.value_from_object(obj)
        try:
            value = field.to_python(raw)
        except ValidationError:
            changed.append(field.name)
            continue
        if not same(field, value, current):  # by content: reformatted rich text is no change
            changed.append(field.name)
    for field in obj._meta.many_to_many:
        if field.name in data and obj.pk:
            posted = (
                {str(pk) for pk in data.getlist(field.name)} if hasattr(data, "getlist") else set()
            )
            current = {str(pk) for pk in getattr(obj, field.name).values_list("pk", flat=True)}
            if posted != current:
                changed.append(field.name)
    return changed


def translation_form(model: type[models.Model], lang: str) -> type[forms.ModelForm]:
    """The form of one language of ``model``: its fields, refusing a save over a newer
    version of them or of the highlights' text in that language."""
    relations = {"highlights": [f"text_{lang}"]} if hasattr(model, "highlights") else {}
    fields = language_fields(model, lang)
    base = type(
        "TranslationForm",
        (AuditedForm,),
        {"__module__": __name__, "version_fields": fields, "version_relations": relations},
    )
    # "Title", not modeltranslation's "Title [tr]": the page says which language it is.
    labels = {
        f"{name}_{lang}": capfirst(field_label(model, name)) for name in translatable_fields(model)
    }
    return modelform_factory(model, form=base, fields=fields, labels=labels)


def is_rich(model: type[models.Model], name: str) -> bool:
    return isinstance(model._meta.get_field(name), RichTextField)


def rendered_source(obj: models.Model, name: str, lang: str) -> str:
    """The source text of ``name`` as the translator reads it: rich text sanitized (shown
    rendered by the template), plain text as it is."""
    value = translated_value(obj, name, lang)
    if is_rich(type(obj), name):
        return mark_safe(sanitize_html(value))  # noqa: S308 -- sanitized
    return value


class TranslatableAdminMixin(PageMixin):
    """For the ModelAdmin of a translatable model (article, person, taxonomy term)."""

    translation_form_template = "admin/translation_form.html"

    def _translation_url(self, name, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/translate/<str:lang>/",
                view(self.translate_view),
                name=f"{opts.app_label}_{opts.model_name}_translate",
            ),
            path(
                "<path:object_id>/translation/<str:lang>/<str:action>/",
                view(self.translation_action_view),
                name=f"{opts.app_label}_{opts.model_name}_translation_action",
            ),
            *super().get_urls(),
        ]

    def _translatable_object(self, request, object_id, lang):
        if lang not in language_codes():
            raise Http404
        obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if obj is None:
            raise Http404
        if not translation_policy.can_edit_language(request.user, obj, lang):
            raise PermissionDenied
        if lang not in target_languages(obj):
            raise Http404
        return obj

    def translation_panel(self, request, obj):
        """One line per target language: status, stale fields, links and allowed actions."""
        user = request.user
        lines = []
        for code, translation in status.translations_of(obj).items():
            lines.append(
                {
                    "code": code,
                    "name": language_name(code),
                    "status": translation.status,
                    "label": translation.get_status_display(),
                    "live": translation.is_live,
                    "stale_fields": [
                        field_label(self.model, name) for name in translation.stale_fields
                    ],
                    "translate_url": self._translation_url("translate", obj.pk, code)
                    if translation_policy.can_edit_language(user, obj, code)
                    else "",
                    "actions": [
                        (key, PANEL_LABELS[key], self._translation_url("translation_action", obj.pk, code, key))
                        for key, name in status.PANEL_ACTIONS.items()
                        if status.allowed(obj, code, user, name, translation.status)
                    ],
                }
            )  # fmt: skip
        return lines

    def translation_changed(self, request, form):
        """After a save through the change form: stale detection and languages now started."""
        obj = form.instance
        status.source_edited(obj, by=request.user, minor=bool(form.cleaned_data.get("minor_edit")))
        status.translation_edited(
            obj, status.edited_languages(self.model, form.changed_data), by=request.user
        )

    def highlight_form(self, obj, lang, data=None):
        """The article's highlights in ``lang`` (a plain form: one text per highlight), or None."""
        if not hasattr(obj, "highlights"):
            return None, []
        highlights = list(obj.highlights.order_by("sort_order", "id"))
        if not highlights:
            return None, []
        form = forms.Form(data, prefix="highlights")
        source = source_language(obj)
        for number, highlight in enumerate(highlights, start=1):
            form.fields[str(highlight.pk)] = forms.CharField(
                label=gettext("Highlight %(number)d") % {"number": number},
                max_length=400,
                required=False,
                initial=translated_value(highlight, "text", lang),
                widget=forms.TextInput(attrs={"size": 80}),
            )
        return form, [(form[str(h.pk)], translated_value(h, "text", source)) for h in highlights]

    def translate_view(self, request, object_id, lang):
        """The fields of one language beside the source text; only those fields can change.

        A save over a newer version of these fields (or of the highlights' text in this
        language) is refused, naming who changed which field; it changes nothing."""
        obj = self._translatable_object(request, object_id, lang)
        user = request.user
        form_class = translation_form(self.model, lang)
        if request.method == "POST":
            translation_policy.check_may_change(user, obj, posted_changes(obj, request.POST))
            with transaction.atomic():  # the version check locks the row until the save
                form = form_class(request.POST, instance=self.model._default_manager.get(pk=obj.pk))
                highlights, highlight_rows = self.highlight_form(obj, lang, request.POST)
                if form.is_valid() and (highlights is None or highlights.is_valid()):
                    response = self._save_translation(request, obj, lang, form, highlights)
                    if response is not None:
                        return response
        else:
            form = form_class(instance=obj)
            highlights, highlight_rows = self.highlight_form(obj, lang)
        source = source_language(obj)
        translation = status.translation_for(obj, lang)
        rows = [
            {
                "field": form[f"{name}_{lang}"],
                "source": rendered_source(obj, name, source),
                "rich": is_rich(self.model, name),
                "stale": name in translation.stale_fields,
            }
            for name in translatable_fields(self.model)
        ]
        # In reading order: the highlights come after the summary, before the body.
        after = next(
            (i + 1 for i, row in enumerate(rows) if row["field"].name == f"summary_{lang}"),
            len(rows),
        )
        rows[after:after] = [
            {"field": field, "source": text, "rich": False, "stale": False}
            for field, text in highlight_rows
        ]
        return self.render_page(
            request,
            self.translation_form_template,
            gettext("Translate “%(object)s” into %(language)s")
            % {"object": obj, "language": language_name(lang)},
            original=obj,
            form=form,
            media=self.media + form.media,
            rows=rows,
            lang=lang,
            source_lang=source,
            source_name=language_name(source),
            target_name=language_name(lang),
            native_name=native_name(lang),
            translation=translation,
            # A changed approved text is in progress again once saved, and may then be marked ready.
            can_mark_ready=status.allowed(
                obj,
                lang,
                user,
                "translation_ready",
                TS.IN_PROGRESS if translation.status == TS.APPROVED else translation.status,
            ),
            can_approve=status.allowed(obj, lang, user, "translation_approve", translation.status),
            change_url=self._translation_url("change", obj.pk),
            other_languages=[
                (language_name(code), self._translation_url("translate", obj.pk, code))
                for code in target_languages(obj)
                if code != lang and translation_policy.can_edit_language(user, obj, code)
            ],
        )

    def _save_translation(self, request, obj, lang, form, highlights):
        """Save a valid translation form (and the workflow button pressed); the redirect, or
        None when the save was refused with errors on ``form``."""
        user = request.user
        values = {name: form.cleaned_data[name] for name in language_fields(self.model, lang)}
        try:
            with transaction.atomic():
                status.save_translation(obj, lang, by=user, values=values)
                changed = [name for name in form.changed_data if name in values]
                if highlights is not None and status.save_highlight_translations(
                    obj,
                    lang,
                    by=user,
                    texts={int(pk): text for pk, text in highlights.cleaned_data.items()},
                ):
                    changed.append("highlights")
                if changed:
                    record_edit(user, CHANGE, obj, language=lang, fields=changed)
                if "_ready" in request.POST:
                    status.mark_ready(obj, lang, by=user)
                elif "_approve" in request.POST:
                    status.approve(obj, [lang], by=user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
                return None
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            gettext("“%(object)s” (%(language)s): translation saved.")
            % {"object": obj, "language": language_name(lang)},
        )
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:articles_translation_changelist"))

    def translation_action_view(self, request, object_id, lang, action):
        """POST only: one per-language transition; refused ones change nothing and answer 403."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in status.PANEL_ACTIONS or lang not in language_codes():
            raise Http404
        obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if obj is None:
            raise Http404
        user = request.user
        comment = request.POST.get("comment", "")
        functions = {
            "request": lambda: status.request_translation(obj, [lang], by=user, comment=comment),
            "ready": lambda: status.mark_ready(obj, lang, by=user, comment=comment),
            "approve": lambda: status.approve(obj, [lang], by=user, comment=comment),
            "return": lambda: status.return_translation(obj, lang, by=user, comment=comment),
            "withdraw": lambda: status.withdraw(obj, lang, by=user, comment=comment),
        }
        try:
            functions[action]()
        except status.TranslationError as exc:
            if exc.code == "wrong_state":
                raise PermissionDenied(" ".join(exc.messages)) from exc
            messages.error(request, " ".join(exc.messages))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                gettext("“%(object)s” (%(language)s): %(action)s.")
                % {
                    "object": obj,
                    "language": language_name(lang),
                    "action": str(PANEL_LABELS[action]).lower(),
                },
            )
        next_url = request.POST.get("next", "")
        if next_url.startswith("/admin/"):
            return HttpResponseRedirect(next_url)
        return HttpResponseRedirect(self._translation_url("change", obj.pk))


class ReadableTranslationsMixin:
    """The change form of a translated model as someone who may only view it reads it: each
    language's text as a labelled display ("Biography (Turkish)"), rich text rendered, never
    modeltranslation's "Biography [tr]" fields or markup shown as text."""

    def get_fieldsets(self, request, obj=None):
        """For someone who may only view (a translator): no "minor edit" box, and each language's
        text labelled "Alt text (Turkish)" and shown as readers see it."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        shown_name(field) if self._is_language_field(field) else field
                        for field in options["fields"]
                        if field != "minor_edit"
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        """For someone who may only view: the displays that stand in for the language fields
        (Django's form must not look for them on the model)."""
        readonly = super().get_readonly_fields(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return readonly
        return [
            *readonly,
            *(
                shown_name(f"{name}_{code}")
                for name in translatable_fields(self.model)
                for code in language_codes()
            ),
        ]

    def _is_language_field(self, field):
        """``biography_tr``: a translated field in one language."""
        if not isinstance(field, str):
            return False
        name, _sep, code = field.rpartition("_")
        return name in translatable_fields(self.model) and code in language_codes()

    def __getattr__(self, name):
        """``shown_biography_tr``: the read-only display of a translated field (see ``shown``)."""
        if name.startswith(SHOWN):
            field, _sep, code = name.removeprefix(SHOWN).rpartition("_")
            if field in translatable_fields(self.model) and code in language_codes():
                return shown(self.model, field, code)
        raise AttributeError(name)


class TranslatableChangeFormMixin(TranslatableAdminMixin, ReadableTranslationsMixin):
    """People and taxonomy terms: the panel on the change form, stale detection on save, and a
    translation-only way in for translators (who may only view the rest)."""

    change_form_template = "admin/translatable_change_form.html"
    form = MinorEditForm

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                "translation_lines": self.translation_panel(request, obj),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        """The "minor edit" box goes after the translated fields, where the editor edits them
        (someone who may only view has no translated fields here: ``ReadableTranslationsMixin``)."""
        fieldsets = super().get_fieldsets(request, obj)
        if any("minor_edit" in options["fields"] for _name, options in fieldsets):
            return fieldsets
        translated = set(translatable_fields(self.model))

        def is_translated(field):  # "biography" or, in modeltranslation's tabs, "biography_tr"
            return isinstance(field, str) and (
                field in translated or field.rpartition("_")[0] in translated
            )

        for index, (name, options) in enumerate(fieldsets):
            if any(is_translated(field) for field in options["fields"]):
                fields = [*options["fields"]]
                last = max(i for i, field in enumerate(fields) if is_translated(field))
                fields.insert(last + 1, "minor_edit")
                fieldsets = [*fieldsets]
                fieldsets[index] = (name, {**options, "fields": fields})
                break
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.translation_changed(request, form)


SHOWN = "shown_"


def shown_name(field: str) -> str:
    return SHOWN + field


def shown(model: type[models.Model], name: str, lang: str):
    """A read-only display of the ``lang`` value of ``name``: labelled "Biography (Turkish)",
    rich text rendered (sanitized) rather than shown as markup."""
    rich = is_rich(model, name)

    def display(obj):
        value = getattr(obj, f"{name}_{lang}") or ""
        return mark_safe(sanitize_html(value)) if rich else value  # noqa: S308 -- sanitized

    display.short_description = f"{field_label(model, name)} ({language_name(lang)})"
    return display


def extend_registered_admin(model, mixin: type) -> None:
    """Register again the admin of ``model`` (in an app below this one) with ``mixin`` first."""
    registered = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(registered.__name__, (mixin, registered), {"__module__": registered.__module__}),
    )


def make_translatable(model):
    """Give the admin registered for ``model`` (in an app below this one, such as ``people``)
    the translation panel, the translation form and stale detection."""
    extend_registered_admin(model, TranslatableChangeFormMixin)


def make_readable(model):
    """Give the admin registered for ``model`` (in an app below this one, such as ``library``)
    the read-only display of its translated texts for those who may only view it."""
    extend_registered_admin(model, ReadableTranslationsMixin)


# The dashboard and translators' languages -------------------------------------------------------


def dashboard_item(translation, page):
    """A line of a dashboard list: the object, its kind and language, a link to ``page``."""
    obj = translation.target
    opts = obj._meta
    args = [obj.pk, translation.language] if page == "translate" else [obj.pk]
    return {
        "object": str(obj),
        "kind": opts.verbose_name,
        "language": language_name(translation.language),
        "status": translation.status,
        "label": translation.get_status_display(),
        "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args),
    }


def dashboard_paging(request, data) -> dict:
    """The dashboard's page links, each keeping the chosen filter (``mine``, ``status``)."""

    def link(page):
        query = request.GET.copy()
        query["p"] = str(page)
        if page == 1:
            del query["p"]
        return f"?{query.urlencode()}" if query else request.path

    return {
        "page": data["page"],
        "first": data["first"],
        "last": data["last"],
        "previous": link(data["page"] - 1) if data["has_previous"] else "",
        "next": link(data["page"] + 1) if data["has_next"] else "",
    }


@admin.register(Translation)
class TranslationDashboardAdmin(ReadOnlyAdmin):
    """The translation dashboard: articles × languages, counts, what waits for whom."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        user = request.user
        mine = request.GET.get("mine") == "1"
        chosen = request.GET.get("status") or None
        if chosen not in (None, *TS.values):
            chosen = None
        page = request.GET.get("p", "")
        page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
        data = translation_dashboard.dashboard(user, mine=mine, status=chosen, page=page)
        filters = [
            ("", _("All"), not mine and not chosen),
            ("?mine=1", _("My languages"), mine and not chosen),
            ("?status=needs_update", _("Needs update"), chosen == TS.NEEDS_UPDATE),
            ("?status=ready", _("Waiting for review"), chosen == TS.READY),
        ]
        return self.render_page(
            request,
            "admin/articles/translation/dashboard.html",
            gettext("Translations"),
            languages=[(code, language_name(code)) for code in data["languages"]],
            matrix=data["matrix"],
            counts=[
                (language_name(code), [(TS(value).label, n) for value, n in by_status.items()])
                for code, by_status in data["counts"].items()
            ],
            filters=filters,
            paging=dashboard_paging(request, data),
            mine=mine,
            status=chosen,
            waiting=[
                dashboard_item(t, "translate") for t in translation_dashboard.waiting_for(user)
            ],
            for_review=[
                dashboard_item(t, "change") for t in translation_dashboard.waiting_for_review()
            ]
            if translation_policy.may_approve(user)
            else [],
            my_languages=[
                language_name(code) for code in translation_policy.assigned_languages(user)
            ],
            can_import=translation_policy.may_exchange_files(user),
        )


@admin.register(TranslatorLanguage)
class TranslatorLanguageAdmin(admin.ModelAdmin):
    """Which languages each translator works in (editors and administrators assign them)."""

    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
