from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles.editorial.revisions import compare, latest_version
from articles.models import MAX_HIGHLIGHTS, Article


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


class ArticleAdminForm(MinorEditForm):
    """The article form, refusing a save over a version newer than the one the editor opened.

    ``version_token`` carries the article's ``updated_at`` and its latest revision when the form
    was opened; ``clean()`` compares it with the row, locked until the save commits.
    """

    version_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_token"].initial = self.token_for(self.instance)

    @staticmethod
    def token_for(article):
        version = latest_version(article)
        return f"{article.updated_at.isoformat()}|{version.pk if version else 0}"

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            return cleaned
        token = self.data.get(self.add_prefix("version_token"), "")
        opened_at, _sep, opened_version = token.partition("|")
        if opened_at != current.updated_at.isoformat():
            raise ValidationError(self.conflict_message(current, opened_version), code="conflict")
        return cleaned

    def conflict_message(self, current, opened_version):
        """Who saved the article since it was opened, and what they changed."""
        lines = [
            _(
                "Someone else saved this article after you opened it, so your changes were not "
                "saved (nothing was overwritten). Open the article again to see the latest "
                "version, then redo your changes."
            )
        ]
        newest = latest_version(current)
        opened = (
            Version.objects.filter(pk=opened_version).first() if opened_version.isdigit() else None
        )
        if newest is not None:
            user = newest.revision.user
            lines.append(
                _("Last saved by %(user)s (%(time)s).")
                % {
                    "user": user.get_username() if user else _("an unknown user"),
                    "time": formats.date_format(
                        timezone.localtime(newest.revision.date_created), "DATETIME_FORMAT"
                    ),
                }
            )
        if newest is not None and opened is not None and opened.pk != newest.pk:
            fields, inlines = compare(opened, newest)
            for change in fields:
                lines.append(
                    _("%(field)s: “%(old)s” → “%(new)s”")
                    % {
                        "field": change.label,
                        "old": Truncator(strip_tags(change.old)).chars(80),
                        "new": Truncator(strip_tags(change.new)).chars(80),
                    }
                )
            for change in inlines:
                lines.append(_("%(inline)s changed.") % {"inline": change.label})
        else:  # no revision to compare with: show where the saved version and this form differ
            for name in self.changed_data:
                if name == "version_token" or name not in self.fields:
                    continue
                saved = self.fields[name].prepare_value(self.initial.get(name))
                lines.append(
                    _("%(field)s: saved “%(saved)s”, yours “%(yours)s”")
                    % {
                        "field": self.fields[name].label,
                        "saved": Truncator(strip_tags(str(saved or ""))).chars(80),
                        "yours": Truncator(
                            strip_tags(str(self.data.get(self.add_prefix(name), "")))
                        ).chars(80),
                    }
                )
        return [ValidationError(line, code="conflict") for line in lines]


class HeadlineField(forms.CharField):
    """A title typed in a box as wide as the column and two lines high: line breaks typed or
    pasted become single spaces, since a headline is one line."""

    widget = forms.Textarea(attrs={"rows": 2, "class": "headline"})

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value
