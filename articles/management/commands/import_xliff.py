"""Import an XLIFF 1.2 file of translations: every unit is checked, then all or nothing saved."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.translations import xliff
from thinktank.languages import language_codes


class Command(BaseCommand):
    help = (
        "Import translations from an XLIFF 1.2 file as the given user (whose languages and "
        "permissions apply). Nothing is saved unless every unit is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username the changes are made as")
        parser.add_argument("--language", default=None, help="the language the file must be in")

    def handle(self, *args, file, user, language, **options):
        if language and language not in language_codes():
            raise CommandError(_("Unknown language “%(lang)s”.") % {"lang": language})
        account = get_user_model().objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(_("No active user “%(user)s”.") % {"user": user})
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        report = xliff.import_(data, by=account, lang=language)
        if not report.ok:
            for unit, message in report.errors:
                self.stderr.write(f"{unit}: {message}")
            raise CommandError(
                _("Nothing was imported: %(count)d problems.") % {"count": len(report.errors)}
            )
        if not report.only_articles:
            self.stdout.write(report.mixed_summary())
            return
        fields = sum(len(names) for names in report.saved.values())
        self.stdout.write(
            _("Imported %(fields)d fields into %(articles)d articles.")
            % {"fields": fields, "articles": len(report.saved)}
        )
