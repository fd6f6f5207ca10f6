"""The editors' forms: a Word document or pasted text; an archived article's original date."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleType
from importers.docx import WordDocument, read_docx
from importers.problems import ImportProblem
from importers.word import read_pasted
from thinktank.languages import language_name

MAX_UPLOAD = 10 * 1024 * 1024


class WordImportForm(forms.Form):
    file = forms.FileField(
        label=_("Word document (.docx)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "The first paragraph is the title; a numbered list at the end such as "
            "“[1] “Title”, Outlet, address, (Date of Access: 01.07.2024).” becomes the footnotes."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    article_type = forms.ModelChoiceField(
        label=_("Type"), queryset=ArticleType.objects.all(), empty_label=None
    )

    document: WordDocument | None = None
    content: bytes = b""

    def __init__(self, *args, cut_short: bool = False, **kwargs):
        """``cut_short``: the file sent was over the limit, and not read past it."""
        super().__init__(*args, **kwargs)
        self.cut_short = cut_short

    def clean(self):
        cleaned = super().clean()
        if self.cut_short:
            self.add_error("file", _("The file is larger than 10 MB."))
            return cleaned
        upload = cleaned.get("file")
        text = (cleaned.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError(_("Choose a Word document or paste the text."))
        if upload and text:
            raise forms.ValidationError(_("Choose a Word document or paste the text, not both."))
        try:
            if upload:
                if upload.size > MAX_UPLOAD:
                    raise ImportProblem(_("The file is larger than 10 MB."))
                self.content = upload.read()
                self.document = read_docx(self.content)
            else:
                self.content = text.encode()
                self.document = read_pasted(text)
        except ImportProblem as exc:
            self.add_error("file" if upload else "text", str(exc))
        return cleaned


class ArchiveDateField(forms.DateField):
    """A date typed as the editor's language writes it (01.07.2024) or in ISO (2024-07-01);
    the admin's calendar offers a picker."""

    default_error_messages = {
        "invalid": _("Enter the date as dd.mm.yyyy or yyyy-mm-dd, such as 01.07.2024."),
    }


class ArchivePublicationForm(forms.Form):
    published_on = ArchiveDateField(
        label=_("Original publication date"),
        widget=AdminDateWidget,
        help_text=_("The date the article was first published, such as 01.07.2024."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Approve these translations with it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, translations: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [(code, language_name(code)) for code in translations]
        self.fields["languages"].initial = translations
        if not translations:
            del self.fields["languages"]
