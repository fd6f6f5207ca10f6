"""Import Word documents (.docx) as draft articles with their footnotes as citations."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import ArticleType
from articles.permissions import article_policy
from importers.problems import ImportProblem
from importers.report import ImportReport, ItemResult
from importers.word import import_word
from thinktank.languages import language_codes


class Command(BaseCommand):
    help = (
        "Import .docx files as drafts of the given user, their Word footnotes as citations. "
        "Importing a file again updates its draft; a file that cannot be read changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--user", required=True, help="username the drafts belong to")
        parser.add_argument("--language", required=True, help="language of the documents")
        parser.add_argument("--type", required=True, help="slug of the article type")

    def handle(self, *args, files, user, language, type, **options):
        if language not in language_codes():
            raise CommandError(_("Unknown language “%(lang)s”.") % {"lang": language})
        account = get_user_model().objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(_("No active user “%(user)s”.") % {"user": user})
        if not article_policy.may_import(account):
            raise CommandError(_("“%(user)s” may not write articles.") % {"user": user})
        article_type = ArticleType.objects.filter(slug_en=type).first()
        if article_type is None:
            raise CommandError(_("No article type with the slug “%(slug)s”.") % {"slug": type})
        report = ImportReport()
        for name in files:
            path = Path(name)
            try:
                report.add(
                    import_word(
                        path.read_bytes(),
                        filename=path.name,
                        language=language,
                        article_type=article_type,
                        by=account,
                    )
                )
            except (OSError, ImportProblem) as exc:
                report.add(ItemResult(key=name, label=path.name, outcome="failed", reason=str(exc)))
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(report.summary())
        if report.count("failed"):
            failed = report.count("failed")
            raise CommandError(
                ngettext(
                    "%(count)d file could not be imported.",
                    "%(count)d files could not be imported.",
                    failed,
                )
                % {"count": failed}
            )
