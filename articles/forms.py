from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import MAX_HIGHLIGHTS


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
