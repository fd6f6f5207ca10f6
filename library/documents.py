"""Uploaded documents (reports as PDF), checked before anything is stored: pure functions."""

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_BYTES = 50 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class CheckedDocument:
    content: bytes
    pages: int

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def check_document_size(size: int | None) -> None:
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; a document may be at most %(limit)s."),
            code="document_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
        )


def check_pdf(upload) -> CheckedDocument:
    """``upload`` if it is a readable PDF of sane size; ``ValidationError`` otherwise."""
    check_document_size(getattr(upload, "size", None))
    upload.seek(0)
    content = upload.read(MAX_BYTES + 1)
    check_document_size(len(content))
    if not content.startswith(PDF_MAGIC):
        raise ValidationError(_("The file is not a PDF document."), code="document_type")
    try:
        pages = len(PdfReader(io.BytesIO(content), strict=False).pages)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
        pages = 0
    if pages < 1:
        raise ValidationError(
            _("The PDF is damaged: its pages could not be read."), code="document_damaged"
        )
    return CheckedDocument(content, pages)


def document_filename(title: str, language: str) -> str:
    """Our name for the stored file, from the document's title (never the uploader's)."""
    return f"{slugify(title)[:80] or 'document'}-{language}.pdf"
