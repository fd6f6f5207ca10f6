"""The article form, highlights, and the "minor edit" box of translatable objects."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import MAX_HIGHLIGHTS
from audit.edits import AuditedForm


class HighlightFormSet(forms.BaseInlineFormSet):
    """At most five highlights, counting only rows that are kept."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        if len(kept) > MAX_HIGHLIGHTS:
            raise ValidationError(
                _("An article has at most %(count)d highlights.") % {"count": MAX_HIGHLIGHTS},
                code="too_many",
            )


class MinorEditForm(forms.ModelForm):
    """A change form with the "minor edit" box: a typo fix does not make translations stale."""

    minor_edit = forms.BooleanField(
        label=_("Minor edit"),
        required=False,
        help_text=_(
            "A typo fix in the original text: approved translations stay up to date "
            "instead of being marked “needs update”."
        ),
    )


class ArticleAdminForm(AuditedForm, MinorEditForm):
    """The article form, refusing a save over a version newer than the one the editor opened.

    The check is ``thinktank.conflicts``: every field (its workflow state too: a submission made
    meanwhile also refuses the save) and the rows of its authors, highlights and citations, each
    compared by content; the refusal names only what the other person changed, and who.
    """

    version_relations = {"authorships": None, "highlights": None, "citations": None}
    conflict_intro = _(
        "Someone else saved this article after you opened it, so your changes were not "
        "saved (nothing was overwritten). Open the article again to see the latest "
        "version, then redo your changes."
    )


class HeadlineField(forms.CharField):
    """A title typed in a box as wide as the column and two lines high: line breaks typed or
    pasted become single spaces, since a headline is one line."""

    widget = forms.Textarea(attrs={"rows": 2, "class": "headline"})

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value
