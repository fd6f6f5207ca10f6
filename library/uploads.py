"""The library's uploads stop reading at their size limit (``thinktank.uploads.SizeLimit``).

``RefusesLargeUploads`` puts the handler on a ModelAdmin's add and change forms (the library's images
and documents), which answer ``413`` with the size and the limit in the editor's language."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from library.processing import MAX_BYTES, check_upload_size
from thinktank.uploads import read_up_to


class RefusesLargeUploads:
    """For a ModelAdmin whose form takes a file: its add and change forms stop reading an
    upload past ``upload_limit`` bytes and answer ``413`` with what ``upload_size_check``
    says, storing nothing.

    The handler must be in place before anything reads the body, and Django's CSRF check reads
    it: so these two views are exempt from the middleware's check, and the admin's own check
    (``changeform_view`` is ``csrf_protect``-ed) runs once the limit is in place — the order
    Django documents for upload handlers. A refusal is answered before that check: it changes
    nothing."""

    upload_limit: int = MAX_BYTES
    upload_size_check: Callable[[int], None] = staticmethod(check_upload_size)

    def _refused(self, request: HttpRequest) -> HttpResponse | None:
        if request.method != "POST":
            return None
        handler = read_up_to(request, self.upload_limit)
        if not handler.too_large:
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("The file is too large"),
            "message": handler.refusal(request, self.upload_size_check),
            "back": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/upload_refused.html", context, status=413)

    def add_view(self, request, form_url="", extra_context=None):
        return self._refused(request) or super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._refused(request) or super().change_view(
            request, object_id, form_url, extra_context
        )

    add_view.csrf_exempt = True
    change_view.csrf_exempt = True
