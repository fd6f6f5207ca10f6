"""The translation workflow: who may translate what, per-language status, stale translations.

Per object (an article, a person, a taxonomy term) and language: not started → in progress →
ready for review → approved, and "needs update" when the source text changes under an approved
translation. The original language of an article is live with the article; another language is
live once an editor has approved it (``Article.objects.live`` asks ``Translation.objects.live``).

Translators are assigned languages (``TranslatorLanguage``) and may change only the fields of
those languages: ``check_translator_may_change`` is the one rule, used by the admin, the XLIFF
import and ``save_translation``. Transitions follow ``articles.workflow``: check permission and
state, change inside a transaction (row locked), write an ``ArticleActivity`` line, then send
``translation_transitioned`` (e-mail is a side job hanging off it).
"""

import hashlib
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from articles.models import (
    Article,
    ArticleActivity,
    ArticleType,
    Region,
    Topic,
    Translation,
    TranslationStatus,
    TranslatorLanguage,
)
from articles.signals import translation_transitioned
from people.models import Person
from thinktank.languages import language_codes, translated_value

Action = ArticleActivity.Action
TS = TranslationStatus

# The foreign key of ``Translation`` that points at each kind of translatable object.
TARGET_FIELD = {
    Article: "article",
    Person: "person",
    Topic: "topic",
    Region: "region",
    ArticleType: "article_type",
}
# Fields derived from others (not translated text): never fingerprinted nor exported.
DERIVED_FIELDS = {"slug"}
# What a language needs before it can be marked ready or approved.
REQUIRED_FIELDS = {
    Article: ("title", "body"),
    Person: (),
    Topic: ("name",),
    Region: ("name",),
    ArticleType: ("name",),
}

ALLOWED_FROM = {
    Action.TRANSLATION_REQUEST: (TS.NOT_STARTED,),
    Action.TRANSLATION_READY: (TS.NOT_STARTED, TS.IN_PROGRESS, TS.NEEDS_UPDATE),
    Action.TRANSLATION_APPROVE: (TS.NOT_STARTED, TS.IN_PROGRESS, TS.READY, TS.NEEDS_UPDATE),
    Action.TRANSLATION_RETURN: (TS.READY,),
    Action.TRANSLATION_WITHDRAW: (TS.APPROVED, TS.NEEDS_UPDATE, TS.IN_PROGRESS, TS.READY),
}


class TranslationError(ValidationError):
    """The translation is not in a state that allows the change, or is not complete enough."""


# Fields and languages -------------------------------------------------------------------------


def translatable_fields(model):
    """The translated fields of ``model`` (base names: ``title``, ``body`` ...), in the order
    the model declares them."""
    names = translator.get_options_for_model(model).fields
    return tuple(f.name for f in model._meta.fields if f.name in names)


def text_fields(model):
    """The translated fields that hold text to translate (slugs are derived from titles)."""
    return tuple(name for name in translatable_fields(model) if name not in DERIVED_FIELDS)


def source_language(obj):
    """The language the others are translated from: an article's original, else the default."""
    return getattr(obj, "original_language", None) or settings.LANGUAGE_CODE


def target_languages(obj):
    return [code for code in language_codes() if code != source_language(obj)]


def language_fields(model, lang):
    """``["title_tr", "slug_tr", ...]``: the fields a translator of ``lang`` may change."""
    return [f"{name}_{lang}" for name in translatable_fields(model)]


def fingerprint(obj):
    """A short hash of each source field, taken at approval to detect later source edits."""
    lang = source_language(obj)
    return {
        name: hashlib.sha256(translated_value(obj, name, lang).encode()).hexdigest()[:16]
        for name in text_fields(type(obj))
    }


def changed_since(translation, obj):
    """The source fields that differ from the fingerprint stored when ``translation`` was approved."""
    if not translation.source_fingerprint:
        return []
    current = fingerprint(obj)
    return [name for name in current if translation.source_fingerprint.get(name) != current[name]]


def field_label(model, name):
    return str(model._meta.get_field(name).verbose_name)


# Who may change what ----------------------------------------------------------------------------


def assigned_languages(user):
    """The languages ``user`` translates (empty for anyone who is not a translator)."""
    if not (user.is_active and user.has_perm("articles.translate_article")):
        return []
    cache = getattr(user, "_translator_languages", None)
    if cache is None:
        cache = list(
            TranslatorLanguage.objects.filter(user=user)
            .order_by("language")
            .values_list("language", flat=True)
        )
        user._translator_languages = cache
    return [code for code in language_codes() if code in cache]


def has_full_edit(user, obj):
    """Whether ``user`` may change every field of ``obj`` (editors; a writer on their own draft)."""
    if not user.is_active:
        return False
    if isinstance(obj, Article):
        from articles.workflow import can_edit_every_field

        return can_edit_every_field(user, obj)
    opts = type(obj)._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def can_translate(user, obj, lang):
    """Whether ``user`` may change the ``lang`` fields of ``obj`` as its translator."""
    return lang in assigned_languages(user) and lang != source_language(obj)


def translator_languages_for(user, obj):
    """The languages of ``obj`` that ``user`` translates (never its source language)."""
    return [code for code in assigned_languages(user) if code != source_language(obj)]


def allowed_fields(user, obj):
    """The field names ``user`` may change on ``obj``; ``None`` means every field."""
    if has_full_edit(user, obj):
        return None
    model = type(obj)
    return {
        name
        for code in translator_languages_for(user, obj)
        for name in language_fields(model, code)
    }


def check_translator_may_change(user, obj, changed_fields):
    """Raise ``PermissionDenied`` unless ``user`` may change every one of ``changed_fields``.

    Editors change anything; a translator only the fields of their languages, never the source
    language, the workflow state or any other field.
    """
    allowed = allowed_fields(user, obj)
    if allowed is None:
        return
    if not allowed:
        raise PermissionDenied(_("You are not allowed to change this."))
    forbidden = sorted(set(changed_fields) - allowed)
    if forbidden:
        raise PermissionDenied(
            _("You may change only the fields of your languages; not: %(fields)s.")
            % {"fields": ", ".join(forbidden)}
        )


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
        if isinstance(value, str) and current is None:
            current = ""
        if value != current and not (value in ("", None) and current in ("", None)):
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


# Reading states ---------------------------------------------------------------------------------


def _target_filter(obj):
    return {TARGET_FIELD[type(obj)]: obj}


def translation_for(obj, lang):
    """The state of ``obj`` in ``lang``; an unsaved "not started" one when there is none yet."""
    return Translation.objects.filter(**_target_filter(obj), language=lang).first() or Translation(
        **_target_filter(obj), language=lang
    )


def translations_of(obj):
    """``{lang: Translation}`` for every target language of ``obj`` (unsaved when not started)."""
    found = {t.language: t for t in Translation.objects.filter(**_target_filter(obj))}
    return {
        code: found.get(code) or Translation(**_target_filter(obj), language=code)
        for code in target_languages(obj)
    }


def missing_for(obj, lang):
    """Labels of what ``lang`` lacks before it can be marked ready or approved."""
    model = type(obj)
    missing = [
        field_label(model, name)
        for name in REQUIRED_FIELDS[model]
        if not translated_value(obj, name, lang)
    ]
    if not REQUIRED_FIELDS[model] and not any(
        translated_value(obj, name, lang) for name in text_fields(model)
    ):
        missing.append(_("any text"))
    return missing


# Transitions ------------------------------------------------------------------------------------


def _check(action, obj, lang, user, status):
    """Permission first, then state."""
    if lang not in target_languages(obj):
        raise TranslationError(
            _("%(lang)s is the original language, not a translation.") % {"lang": lang},
            code="source_language",
        )
    if action == Action.TRANSLATION_READY:
        allowed = can_translate(user, obj, lang) or user.has_perm("articles.approve_translation")
    else:
        allowed = user.is_active and user.has_perm("articles.approve_translation")
    if not allowed:
        raise PermissionDenied(
            _("You are not allowed to do this: %(action)s.") % {"action": Action(action).label}
        )
    if status not in ALLOWED_FROM[action]:
        raise TranslationError(
            _("“%(action)s” is not possible for a translation that is “%(status)s”.")
            % {"action": Action(action).label, "status": TS(status).label},
            code="wrong_state",
        )


def _log(obj, *, by, action, lang, from_status, to_status="", comment=""):
    return ArticleActivity.objects.create(
        article=obj if isinstance(obj, Article) else None,
        subject=str(obj)[:300],
        user=by if by is not None and by.pk else None,
        action=action,
        language=lang,
        comment=comment
        or (TS(from_status).label + " → " + TS(to_status).label if to_status else ""),
    )


def lock_article_first(obj):
    """Lock the article row before its translations.

    Saving an article locks its row, then its translations (``source_edited``); approving or
    withdrawing a translation makes the search index trigger lock the article. Taking the article
    first everywhere keeps one order, so the two cannot deadlock.
    """
    if isinstance(obj, Article):
        list(Article.objects.select_for_update(no_key=True).filter(pk=obj.pk).values_list("pk"))


def _transition(obj, lang, *, by, action, to_status, comment="", changes=None):
    """Lock, re-check, change, record, then signal. Returns the ``Translation``."""
    with transaction.atomic():
        lock_article_first(obj)
        translation, _created = Translation.objects.select_for_update().get_or_create(
            **_target_filter(obj), language=lang
        )
        from_status = translation.status
        _check(action, obj, lang, by, from_status)
        if action in (Action.TRANSLATION_READY, Action.TRANSLATION_APPROVE):
            missing = missing_for(obj, lang)
            if missing:
                raise TranslationError(
                    _("The translation is not complete; it lacks: %(missing)s.")
                    % {"missing": ", ".join(missing)},
                    code="incomplete",
                )
        translation.status = to_status
        for name, value in (changes or {}).items():
            setattr(translation, name, value)
        translation.save()
        activity = _log(
            obj, by=by, action=action, lang=lang, from_status=from_status, to_status=to_status,
            comment=comment,
        )  # fmt: skip
    translation_transitioned.send(
        sender=Translation,
        obj=obj,
        translation=translation,
        language=lang,
        activity=activity,
        action=action,
        by=by,
    )
    return translation


def request_translation(obj, languages, *, by, comment=""):
    """An editor asks for ``obj`` in ``languages``; their translators are told by e-mail."""
    now = timezone.now()
    return [
        _transition(
            obj,
            lang,
            by=by,
            action=Action.TRANSLATION_REQUEST,
            to_status=TS.NOT_STARTED,
            comment=comment,
            changes={"requested_at": now},
        )
        for lang in languages
    ]


def mark_ready(obj, lang, *, by, comment=""):
    """The translator hands the language to the editors for review."""
    return _transition(
        obj, lang, by=by, action=Action.TRANSLATION_READY, to_status=TS.READY, comment=comment
    )


def approve(obj, languages, *, by, comment=""):
    """An editor approves ``languages`` together: each is live once the article is.

    The fingerprint of the source fields is kept, so a later source edit makes them stale.
    """
    now = timezone.now()
    with transaction.atomic():
        return [
            _transition(
                obj,
                lang,
                by=by,
                action=Action.TRANSLATION_APPROVE,
                to_status=TS.APPROVED,
                comment=comment,
                changes={
                    "approved_at": now,
                    "approved_by": by if by.pk else None,
                    "source_fingerprint": fingerprint(obj),
                    "stale_fields": [],
                    "source_changed_at": None,
                },
            )
            for lang in languages
        ]


def return_translation(obj, lang, *, by, comment):
    """An editor sends a translation that is ready back to its translator with a comment."""
    if not (comment or "").strip():
        raise ValidationError(
            _("Say what should change: a comment is required."), code="comment_required"
        )
    return _transition(
        obj,
        lang,
        by=by,
        action=Action.TRANSLATION_RETURN,
        to_status=TS.IN_PROGRESS,
        comment=comment.strip(),
    )


def withdraw(obj, lang, *, by, comment=""):
    """An editor takes an approved language off the site; it needs approval again."""
    return _transition(
        obj,
        lang,
        by=by,
        action=Action.TRANSLATION_WITHDRAW,
        to_status=TS.IN_PROGRESS,
        comment=comment,
        changes={"approved_at": None, "approved_by": None},
    )


def publish_with_translations(article, *, by, languages, at=None, comment=""):
    """Publish the article and approve ``languages`` with it, all or nothing."""
    from articles import workflow

    with transaction.atomic():
        if languages:
            approve(article, languages, by=by, comment=comment)
        return workflow.publish(article, by=by, at=at, comment=comment)


# Edits ------------------------------------------------------------------------------------------


def save_translation(obj, lang, *, by, values):
    """Change the ``lang`` fields of ``obj`` to ``values`` ({"title_tr": ...}) as ``by``.

    The one way a translator's text is stored (admin form, XLIFF import): the field rule is
    checked first, nothing is saved when it or validation fails, and the language's state moves
    on (not started → in progress; an approved one needs review again but stays live).
    """
    model = type(obj)
    own = set(language_fields(model, lang))
    strays = sorted(set(values) - own)
    check_translator_may_change(by, obj, list(values))
    if strays:
        raise PermissionDenied(
            _("Only fields of %(lang)s can be saved here; not: %(fields)s.")
            % {"lang": lang, "fields": ", ".join(strays)}
        )
    if lang not in target_languages(obj):
        raise TranslationError(
            _("%(lang)s is the original language, not a translation.") % {"lang": lang},
            code="source_language",
        )
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        changed = [name for name, value in values.items() if getattr(locked, name) != value]
        for name, value in values.items():
            setattr(locked, name, value)
        if isinstance(locked, Article):
            locked.full_clean(exclude=["image"])
        else:
            locked.full_clean(exclude=["photo"])
        if changed:
            with reversion.create_revision():
                locked.save()
                if by is not None and by.pk:
                    reversion.set_user(by)
                reversion.set_comment(_("Translation (%(lang)s) saved.") % {"lang": lang})
            translation_edited(locked, [lang])
    for name in values:
        setattr(obj, name, getattr(locked, name))
    return obj


def save_highlight_translations(article, lang, *, by, texts):
    """Set the ``lang`` text of the article's highlights: ``texts`` maps highlight ids to text.

    Highlights have no status of their own: they belong to the article's translation."""
    if not (can_translate(by, article, lang) or has_full_edit(by, article)):
        raise PermissionDenied(_("You are not allowed to change this."))
    if lang not in target_languages(article):
        raise TranslationError(
            _("%(lang)s is the original language, not a translation.") % {"lang": lang},
            code="source_language",
        )
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
            translation_edited(article, [lang])
    return changed


def translation_edited(obj, languages):
    """After a save that changed the fields of ``languages``: a language not started is now in
    progress. Approved translations changed by an editor stay approved."""
    with transaction.atomic():
        lock_article_first(obj)
        for lang in languages:
            if lang not in target_languages(obj):
                continue
            translation, _created = Translation.objects.select_for_update().get_or_create(
                **_target_filter(obj), language=lang
            )
            if translation.status == TS.NOT_STARTED:
                translation.status = TS.IN_PROGRESS
                translation.save(update_fields=["status", "updated_at"])


def edited_languages(model, changed_fields):
    """The languages whose fields are among ``changed_fields``."""
    names = set(translatable_fields(model))
    found = []
    for field in changed_fields:
        base, _sep, code = field.rpartition("_")
        if base in names and code in language_codes() and code not in found:
            found.append(code)
    return found


def source_edited(obj, *, by, minor=False):
    """After the source text of ``obj`` was saved: approved translations whose source fields
    changed need an update, with the changed fields listed; a minor edit (a typo fix) instead
    moves their fingerprints to the new text. Returns the translations that became stale."""
    stale = []
    with transaction.atomic():
        lock_article_first(obj)
        rows = Translation.objects.select_for_update().filter(**_target_filter(obj))
        for translation in rows:
            if not translation.source_fingerprint:
                continue  # never approved: nothing to compare with
            changed = changed_since(translation, obj)
            if minor and changed:
                translation.source_fingerprint = fingerprint(obj)
                translation.stale_fields = []
                if translation.status == TS.NEEDS_UPDATE:
                    translation.status = TS.APPROVED
                    translation.source_changed_at = None
                translation.save()
                continue
            if translation.status == TS.APPROVED and changed:
                translation.status = TS.NEEDS_UPDATE
                translation.stale_fields = changed
                translation.source_changed_at = timezone.now()
                translation.save()
                _log(
                    obj,
                    by=by,
                    action=Action.TRANSLATION_STALE,
                    lang=translation.language,
                    from_status=TS.APPROVED,
                    to_status=TS.NEEDS_UPDATE,
                    comment=", ".join(field_label(type(obj), name) for name in changed),
                )
                stale.append(translation)
            elif translation.status == TS.NEEDS_UPDATE and not changed:
                translation.status = TS.APPROVED  # the source went back to the approved text
                translation.stale_fields = []
                translation.source_changed_at = None
                translation.save()
            elif translation.stale_fields != changed and translation.status != TS.APPROVED:
                translation.stale_fields = changed
                translation.save(update_fields=["stale_fields", "updated_at"])
    return stale


def source_fields_changed(obj, changed_fields):
    """Whether ``changed_fields`` include a source text field of ``obj``."""
    lang = source_language(obj)
    return any(f"{name}_{lang}" in changed_fields for name in text_fields(type(obj)))


# The dashboard ----------------------------------------------------------------------------------


@dataclass
class Cell:
    language: str
    status: str
    label: str
    stale_fields: list
    translatable: bool
    original: bool = False


def dashboard(user, *, mine=False, status=None, limit=200):
    """The matrix of articles × languages with counts per language and status.

    ``mine`` keeps the translator's languages and the articles where one of them needs work;
    ``status`` keeps articles with a language in that status (``needs_update``, ``ready`` ...).
    """
    from articles.workflow import visible_articles

    languages = language_codes()
    if mine:
        languages = assigned_languages(user)
    rows = Translation.objects.filter(article__isnull=False, language__in=languages)
    articles = visible_articles(user).select_related("article_type").order_by("-updated_at")
    if mine:
        waiting = rows.filter(status__in=[TS.NOT_STARTED, TS.IN_PROGRESS, TS.NEEDS_UPDATE]).exclude(
            article__original_language=F("language")
        )
        articles = articles.filter(pk__in=waiting.values("article_id"))
    if status:
        articles = articles.filter(pk__in=rows.filter(status=status).values("article_id"))
    articles = list(articles[:limit])
    states = {
        (t.article_id, t.language): t
        for t in rows.filter(article__in=articles).only(
            "article_id", "language", "status", "stale_fields"
        )
    }
    own = set(assigned_languages(user))
    matrix = []
    counts = {code: {value: 0 for value in TS.values} for code in languages}
    for article in articles:
        cells = []
        for code in languages:
            if code == article.original_language:
                cells.append(Cell(code, "original", _("Original"), [], False, original=True))
                continue
            state = states.get((article.pk, code))
            value = state.status if state else TS.NOT_STARTED
            counts[code][value] += 1
            cells.append(
                Cell(
                    code,
                    value,
                    str(TS(value).label),
                    [field_label(Article, name) for name in (state.stale_fields if state else [])],
                    code in own or has_full_edit(user, article),
                )
            )
        matrix.append((article, cells))
    return {"languages": languages, "matrix": matrix, "counts": counts}


def waiting_for(user, limit=20):
    """What waits for ``user`` as a translator: objects in their languages not yet done."""
    languages = assigned_languages(user)
    if not languages:
        return []
    return list(
        Translation.objects.filter(
            language__in=languages,
            status__in=[TS.NOT_STARTED, TS.IN_PROGRESS, TS.NEEDS_UPDATE],
        )
        .exclude(article__original_language=F("language"))
        .select_related("article", "person", "topic", "region", "article_type")
        .order_by("-status", "requested_at", "id")[:limit]
    )


def waiting_for_review(limit=20):
    return list(
        Translation.objects.filter(status=TS.READY)
        .select_related("article", "person", "topic", "region", "article_type")
        .order_by("updated_at")[:limit]
    )
