"""The translation workflow: per-language status of articles, people and taxonomy terms.

Per object and language: not started → in progress → ready for review → approved, and "needs
update" when the source text changes under an approved translation. The original language of an
article is live with the article; another language is live once an editor has approved it
(``Article.objects.live`` asks ``Translation.objects.live``).

The transitions are declared as data for ``articles.workflow`` (which locks, checks the policy
and the state, changes, logs and signals); who may change which field is
``articles.permissions.translation_policy``, asked by the admin, the XLIFF import and
``save_translation`` alike.
"""

from typing import Any

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.editorial import publishing
from articles.editorial import transitions as editorial
from articles.models import Article, Translation, TranslationStatus
from articles.models.translation import (
    field_label,
    language_fields,
    source_language,
    target_field,
    target_languages,
    text_fields,
    translatable_fields,
)
from articles.permissions import translation_policy
from articles.signals import public_text_changed, translation_transitioned
from articles.workflow import Transition, TransitionError, Workflow, transition
from thinktank.comparison import same, value_digest
from thinktank.languages import language_codes, translated_value

TS = TranslationStatus

# What a language needs before it can be marked ready or approved.
REQUIRED_FIELDS = {
    "articles.article": ("title", "body"),
    "people.person": (),
    "articles.topic": ("name",),
    "articles.region": ("name",),
    "articles.articletype": ("name",),
}


class TranslationError(TransitionError):
    """The translation is not in a state that allows the change, or is not complete enough."""


class TranslationWorkflow(Workflow):
    states = TranslationStatus
    transitions = (
        Transition(
            "translation_request", gettext_lazy("Translation requested"), (TS.NOT_STARTED,),
            TS.NOT_STARTED, "approve",
        ),
        Transition(
            "translation_ready", gettext_lazy("Translation ready for review"),
            (TS.NOT_STARTED, TS.IN_PROGRESS, TS.NEEDS_UPDATE), TS.READY, "mark_ready",
        ),
        Transition(
            "translation_approve", gettext_lazy("Translation approved"),
            (TS.NOT_STARTED, TS.IN_PROGRESS, TS.READY, TS.NEEDS_UPDATE), TS.APPROVED, "approve",
        ),
        Transition(
            "translation_return", gettext_lazy("Translation returned"), (TS.READY,),
            TS.IN_PROGRESS, "approve",
        ),
        Transition(
            "translation_withdraw", gettext_lazy("Translation withdrawn"),
            (TS.APPROVED, TS.NEEDS_UPDATE, TS.IN_PROGRESS, TS.READY), TS.IN_PROGRESS, "approve",
        ),
        # A translator's edit of approved text: readers keep the approved text until the new one
        # is approved in turn.
        Transition(
            "translation_edit", gettext_lazy("Approved translation changed"),
            (TS.APPROVED, TS.NEEDS_UPDATE), TS.IN_PROGRESS, "mark_ready",
        ),
        # Made by the save of a source text, not by a button.
        Transition(
            "translation_stale", gettext_lazy("Translation needs update"), (TS.APPROVED,),
            TS.NEEDS_UPDATE, "edit_source",
        ),
        Transition(
            "translation_current", gettext_lazy("Translation up to date again"),
            (TS.NEEDS_UPDATE,), TS.APPROVED, "edit_source",
        ),
    )  # fmt: skip
    error_class = TranslationError
    signal = translation_transitioned
    wrong_state_message = gettext_lazy(
        "“%(action)s” is not possible for a translation that is “%(status)s”; it is allowed "
        "from: %(allowed)s."
    )

    def check(self, name, obj, user, *, state, language=""):
        if language not in target_languages(obj):
            raise TranslationError(
                _("%(lang)s is the original language, not a translation.") % {"lang": language},
                code="source_language",
            )
        return super().check(name, obj, user, state=state, language=language)

    def lock(self, obj, language):
        lock_article_first(obj)
        row, _created = Translation.objects.select_for_update().get_or_create(
            **{target_field(obj): obj}, language=language
        )
        return row

    def user_may(self, user, step, obj, language):
        if step.permission == "edit_source":
            return translation_policy.has_full_edit(user, obj)
        return translation_policy.user_may(user, step.permission, obj, language)

    def validate(self, step, obj, row, language):
        if step.name in ("translation_ready", "translation_approve"):
            missing = missing_for(obj, language)
            if missing:
                raise TranslationError(
                    _("The translation is not complete; it lacks: %(missing)s.")
                    % {"missing": ", ".join(missing)},
                    code="incomplete",
                )

    def send(self, step, obj, row, language, **kwargs):
        translation_transitioned.send(
            sender=Translation, obj=obj, translation=row, language=language, action=step.name,
            **kwargs,
        )  # fmt: skip


translation_workflow = TranslationWorkflow()

# The buttons of the translation panel, in order: (key in the URL, transition name).
PANEL_ACTIONS = {
    "request": "translation_request",
    "ready": "translation_ready",
    "approve": "translation_approve",
    "return": "translation_return",
    "withdraw": "translation_withdraw",
}


# Reading states ---------------------------------------------------------------------------------


def translation_for(obj: models.Model, lang: str) -> Translation:
    """The state of ``obj`` in ``lang``; an unsaved "not started" one when there is none yet."""
    return Translation.objects.for_object(obj).filter(language=lang).first() or Translation(
        **{target_field(obj): obj}, language=lang
    )


def translations_of(obj: models.Model) -> dict[str, Translation]:
    """``{lang: Translation}`` for every target language of ``obj`` (unsaved when not started)."""
    found = {t.language: t for t in Translation.objects.for_object(obj)}
    return {
        code: found.get(code) or Translation(**{target_field(obj): obj}, language=code)
        for code in target_languages(obj)
    }


def missing_for(obj: models.Model, lang: str) -> list[str]:
    """Labels of what ``lang`` lacks before it can be marked ready or approved."""
    model = type(obj)
    required = REQUIRED_FIELDS[obj._meta.label_lower]
    missing = [
        field_label(model, name) for name in required if not translated_value(obj, name, lang)
    ]
    if not required and not any(translated_value(obj, name, lang) for name in text_fields(model)):
        missing.append(_("any text"))
    return missing


def allowed(obj: models.Model, lang: str, user: Any, name: str, status: str) -> bool:
    """May ``user`` apply the transition ``name`` to ``lang`` of ``obj`` (now in ``status``)?"""
    return translation_workflow.allows(name, obj, user, state=status, language=lang)


def fingerprint(obj: models.Model) -> dict[str, str]:
    """A short hash of each source field, taken at approval to detect later source edits.

    Hashed in normal form (``thinktank.comparison``): rich text as canonical HTML, so a save
    that only rewrites the HTML (CKEditor's line breaks, entities) changes no fingerprint."""
    lang = source_language(obj)
    model = type(obj)
    return {
        name: value_digest(
            model._meta.get_field(f"{name}_{lang}"), translated_value(obj, name, lang)
        )
        for name in text_fields(model)
    }


def changed_since(translation: Translation, obj: models.Model) -> list[str]:
    """The source fields that differ from the fingerprint stored when ``translation`` was approved."""
    if not translation.source_fingerprint:
        return []
    current = fingerprint(obj)
    return [name for name in current if translation.source_fingerprint.get(name) != current[name]]


# Transitions ------------------------------------------------------------------------------------


def lock_article_first(obj: models.Model) -> None:
    """Lock the article row before its translations.

    Saving an article locks its row, then its translations (``source_edited``); approving or
    withdrawing a translation makes the search index trigger lock the article. Taking the article
    first everywhere keeps one order, so the two cannot deadlock.
    """
    if isinstance(obj, Article):
        list(Article.objects.select_for_update(no_key=True).filter(pk=obj.pk).values_list("pk"))


def _run(obj, name, lang, *, by, comment="", changes=None, then=None):
    row, _entry = transition(
        translation_workflow,
        name,
        obj,
        by=by,
        language=lang,
        comment=comment,
        changes=changes,
        then=then,
    )
    return row


def language_values(obj: models.Model, lang: str) -> dict[str, str]:
    """The ``lang`` fields of a person or a term as they stand: what approval makes public."""
    return {name: getattr(obj, name) or "" for name in language_fields(type(obj), lang)}


def _go_live(obj, lang, *, by):
    """What an approval makes public: a new live version of an article in ``lang`` (if the
    article is live or scheduled), or the approved text of a person or a term."""

    def apply(row):
        if isinstance(obj, Article):
            publishing.versions_for_translation(obj, lang, by=by)
            publishing.refresh_pending_changes(obj)
        else:
            fresh = type(obj).objects.get(pk=obj.pk)
            Translation.objects.filter(pk=row.pk).update(live_values=language_values(fresh, lang))

    return apply


def _go_off(obj, lang):
    """What a withdrawal ends: the language's live versions, or a person's or term's text."""

    def apply(row):
        if isinstance(obj, Article):
            publishing.close_live(obj, languages=[lang])
        else:
            Translation.objects.filter(pk=row.pk).update(live_values={})

    return apply


def request_translation(
    obj: models.Model, languages: list[str], *, by: Any, comment: str = ""
) -> list[Translation]:
    """An editor asks for ``obj`` in ``languages``; their translators are told by e-mail."""
    now = timezone.now()
    return [
        _run(
            obj, "translation_request", lang, by=by, comment=comment, changes={"requested_at": now}
        )
        for lang in languages
    ]


def mark_ready(obj: models.Model, lang: str, *, by: Any, comment: str = "") -> Translation:
    """The translator hands the language to the editors for review."""
    return _run(obj, "translation_ready", lang, by=by, comment=comment)


def approve(
    obj: models.Model, languages: list[str], *, by: Any, comment: str = ""
) -> list[Translation]:
    """An editor approves ``languages`` together: each is live once the article is (at once,
    if it already is), and a person's or a term's text in it is public from now.

    The fingerprint of the source fields is kept, so a later source edit makes them stale.
    """
    now = timezone.now()
    with transaction.atomic():
        return [
            _run(
                obj,
                "translation_approve",
                lang,
                by=by,
                comment=comment,
                changes={
                    "approved_at": now,
                    "approved_by": by if by is not None and by.pk else None,
                    "source_fingerprint": fingerprint(obj),
                    "stale_fields": [],
                    "source_changed_at": None,
                },
                then=_go_live(obj, lang, by=by),
            )
            for lang in languages
        ]


def _require_comment(comment):
    if not (comment or "").strip():
        raise ValidationError(
            _("Say what should change: a comment is required."), code="comment_required"
        )
    return comment.strip()


def return_translation(obj: models.Model, lang: str, *, by: Any, comment: str) -> Translation:
    """An editor sends a translation that is ready back to its translator with a comment."""
    return _run(obj, "translation_return", lang, by=by, comment=_require_comment(comment))


def withdraw(obj: models.Model, lang: str, *, by: Any, comment: str = "") -> Translation:
    """An editor takes an approved language off the site; it needs approval again."""
    return _run(
        obj,
        "translation_withdraw",
        lang,
        by=by,
        comment=comment,
        changes={"approved_at": None, "approved_by": None, "live_values": {}},
        then=_go_off(obj, lang),
    )


def publish_with_translations(
    article: Article, *, by: Any, languages: list[str], at=None, comment: str = ""
) -> Article:
    """Publish the article and approve ``languages`` with it, all or nothing."""
    with transaction.atomic():
        if languages:
            approve(article, languages, by=by, comment=comment)
        return editorial.publish(article, by=by, at=at, comment=comment)


# Edits ------------------------------------------------------------------------------------------


def _require_target_language(obj, lang):
    if lang not in target_languages(obj):
        raise TranslationError(
            _("%(lang)s is the original language, not a translation.") % {"lang": lang},
            code="source_language",
        )


def save_translation(obj: models.Model, lang: str, *, by: Any, values: dict) -> models.Model:
    """Change the ``lang`` fields of ``obj`` to ``values`` ({"title_tr": ...}) as ``by``.

    The one way a translator's text is stored (admin form, XLIFF import): the field rule is
    checked first, nothing is saved when it or validation fails, and the language's state moves
    on (not started → in progress; a translator's change to approved text is "in progress"
    again, and readers keep the approved text until an editor approves the new one).
    """
    model = type(obj)
    own = set(language_fields(model, lang))
    strays = sorted(set(values) - own)
    translation_policy.check_may_change(by, obj, list(values))
    if strays:
        raise PermissionDenied(
            _("Only fields of %(lang)s can be saved here; not: %(fields)s.")
            % {"lang": lang, "fields": ", ".join(strays)}
        )
    _require_target_language(obj, lang)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        changed = [
            name
            for name, value in values.items()
            if not same(model._meta.get_field(name), getattr(locked, name), value)
        ]
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=[f.name for f in model._meta.fields if _is_file(f)])
        if changed:
            with reversion.create_revision():
                locked.save()
                if by is not None and by.pk:
                    reversion.set_user(by)
                reversion.set_comment(_("Translation (%(lang)s) saved.") % {"lang": lang})
            translation_edited(locked, [lang], by=by)
    for name in values:
        setattr(obj, name, getattr(locked, name))
    return obj


def _is_file(field):
    return isinstance(field, models.FileField)


def save_highlight_translations(
    article: Article, lang: str, *, by: Any, texts: dict[int, str]
) -> list[int]:
    """Set the ``lang`` text of the article's highlights: ``texts`` maps highlight ids to text.

    Highlights have no status of their own: they belong to the article's translation."""
    if not translation_policy.can_edit_language(by, article, lang):
        raise PermissionDenied(_("You are not allowed to change this."))
    _require_target_language(article, lang)
    field = f"text_{lang}"
    with transaction.atomic():
        highlights = {h.pk: h for h in article.highlights.select_for_update()}
        unknown = set(texts) - set(highlights)
        if unknown:
            raise PermissionDenied(_("These highlights belong to another article."))
        changed = []
        for pk, text in texts.items():
            highlight = highlights[pk]
            if (getattr(highlight, field) or "") != text:
                setattr(highlight, field, text)
                highlight.full_clean()
                highlight.save(update_fields=[field])
                changed.append(pk)
        if changed:
            translation_edited(article, [lang], by=by)
    return changed


def translation_edited(obj: models.Model, languages: list[str], *, by: Any = None) -> None:
    """After a save that changed the fields of ``languages``.

    A language not started is now in progress. A translator's change to approved text makes it
    "in progress" again (logged), readers keeping the approved text. An editor's change to an
    approved language is the editor's decision: a person's or a term's public text follows at
    once, an article's with its next "Publish changes".
    """
    editor = by is None or translation_policy.has_full_edit(by, obj)
    with transaction.atomic():
        lock_article_first(obj)
        for lang in languages:
            if lang not in target_languages(obj):
                continue
            translation, _created = Translation.objects.select_for_update().get_or_create(
                **{target_field(obj): obj}, language=lang
            )
            if translation.status == TS.NOT_STARTED:
                translation.status = TS.IN_PROGRESS
                translation.save(update_fields=["status", "updated_at"])
            elif translation.status in (TS.APPROVED, TS.NEEDS_UPDATE) and not editor:
                _run(obj, "translation_edit", lang, by=by)
            elif translation.is_live and editor and not isinstance(obj, Article):
                translation.live_values = language_values(obj, lang)
                translation.save(update_fields=["live_values", "updated_at"])
                public_text_changed.send(sender=type(obj), obj=obj)
        if isinstance(obj, Article):
            publishing.refresh_pending_changes(obj)


def edited_languages(model: type[models.Model], changed_fields: list[str]) -> list[str]:
    """The languages whose fields are among ``changed_fields``."""
    names = set(translatable_fields(model))
    found = []
    for field in changed_fields:
        base, _sep, code = field.rpartition("_")
        if base in names and code in language_codes() and code not in found:
            found.append(code)
    return found


def source_edited(obj: models.Model, *, by: Any, minor: bool = False) -> list[Translation]:
    """After the source text of ``obj`` was saved: approved translations whose source fields
    changed need an update, with the changed fields listed; a minor edit (a typo fix) instead
    moves their fingerprints to the new text. Returns the translations that became stale."""
    stale = []
    with transaction.atomic():
        lock_article_first(obj)
        rows = Translation.objects.select_for_update().for_object(obj)
        for translation in rows:
            if not translation.source_fingerprint:
                continue  # never approved: nothing to compare with
            changed = changed_since(translation, obj)
            lang = translation.language
            if minor and changed:
                if translation.status == TS.NEEDS_UPDATE:
                    _run(obj, "translation_current", lang, by=by)
                Translation.objects.filter(pk=translation.pk).update(
                    source_fingerprint=fingerprint(obj),
                    stale_fields=[],
                    source_changed_at=None,
                    updated_at=timezone.now(),
                )
            elif translation.status == TS.APPROVED and changed:
                names = ", ".join(field_label(type(obj), name) for name in changed)
                stale.append(
                    _run(
                        obj,
                        "translation_stale",
                        lang,
                        by=by,
                        comment=names,
                        changes={"stale_fields": changed, "source_changed_at": timezone.now()},
                    )
                )
            elif translation.status == TS.NEEDS_UPDATE and not changed:
                # The source went back to the approved text.
                _run(
                    obj,
                    "translation_current",
                    lang,
                    by=by,
                    changes={"stale_fields": [], "source_changed_at": None},
                )
            elif translation.stale_fields != changed and translation.status != TS.APPROVED:
                translation.stale_fields = changed
                translation.save(update_fields=["stale_fields", "updated_at"])
    return stale
