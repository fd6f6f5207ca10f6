"""Export the untranslated and stale fields of articles for one language as XLIFF 1.2."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.models import Article
from articles.translations import xliff
from thinktank.languages import language_codes


class Command(BaseCommand):
    help = (
        "Write an XLIFF 1.2 file with the untranslated and stale fields of the given articles "
        "(all articles when none is given) for one language."
    )

    def add_arguments(self, parser):
        parser.add_argument("language", help=", ".join(language_codes()))
        parser.add_argument("articles", nargs="*", type=int, help="article ids")
        parser.add_argument("--output", "-o", default="-", help="file name; - for stdout")
        parser.add_argument(
            "--layout",
            default="fields",
            choices=[name for name, _label in xliff.formats()],
            help=(
                "fields: one unit per field; segments: one per segment, markup as <g>/<x/>; "
                "segments-2.1: XLIFF 2.1, one unit per segment, markup as <pc>/<ph/>"
            ),
        )

    def handle(self, *args, language, articles, output, layout="fields", **options):
        if language not in language_codes():
            raise CommandError(
                _("Unknown language “%(lang)s”: use one of %(codes)s.")
                % {"lang": language, "codes": ", ".join(language_codes())}
            )
        queryset = Article.objects.order_by("pk")
        if articles:
            queryset = queryset.filter(pk__in=articles)
            missing = sorted(set(articles) - set(queryset.values_list("pk", flat=True)))
            if missing:
                raise CommandError(
                    _("No article with id: %(ids)s.") % {"ids": ", ".join(map(str, missing))}
                )
        data = xliff.export(queryset, language, layout=layout)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stdout.write(_("Wrote %(file)s.") % {"file": output})
