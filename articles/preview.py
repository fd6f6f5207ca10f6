"""Previews of unpublished articles, exactly as readers will see them.

An editor previews any article in any language from the back office; a signed, expiring link
(``TimestampSigner``) lets a reviewer without an account read it too. Preview responses are
never cached and never indexed. Public URLs keep answering 404 for drafts.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache

from articles import workflow
from articles.models import Article
from thinktank.languages import NATIVE_NAMES, language_codes

SALT = "articles.preview"
# How long a shared preview link works, in seconds; ``settings.PREVIEW_LINK_MAX_AGE`` overrides.
DEFAULT_MAX_AGE = 3 * 24 * 60 * 60
TEMPLATE = "admin/articles/article/preview.html"


def make_token(article, lang):
    return signing.TimestampSigner(salt=SALT).sign_object({"a": article.pk, "l": lang})


def read_token(token, *, max_age=None):
    """The (article pk, language) a token names; raises ``BadSignature``/``SignatureExpired``."""
    if max_age is None:
        max_age = getattr(settings, "PREVIEW_LINK_MAX_AGE", DEFAULT_MAX_AGE)
    data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    return int(data["a"]), str(data["l"])


def links_for(request, article):
    """Per language: the editor's preview URL and a shareable signed link."""
    return [
        {
            "code": code,
            "name": NATIVE_NAMES[code],
            "url": reverse("preview:article", args=[article.pk, code]),
            "shared_url": request.build_absolute_uri(
                reverse("preview:shared", args=[make_token(article, code)])
            ),
        }
        for code in language_codes()
    ]


def _article(pk):
    article = Article.objects.select_related("article_type").filter(pk=pk).first()
    if article is None:
        raise Http404(_("No such article."))
    return article


def _render(request, article, lang, *, shared):
    """The public article page's own context and template, plus a preview banner."""
    from articles.views import article_page_context

    if lang not in language_codes():
        raise Http404(_("No such language."))
    with override(lang):
        request.LANGUAGE_CODE = lang
        context = article_page_context(article, lang, request=request)
        request.language_urls = context["language_urls"]
        context.update(preview_language=lang, preview_shared=shared)
        response = TemplateResponse(request, TEMPLATE, context)
        response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = lang
    return response


@never_cache
@staff_member_required
def preview_article(request, pk, lang):
    """An editor's (or a contributor's own) preview of any article in ``lang``."""
    article = _article(pk)
    if not workflow.can_preview(request.user, article):
        raise PermissionDenied
    return _render(request, article, lang, shared=False)


@never_cache
def shared_preview(request, token):
    """A reviewer's preview through a signed link: tampered → 404, expired → 403."""
    try:
        pk, lang = read_token(token)
    except signing.SignatureExpired as exc:
        raise PermissionDenied(_("This preview link has expired.")) from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise Http404(_("This preview link is not valid.")) from exc
    return _render(request, _article(pk), lang, shared=True)
