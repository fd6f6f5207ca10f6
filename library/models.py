"""The media library: images (with renditions and translated texts) and documents."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from library import files
from library.documents import CheckedDocument, document_filename
from library.processing import SOCIAL_WIDTH, Cleaned, Focus
from thinktank.languages import native_name, translated_value


def percent_field(label, help_text) -> models.PositiveSmallIntegerField:
    """An optional whole percentage, 0 to 100."""
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=help_text,
    )


class Image(models.Model):
    """An image of the library, stored re-encoded, with renditions at fixed widths."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_("For finding the image in the library.")
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit and licence"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Photo: A. Name, CC BY 4.0”"),
    )
    file = models.CharField(_("file"), max_length=255, editable=False)
    format = models.CharField(_("format"), max_length=10, editable=False)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    # Where crops centre (portraits' squares), in percent of the width from the left and of the
    # height from the top; both empty: the centre.
    focus_x = percent_field(
        _("focal point across (%)"), _("From the left edge: 0 to 100. Empty: the centre.")
    )
    focus_y = percent_field(
        _("focal point down (%)"), _("From the top edge: 0 to 100. Empty: the centre.")
    )
    renditions = models.JSONField(_("renditions"), default=list, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.title

    def set_file(self, cleaned: Cleaned) -> None:
        """Store ``cleaned`` as this image's file; its renditions are made by a background job
        once the image is saved (``library.tasks.make_renditions``; pages show the original
        until then). The files it had before are removed once the change is committed (when no
        other image uses them)."""
        before = self.stored_names() if self.file else set()
        self.file, self.renditions = files.save_original(cleaned), []
        self.format, self.width, self.height = cleaned.format, cleaned.width, cleaned.height
        self.renditions_due = True
        gone = before - self.stored_names()
        if gone:
            transaction.on_commit(lambda: delete_unused(gone))

    def focus(self) -> Focus | None:
        """The focal point crops centre on, ``None`` for the centre."""
        if self.focus_x is None or self.focus_y is None:
            return None
        return (self.focus_x, self.focus_y)

    def crop_again(self) -> None:
        """The focal point changed: the crops are made again around it by the renditions job
        once the image is saved (pages keep the current ones until then)."""
        self.renditions_due = True

    def stored_names(self) -> set[str]:
        return {self.file, *(item["name"] for item in self.renditions)}

    def url(self) -> str:
        return default_storage.url(self.file)

    def _made(self, crop: str | None) -> list[dict]:
        return [item for item in self.renditions if item.get("crop") == crop]

    def srcset(self, image_format: str, crop: str | None = None) -> str:
        return ", ".join(
            f"{default_storage.url(item['name'])} {item['width']}w"
            for item in self._made(crop)
            if item["format"] == image_format
        )

    def has_squares(self) -> bool:
        return bool(self._made("square"))

    def fallback_format(self) -> str:
        return next(
            (item["format"] for item in self.renditions if item["format"] != "WEBP"), "JPEG"
        )

    def rendition(
        self, width: int, image_format: str | None = None, crop: str | None = None
    ) -> dict | None:
        """The smallest rendition at least ``width`` wide (else the largest); ``crop="square"``
        among the square crops."""
        image_format = image_format or self.fallback_format()
        candidates = sorted(
            (item for item in self._made(crop) if item["format"] == image_format),
            key=lambda item: item["width"],
        )
        for item in candidates:
            if item["width"] >= width:
                return item
        return candidates[-1] if candidates else None

    def social(self) -> dict | None:
        """The rendition social cards (OpenGraph, Twitter) and JSON-LD use."""
        return self.rendition(SOCIAL_WIDTH)

    def alt_in(self, language: str) -> str:
        return translated_value(self, "alt", language) or ""

    def caption_in(self, language: str) -> str:
        return translated_value(self, "caption", language) or ""

    def credit_in(self, language: str) -> str:
        return translated_value(self, "credit", language) or ""


def delete_unused(names) -> None:
    """Remove the files of ``names`` that no image or document uses any more."""
    used = set()
    for image in Image.objects.only("file", "renditions"):
        used |= image.stored_names()
    used |= set(Document.objects.values_list("file", flat=True))
    files.delete(set(names) - used)


class Document(models.Model):
    """A file readers download with an article, in one language: the full report as a PDF."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    file = models.CharField(_("file"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    pages = models.PositiveIntegerField(_("pages"), editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="one_document_per_article_language"
            )
        ]

    def __str__(self):
        return self.title

    def set_file(self, checked: CheckedDocument) -> None:
        """Store ``checked`` as this document's file (the old one goes once committed)."""
        before = self.file
        self.file = files.save_document(
            checked.digest, document_filename(self.title, self.language), checked.content
        )
        self.size, self.pages = len(checked.content), checked.pages
        if before and before != self.file:
            transaction.on_commit(lambda: delete_unused({before}))

    def get_absolute_url(self) -> str:
        return reverse("library:document", kwargs={"pk": self.pk, "filename": self.filename()})

    def filename(self) -> str:
        return self.file.rsplit("/", 1)[-1] if self.file else "document.pdf"

    def language_name(self) -> str:
        return native_name(self.language)

    def human_size(self) -> str:
        return filesizeformat(self.size)
