"""The translation side of the admin: the translation form, the per-language panel and actions,
the dashboard, translators' languages. Thin: every change goes through
``articles.translation_workflow``."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import modelform_factory
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import translation_workflow as tw
from articles.forms import MinorEditForm
from articles.models import ArticleActivity, Translation, TranslationStatus, TranslatorLanguage
from thinktank.admin import ReadOnlyAdmin
from thinktank.languages import NATIVE_NAMES, language_codes, translated_value

Action = ArticleActivity.Action
TS = TranslationStatus


def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


# Per-language actions offered in the translation panel, in the order of the buttons.
PANEL_ACTIONS = {
    "request": (Action.TRANSLATION_REQUEST, _("Request translation")),
    "ready": (Action.TRANSLATION_READY, _("Mark ready for review")),
    "approve": (Action.TRANSLATION_APPROVE, _("Approve")),
    "return": (Action.TRANSLATION_RETURN, _("Return to translator")),
    "withdraw": (Action.TRANSLATION_WITHDRAW, _("Withdraw from the site")),
}


def _allowed(action, obj, lang, user, status):
    try:
        tw._check(action, obj, lang, user, status)
    except (PermissionDenied, ValidationError):
        return False
    return True


class TranslatableAdminMixin:
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
        user = request.user
        if not (tw.can_translate(user, obj, lang) or tw.has_full_edit(user, obj)):
            raise PermissionDenied
        if lang not in tw.target_languages(obj):
            raise Http404
        return obj

    def translation_panel(self, request, obj):
        """One line per target language: status, stale fields, links and allowed actions."""
        user = request.user
        lines = []
        for code, translation in tw.translations_of(obj).items():
            lines.append(
                {
                    "code": code,
                    "name": language_name(code),
                    "status": translation.status,
                    "label": translation.get_status_display(),
                    "live": translation.is_live,
                    "stale_fields": [
                        tw.field_label(self.model, name) for name in translation.stale_fields
                    ],
                    "translate_url": self._translation_url("translate", obj.pk, code)
                    if tw.can_translate(user, obj, code) or tw.has_full_edit(user, obj)
                    else "",
                    "actions": [
                        (key, label, self._translation_url("translation_action", obj.pk, code, key))
                        for key, (action, label) in PANEL_ACTIONS.items()
                        if _allowed(action, obj, code, user, translation.status)
                    ],
                }
            )
        return lines

    def translation_changed(self, request, form):
        """After a save through the change form: stale detection and languages now started."""
        obj = form.instance
        tw.source_edited(obj, by=request.user, minor=bool(form.cleaned_data.get("minor_edit")))
        tw.translation_edited(obj, tw.edited_languages(self.model, form.changed_data))

    def highlight_form(self, obj, lang, data=None):
        """The article's highlights in ``lang`` (a plain form: one text per highlight), or None."""
        if not hasattr(obj, "highlights"):
            return None, []
        highlights = list(obj.highlights.order_by("sort_order", "id"))
        if not highlights:
            return None, []
        form = forms.Form(data, prefix="highlights")
        source = tw.source_language(obj)
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
        """The fields of one language beside the source text; only those fields can change."""
        obj = self._translatable_object(request, object_id, lang)
        user = request.user
        fields = tw.language_fields(self.model, lang)
        form_class = modelform_factory(self.model, fields=fields)
        if request.method == "POST":
            tw.check_translator_may_change(user, obj, tw.posted_changes(obj, request.POST))
            form = form_class(request.POST, instance=self.model._default_manager.get(pk=obj.pk))
            highlights, highlight_rows = self.highlight_form(obj, lang, request.POST)
            if form.is_valid() and (highlights is None or highlights.is_valid()):
                values = {name: form.cleaned_data[name] for name in fields}
                try:
                    with transaction.atomic():
                        tw.save_translation(obj, lang, by=user, values=values)
                        if highlights is not None:
                            tw.save_highlight_translations(
                                obj,
                                lang,
                                by=user,
                                texts={
                                    int(pk): text for pk, text in highlights.cleaned_data.items()
                                },
                            )
                        if "_ready" in request.POST:
                            tw.mark_ready(obj, lang, by=user)
                        elif "_approve" in request.POST:
                            tw.approve(obj, [lang], by=user)
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):
                        for name, errors in exc.error_dict.items():
                            if name in form.fields:
                                form.add_error(name, errors)
                            else:
                                form.add_error(None, errors)
                    else:
                        messages.error(request, " ".join(exc.messages))
                        return HttpResponseRedirect(request.path)
                else:
                    messages.success(
                        request,
                        gettext("“%(object)s” (%(language)s): translation saved.")
                        % {"object": obj, "language": language_name(lang)},
                    )
                    if "_continue" in request.POST:
                        return HttpResponseRedirect(request.path)
                    return HttpResponseRedirect(reverse("admin:articles_translation_changelist"))
        else:
            form = form_class(instance=obj)
            highlights, highlight_rows = self.highlight_form(obj, lang)
        source = tw.source_language(obj)
        translation = tw.translation_for(obj, lang)
        rows = []
        for name in tw.translatable_fields(self.model):
            rows.append(
                {
                    "field": form[f"{name}_{lang}"],
                    "source": translated_value(obj, name, source),
                    "rich": name in ("body", "biography"),
                    "stale": name in translation.stale_fields,
                }
            )
        for field, text in highlight_rows:
            rows.append({"field": field, "source": text, "rich": False, "stale": False})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": gettext("Translate “%(object)s” into %(language)s")
            % {"object": obj, "language": language_name(lang)},
            "form": form,
            "media": self.media + form.media,
            "rows": rows,
            "lang": lang,
            "source_lang": source,
            "source_name": language_name(source),
            "target_name": language_name(lang),
            "native_name": NATIVE_NAMES.get(lang, lang),
            "translation": translation,
            "can_mark_ready": _allowed(
                Action.TRANSLATION_READY, obj, lang, user, translation.status
            ),
            "can_approve": _allowed(
                Action.TRANSLATION_APPROVE, obj, lang, user, translation.status
            ),
            "change_url": self._translation_url("change", obj.pk),
            "other_languages": [
                (language_name(code), self._translation_url("translate", obj.pk, code))
                for code in tw.target_languages(obj)
                if code != lang
                and (tw.can_translate(user, obj, code) or tw.has_full_edit(user, obj))
            ],
        }
        return TemplateResponse(request, self.translation_form_template, context)

    def translation_action_view(self, request, object_id, lang, action):
        """POST only: one per-language transition; refused ones change nothing and answer 403."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in PANEL_ACTIONS or lang not in language_codes():
            raise Http404
        obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if obj is None:
            raise Http404
        user = request.user
        comment = request.POST.get("comment", "")
        functions = {
            "request": lambda: tw.request_translation(obj, [lang], by=user, comment=comment),
            "ready": lambda: tw.mark_ready(obj, lang, by=user, comment=comment),
            "approve": lambda: tw.approve(obj, [lang], by=user, comment=comment),
            "return": lambda: tw.return_translation(obj, lang, by=user, comment=comment),
            "withdraw": lambda: tw.withdraw(obj, lang, by=user, comment=comment),
        }
        try:
            functions[action]()
        except tw.TranslationError as exc:
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
                    "action": str(PANEL_ACTIONS[action][1]).lower(),
                },
            )
        next_url = request.POST.get("next", "")
        if next_url.startswith("/admin/"):
            return HttpResponseRedirect(next_url)
        return HttpResponseRedirect(self._translation_url("change", obj.pk))


class TranslatableChangeFormMixin(TranslatableAdminMixin):
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.translation_changed(request, form)


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


@admin.register(Translation)
class TranslationDashboardAdmin(ReadOnlyAdmin):
    """The translation dashboard: articles × languages, counts, what waits for whom."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        user = request.user
        mine = request.GET.get("mine") == "1"
        status = request.GET.get("status") or None
        if status not in (None, *TS.values):
            status = None
        data = tw.dashboard(user, mine=mine, status=status)
        filters = [
            ("", _("All"), not mine and not status),
            ("?mine=1", _("My languages"), mine and not status),
            ("?status=needs_update", _("Needs update"), status == TS.NEEDS_UPDATE),
            ("?status=ready", _("Waiting for review"), status == TS.READY),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Translations"),
            "languages": [(code, language_name(code)) for code in data["languages"]],
            "matrix": data["matrix"],
            "counts": [
                (language_name(code), [(TS(value).label, n) for value, n in by_status.items()])
                for code, by_status in data["counts"].items()
            ],
            "filters": filters,
            "mine": mine,
            "status": status,
            "waiting": [dashboard_item(t, "translate") for t in tw.waiting_for(user)],
            "for_review": [dashboard_item(t, "change") for t in tw.waiting_for_review()]
            if user.has_perm("articles.approve_translation")
            else [],
            "my_languages": [language_name(code) for code in tw.assigned_languages(user)],
            "can_import": user.has_perm("articles.translate_article")
            or user.has_perm("articles.approve_translation"),
        }
        return TemplateResponse(request, "admin/articles/translation/dashboard.html", context)


@admin.register(TranslatorLanguage)
class TranslatorLanguageAdmin(admin.ModelAdmin):
    """Which languages each translator works in (editors and administrators assign them)."""

    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
