from django import forms
from django.contrib import admin
from django.core.files.storage import default_storage
from django.db.models import Count
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from audit.edits import AuditedAdminMixin
from library import documents, picker
from library.documents import check_pdf
from library.models import Document, Image
from library.processing import CENTRE, MAX_BYTES, allowed_names, clean_image
from library.uploads import RefusesLargeUploads

FOCUS_FIELDS = ("focus_x", "focus_y")


class ImageForm(forms.ModelForm):
    """The image's texts, its focal point, and a file: checked, cleaned and re-encoded before
    anything is stored (``library.processing``)."""

    # A plain file field: our own checks, with their own messages, not Django's generic ones.
    upload = forms.FileField(label=_("file"), required=False)

    class Meta:
        model = Image
        fields = ["title", "alt", "caption", "credit", *FOCUS_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].required = not self.instance.pk
        self.fields["upload"].help_text = _(
            "%(formats)s, at most %(size)s MB. The file is re-encoded: its metadata "
            "(EXIF, GPS position, comments) is not kept."
        ) % {"formats": allowed_names(), "size": MAX_BYTES // (1024 * 1024)}
        percent = _("Give the focal point in percent: a whole number from 0 to 100.")
        for name in FOCUS_FIELDS:
            field = self.fields[name]
            field.error_messages |= {"invalid": percent, "min_value": percent, "max_value": percent}
            field.widget.attrs |= {"min": 0, "max": 100, "step": 1}

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        self.cleaned_image = clean_image(upload) if upload else None
        return upload

    def clean(self):
        cleaned = super().clean()
        given = [cleaned.get(name) is not None for name in FOCUS_FIELDS]
        refused = self.has_error("focus_x") or self.has_error("focus_y")
        if any(given) and not all(given) and not refused:
            raise forms.ValidationError(
                _("Give the focal point both across and down, or leave both empty for the centre."),
                code="focus_incomplete",
            )
        return cleaned

    def focus_changed(self) -> bool:
        return any(name in self.changed_data for name in FOCUS_FIELDS)


class UsedAsHeroFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("hero", _("Hero of an article")), ("unused", _("Not used"))]

    def queryset(self, request, queryset):
        if self.value() == "hero":
            return queryset.filter(hero_of__isnull=False).distinct()
        if self.value() == "unused":
            return queryset.filter(hero_of__isnull=True)
        return queryset


@admin.register(Image)
class ImageAdmin(RefusesLargeUploads, AuditedAdminMixin, TabbedTranslationAdmin):
    """The image library: upload, describe per language, replace; where each image is used."""

    form = ImageForm
    list_display = ["title", "thumbnail", "dimensions", "format", "uses"]
    list_filter = [UsedAsHeroFilter, "format"]
    search_fields = ["title", "alt", "caption", "credit"]
    readonly_fields = ["preview", "dimensions", "square_crop", "used_by"]
    fieldsets = [
        (None, {"fields": ["title", "upload", "preview", "dimensions"]}),
        (
            _("Focal point"),
            {
                "fields": [tuple(FOCUS_FIELDS), "square_crop"],
                "description": _(
                    "Crops (the square portraits) centre on this point: click the preview "
                    "where it is, or type its position."
                ),
            },
        ),
        (_("Texts"), {"fields": ["alt", "caption", "credit"]}),
        (_("Where it is used"), {"fields": ["used_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(use_count=Count("hero_of"))

    def get_fieldsets(self, request, obj=None):
        """Someone who may only view sees the image, not an empty file field."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "upload"]})
            for name, options in fieldsets
        ]

    def get_urls(self):
        # The editor's image button (library/picker.py), before the admin's "<id>/" addresses.
        return [
            path(
                "picker/", self.admin_site.admin_view(picker.choices), name="library_image_picker"
            ),
            path(
                "picker/upload/",
                self.admin_site.admin_view(picker.upload),
                name="library_image_picker_upload",
            ),
            *super().get_urls(),
        ]

    class Media:
        css = {"all": ["css/focal-point.css"]}
        js = ["js/focal_point.js"]

    def save_model(self, request, obj, form, change):
        if form.cleaned_image is not None:
            obj.set_file(form.cleaned_image)
        elif change and form.focus_changed():
            obj.crop_again()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("uses"), ordering="use_count")
    def uses(self, image):
        return image.use_count

    @admin.display(description=_("size"))
    def dimensions(self, image):
        return f"{image.width} × {image.height}" if image.file else "—"

    @admin.display(description=_("preview"))
    def thumbnail(self, image):
        small = image.rendition(160) if image.file else None
        if not small:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="80" loading="lazy">', default_storage.url(small["name"])
        )

    @admin.display(description=_("preview"))
    def preview(self, image):
        """The image with its focal point marked; a click on it sets the point
        (``static/js/focal_point.js``; without script, the two fields below)."""
        shown = image.rendition(640) if image.file else None
        if not image.file:
            return "—"
        across, down = image.focus() or CENTRE
        return format_html(
            '<div class="focal-point"><img src="{}" alt="" width="{}" height="{}">'
            '<span class="focal-marker" style="left: {}%; top: {}%"></span></div>',
            default_storage.url(shown["name"]) if shown else image.url(),
            shown["width"] if shown else image.width,
            shown["height"] if shown else image.height,
            across,
            down,
        )

    @admin.display(description=_("square crop"))
    def square_crop(self, image):
        square = image.rendition(160, crop="square") if image.file else None
        if not square:
            return "—"
        return format_html(
            '<img class="focal-square" src="{}" alt="" width="80" height="80">',
            default_storage.url(square["name"]),
        )

    @admin.display(description=_("articles"))
    def used_by(self, image):
        articles = list(image.hero_of.all()[:50]) if image.pk else []
        if not articles:
            return _("Not used yet.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((str(article),) for article in articles)),
        )


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(label=_("file"), required=False, help_text=_("A PDF, at most 50 MB."))

    class Meta:
        model = Document
        fields = ["article", "language", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].required = not self.instance.pk

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        self.checked = check_pdf(upload) if upload else None
        return upload


@admin.register(Document)
class DocumentAdmin(RefusesLargeUploads, AuditedAdminMixin, admin.ModelAdmin):
    """Reports and other files readers download with an article, one per language."""

    upload_limit = documents.MAX_BYTES
    upload_size_check = staticmethod(documents.check_document_size)

    form = DocumentForm
    list_display = ["title", "article", "language", "size_label", "pages"]
    list_filter = ["language"]
    search_fields = ["title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["size_label", "pages"]
    fields = ["article", "language", "title", "upload", "size_label", "pages"]

    def save_model(self, request, obj, form, change):
        checked = form.checked
        if checked is not None:
            obj.set_file(checked)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("size"))
    def size_label(self, document):
        return document.human_size() if document.file else "—"
