"""The editor's image button (CKEditor plugin ``libraryimage``): pick an image of the library,
or upload one into it through the library's own checks.

Two admin views answering JSON: ``choices`` lists the images (newest first, searched by title,
alternative text and caption), ``upload`` adds one. Nothing here stores a file that
``clean_image`` did not check and re-encode, and nothing links to another site.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from articles.permissions import policy_for
from audit.edits import ADD, record_edit
from library.models import Image
from library.processing import MAX_BYTES, check_upload_size, clean_image
from thinktank.uploads import SizeLimit, limit_uploads

PAGE = 24
THUMB_WIDTH = 320
INSERT_WIDTH = 640


def _language(request: HttpRequest) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("language") or request.POST.get("language") or ""
    return asked if asked in codes else (get_language() or settings.LANGUAGE_CODE)


def _check(request: HttpRequest, action: str) -> None:
    if not policy_for(Image).user_has_permission(request.user, action):
        raise PermissionDenied


def describe(image: Image, lang: str) -> dict:
    """What the picker shows of ``image`` and what the editor inserts for it."""
    thumb = image.rendition(THUMB_WIDTH)
    shown = image.rendition(INSERT_WIDTH)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.alt_in(lang),
        "thumb": default_storage.url(thumb["name"]) if thumb else image.url(),
        "src": default_storage.url(shown["name"]) if shown else image.url(),
        "width": shown["width"] if shown else image.width,
        "height": shown["height"] if shown else image.height,
    }


@require_GET
def choices(request: HttpRequest) -> JsonResponse:
    """The library's images matching ``q`` (all when empty), newest first."""
    _check(request, "view")
    lang = _language(request)
    images = Image.objects.exclude(file="")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        images = images.filter(
            Q(title__icontains=query) | Q(alt__icontains=query) | Q(caption__icontains=query)
        )
    return JsonResponse({"images": [describe(image, lang) for image in images[:PAGE]]})


@csrf_exempt  # checked below, once the size limit is in place (Django's documented order)
@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    """A new library image from the editor's upload, checked like the library's own form; its
    alternative text goes into the language of the text being edited. Reading stops at the size
    limit."""
    limit = limit_uploads(request, MAX_BYTES)
    return _upload(request, limit)


@csrf_protect
def _upload(request: HttpRequest, limit: SizeLimit) -> JsonResponse:
    _check(request, "add")
    lang = _language(request)
    sent = request.FILES.get("file")
    if limit.too_large:
        return JsonResponse({"error": limit.refusal(request, check_upload_size)}, status=413)
    if sent is None:
        return JsonResponse({"error": _("Choose an image file to upload.")}, status=400)
    try:
        cleaned = clean_image(sent)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    title = (request.POST.get("title") or PurePath(sent.name or "").stem or _("Image"))[:200]
    image = Image(title=title)
    setattr(image, f"alt_{lang}", request.POST.get("alt", "").strip()[:300])
    image.set_file(cleaned)
    image.save()
    record_edit(request.user, ADD, image, language=lang, fields=["file", f"alt_{lang}"])
    return JsonResponse({"image": describe(image, lang)}, status=201)
