"""Who may do what in the back office: the one permission policy.

Every question "may this user do X to this object, field or language?" is answered here; the
admin, the workflow transitions, the translation views, the XLIFF import and the template tags
ask it, and this is the only module that calls ``has_perm``. The permissions themselves are
Django's model permissions plus those in ``Article.Meta`` and ``Translation.Meta``, granted by
the roles of ``accounts.roles``.

- ``policy_for(model)``: a model's policy (``ModelPolicy`` for plain add/change/delete/view;
  ``ArticlePolicy`` for articles, whose rows belong to their writers and move through a workflow).
- ``translation_policy``: who may change which language of an article, a person or a term.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from articles.models import Article, Status, TranslatorLanguage
from articles.models.translation import language_fields, source_language
from thinktank.languages import language_codes


def has_permission(user: Any, permission: str) -> bool:
    """Whether an active ``user`` holds ``permission`` ("app_label.codename")."""
    return bool(user.is_active and user.has_perm(permission))


class ModelPolicy:
    """Django's model permissions of one model: ``add``, ``change``, ``delete``, ``view``."""

    def __init__(self, model: type[models.Model]):
        self.model = model

    def permission(self, action: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def user_has_permission(self, user: Any, action: str) -> bool:
        """May ``user`` do ``action`` to some object of this model?"""
        return has_permission(user, self.permission(action))

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        """May ``user`` do ``action`` to ``instance``?"""
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(
        self, user: Any, action: str, queryset: models.QuerySet | None = None
    ) -> models.QuerySet:
        queryset = self.model._default_manager.all() if queryset is None else queryset
        return queryset if self.user_has_permission(user, action) else queryset.none()


class ArticlePolicy(ModelPolicy):
    """Articles: editors and translators work on everyone's; a contributor on their own, and
    changes only their own drafts. Workflow actions need their own permissions."""

    # Workflow transitions (``articles.editorial.transitions``) and the permission each needs.
    TRANSITION_PERMISSIONS = {
        "submit": "articles.submit_article",
        "request_changes": "articles.review_article",
        "publish": "articles.publish_article",
        "schedule": "articles.publish_article",
        "unpublish": "articles.publish_article",
    }

    def __init__(self):
        super().__init__(Article)

    def sees_all(self, user: Any) -> bool:
        """Editors and translators work on everyone's articles; contributors only on their own."""
        return has_permission(user, "articles.edit_any_article") or has_permission(
            user, "articles.translate_article"
        )

    def instances_user_has_permission_for(self, user, action, queryset=None):
        """The articles ``user`` may open in the back office (``action`` "view")."""
        queryset = Article.objects.all() if queryset is None else queryset
        if not self.user_has_permission(user, "view"):
            return queryset.none()
        if self.sees_all(user):
            return queryset
        return queryset.filter(created_by=user)

    def visible(self, user: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        return self.instances_user_has_permission_for(user, "view", queryset)

    def is_own_draft(self, user: Any, article: Article) -> bool:
        return article.created_by_id == user.pk and article.status == Status.DRAFT

    def user_has_permission_for_instance(self, user, action, instance):
        article = instance
        if action == "view":
            return self.visible(user).filter(pk=article.pk).exists()
        if action == "change":
            if not self.user_has_permission(user, "change"):
                return False
            return self.sees_all(user) or self.is_own_draft(user, article)
        if action == "change_every_field":
            if not self.user_has_permission(user, "change"):
                return False
            return has_permission(user, "articles.edit_any_article") or self.is_own_draft(
                user, article
            )
        if action == "delete":
            return self.user_has_permission(user, "delete") and self.sees_all(user)
        if action == "preview":
            return has_permission(user, "articles.preview_article") and (
                self.user_has_permission_for_instance(user, "view", article)
            )
        if action == "backdate":
            # Publishing an archived article with its original (past) date: editors only.
            return has_permission(user, "articles.publish_article") and self.sees_all(user)
        if action in self.TRANSITION_PERMISSIONS:
            if not has_permission(user, self.TRANSITION_PERMISSIONS[action]):
                return False
            if action == "submit":
                return self.sees_all(user) or article.created_by_id == user.pk
            return True
        return super().user_has_permission_for_instance(user, action, article)

    def may_run(self, user: Any, action: str) -> bool:
        """May ``user`` run ``action`` ("submit", "publish" …) on some article (bulk actions)?"""
        return has_permission(user, self.TRANSITION_PERMISSIONS[action])

    def check_can_edit(self, user: Any, article: Article) -> None:
        """Raise ``PermissionDenied`` unless ``user`` may change ``article`` now."""
        if self.user_has_permission_for_instance(user, "change", article):
            return
        if article.pk and article.status != Status.DRAFT and not self.sees_all(user):
            raise PermissionDenied(
                _("This article is “%(status)s”: only drafts can be changed by their writer.")
                % {"status": article.get_status_display()}
            )
        raise PermissionDenied(_("You are not allowed to change this article."))

    def check_can_delete(self, user: Any, article: Article) -> None:
        if not self.user_has_permission(user, "delete"):
            raise PermissionDenied(_("You are not allowed to delete articles."))

    def may_import(self, user: Any) -> bool:
        """Bring articles in from Word documents or pasted text: as drafts of one's own, so
        whoever may write an article may import one."""
        return self.user_has_permission(user, "add")

    def may_view_log(self, user: Any) -> bool:
        """The audit log and the dashboard's recent activity."""
        return has_permission(user, "audit.view_logentry")


class TranslationPolicy:
    """Who may change which language of an article, a person or a taxonomy term.

    Editors (and the writer of an article's own draft) change every field. A translator is
    assigned languages (``TranslatorLanguage``) and changes only the fields of those, never the
    source language; the editors approve.
    """

    def is_translator(self, user: Any) -> bool:
        return has_permission(user, "articles.translate_article")

    def may_approve(self, user: Any) -> bool:
        """Request, approve, return and withdraw translations."""
        return has_permission(user, "articles.approve_translation")

    def works_only_as_translator(self, user: Any) -> bool:
        """A translator with no editorial role: their start page shows their own work only."""
        return (
            self.is_translator(user)
            and not self.may_approve(user)
            and not article_policy.user_has_permission(user, "add")
        )

    def may_exchange_files(self, user: Any) -> bool:
        """Export and import XLIFF files."""
        return self.is_translator(user) or self.may_approve(user)

    def assigned_languages(self, user: Any) -> list[str]:
        """The languages ``user`` translates (empty for anyone who is not a translator)."""
        if not self.is_translator(user):
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

    def has_full_edit(self, user: Any, obj: models.Model) -> bool:
        """May ``user`` change every field of ``obj`` (editors; a writer on their own draft)?"""
        if isinstance(obj, Article):
            return article_policy.user_has_permission_for_instance(user, "change_every_field", obj)
        return policy_for(type(obj)).user_has_permission_for_instance(user, "change", obj)

    def can_translate(self, user: Any, obj: models.Model, lang: str) -> bool:
        """May ``user`` change the ``lang`` fields of ``obj`` as its translator?"""
        return lang in self.assigned_languages(user) and lang != source_language(obj)

    def can_edit_language(self, user: Any, obj: models.Model, lang: str) -> bool:
        """As its translator, or as someone who changes every field."""
        return self.can_translate(user, obj, lang) or self.has_full_edit(user, obj)

    def translator_only(self, user: Any, obj: models.Model) -> bool:
        """A translator who may change only their languages of ``obj`` (not every field)."""
        return self.is_translator(user) and not self.has_full_edit(user, obj)

    def translator_languages_for(self, user: Any, obj: models.Model) -> list[str]:
        """The languages of ``obj`` that ``user`` translates (never its source language)."""
        return [code for code in self.assigned_languages(user) if code != source_language(obj)]

    def allowed_fields(self, user: Any, obj: models.Model) -> set[str] | None:
        """The field names ``user`` may change on ``obj``; ``None`` means every field."""
        if self.has_full_edit(user, obj):
            return None
        model = type(obj)
        return {
            name
            for code in self.translator_languages_for(user, obj)
            for name in language_fields(model, code)
        }

    def check_may_change(self, user: Any, obj: models.Model, changed_fields: list[str]) -> None:
        """Raise ``PermissionDenied`` unless ``user`` may change every one of ``changed_fields``.

        Editors change anything; a translator only the fields of their languages, never the
        source language, the workflow state or any other field.
        """
        allowed = self.allowed_fields(user, obj)
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

    def user_may(self, user: Any, permission: str, obj: models.Model, lang: str) -> bool:
        """May ``user`` apply a translation transition needing ``permission`` to ``lang`` of
        ``obj``? "mark_ready" (and a translator's edit of approved text) is the translator's of
        the language, or an editor's; "approve" (request, approve, return, withdraw) the
        editors' only."""
        if permission == "mark_ready" and self.can_translate(user, obj, lang):
            return True
        return self.may_approve(user)


article_policy = ArticlePolicy()
translation_policy = TranslationPolicy()
_POLICIES: dict[type[models.Model], ModelPolicy] = {Article: article_policy}


def policy_for(model: type[models.Model]) -> ModelPolicy:
    """The policy of ``model`` (Django's model permissions unless it has its own)."""
    if model not in _POLICIES:
        _POLICIES[model] = ModelPolicy(model)
    return _POLICIES[model]
