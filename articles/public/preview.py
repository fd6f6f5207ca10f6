"""Previews of unpublished articles, exactly as readers will see them.

``/preview/articles/<pk>/<lang>/`` for editors (and a contributor's own drafts), and
``/preview/shared/<token>/`` for a reviewer without an account (``articles.editorial.preview``
makes the tokens). Preview responses are never cached and never indexed; public URLs keep
answering 404 for drafts.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache

from articles.editorial.preview import read_token
from articles.editorial.publishing import preview_version
from articles.models import Article
from articles.permissions import article_policy
from articles.public.article_page import page_context
from thinktank.languages import language_codes

TEMPLATE = "admin/articles/article/preview.html"


def _article(pk):
    article = Article.objects.select_related("article_type").filter(pk=pk).first()
    if article is None:
        raise Http404(_("No such article."))
    return article


def _render(request, article, lang, *, shared):
    """The public article page's own context and template, plus a preview banner."""
    if lang not in language_codes():
        raise Http404(_("No such language."))
    with override(lang):
        request.LANGUAGE_CODE = lang
        context = page_context(preview_version(article, lang), request=request, preview=True)
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
    if not article_policy.user_has_permission_for_instance(request.user, "preview", article):
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
