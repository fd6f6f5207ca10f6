"""Previews of unpublished articles, exactly as readers will see them.

``/preview/articles/<pk>/<lang>/`` for editors (and a contributor's own drafts), and
``/preview/shared/<token>/`` for a reviewer without an account (``articles.editorial.preview``
makes the tokens). Preview responses are never cached and never indexed; public URLs keep
answering 404 for drafts. A preview has no share links, and its canonical address (also og:url
and JSON-LD) is the article's public URL in that language, or, without one, the editor's preview
URL: never the secret link.

A shared link that no longer works answers a page of the public site in the link's language
saying why and what to do: 410 Gone when the editors revoked the links or the article was
unpublished or deleted (the link will never work again), 403 Forbidden when it has expired (the
preview may exist, but this link no longer grants it: a new link will), 404 when the token was
changed, cut short or made up.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language_from_request, gettext_lazy, override
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from articles.editorial.preview import LinkExpired, ended_by, read_token
from articles.editorial.publishing import preview_version
from articles.models import Article
from articles.permissions import article_policy
from articles.public import rendering
from thinktank.languages import language_codes

TEMPLATE = "admin/articles/article/preview.html"
UNAVAILABLE_TEMPLATE = "articles/preview_unavailable.html"

# Why a shared link shows no preview: the status, the heading and what happened.
UNAVAILABLE = {
    "expired": (
        403,
        gettext_lazy("This preview link has expired"),
        gettext_lazy("Preview links work for a limited time, and this one’s time is up."),
    ),
    "revoked": (
        410,
        gettext_lazy("This preview link has been withdrawn"),
        gettext_lazy("The editors withdrew the preview links of this article."),
    ),
    "unpublished": (
        410,
        gettext_lazy("This preview link no longer works"),
        gettext_lazy(
            "The article was taken off the site after this link was made, which ends its "
            "preview links."
        ),
    ),
    "deleted": (
        410,
        gettext_lazy("This preview link no longer works"),
        gettext_lazy("The article it showed has been deleted."),
    ),
    "invalid": (
        404,
        gettext_lazy("This preview link is not valid"),
        gettext_lazy(
            "The address may have been cut short or changed when it was copied: check that you "
            "have the whole link."
        ),
    ),
}

ADVICE = gettext_lazy(
    "To read the article before it is published, ask the editor who sent you this link for a "
    "new one."
)


def _article(pk):
    return Article.objects.select_related("article_type").filter(pk=pk).first()


def _render(request, article, lang, *, shared):
    """The public article page's own context and template, plus a preview banner."""
    if lang not in language_codes():
        raise Http404(_("No such language."))
    with override(lang):
        request.LANGUAGE_CODE = lang
        version = preview_version(article, lang)
        public_path = version.get_absolute_url() if version.slug else ""
        rendered = rendering.render(
            version,
            preview=True,
            canonical_path=public_path or reverse("preview:article", args=[article.pk, lang]),
        )
        request.language_urls = rendered.language_urls
        context = {
            "title": version.title,
            "head_html": rendering.fill(rendered.head, request),
            "article_html": rendering.fill(rendered.article, request),
            "similar_html": "",
            "preview_language": lang,
            "preview_shared": shared,
        }
        response = TemplateResponse(request, TEMPLATE, context)
        response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = lang
    return response


def _unavailable(request, reason, lang=None):
    """The public site's page saying why a shared link shows nothing, in the link's language
    (else the reader's, from Accept-Language)."""
    if lang not in language_codes():
        lang = get_language_from_request(request)
    status, heading, explanation = UNAVAILABLE[reason]
    with override(lang):
        request.LANGUAGE_CODE = lang
        response = TemplateResponse(
            request,
            UNAVAILABLE_TEMPLATE,
            {"reason": reason, "heading": heading, "explanation": explanation, "advice": ADVICE},
            status=status,
        )
        response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Language"] = lang
    return response


@never_cache
@staff_member_required
def preview_article(request, pk, lang):
    """An editor's (or a contributor's own) preview of any article in ``lang``."""
    article = _article(pk)
    if article is None:
        raise Http404(_("No such article."))
    if not article_policy.user_has_permission_for_instance(request.user, "preview", article):
        raise PermissionDenied
    return _render(request, article, lang, shared=False)


@never_cache
def shared_preview(request, token):
    """A reviewer's preview through a signed link, while the link works (see the module)."""
    expired = False
    try:
        link = read_token(token)
    except LinkExpired as exc:
        link, expired = exc.link, True
    except signing.BadSignature:
        return _unavailable(request, "invalid")
    reason = ended_by(link) or ("expired" if expired else None)
    article = None if reason else _article(link.article_id)
    if article is None:
        return _unavailable(request, reason or "deleted", link.language)
    return _render(request, article, link.language, shared=True)
