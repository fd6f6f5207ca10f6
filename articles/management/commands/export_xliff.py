"""Export the untranslated and stale fields of articles (and, by segment, of people and terms)
for one language as XLIFF."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.models import Article, Region, Topic
from articles.translations import xliff
from people.models import Person
from thinktank.languages import language_codes

# The options naming people and terms to export with (or instead of) articles.
OTHERS = {"people": Person, "topics": Topic, "regions": Region}


class Command(BaseCommand):
    help = (
        "Write an XLIFF 1.2 file with the untranslated and stale fields of the given articles "
        "(all articles when none is given, unless people or terms are) for one language."
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
        for option in OTHERS:
            parser.add_argument(
                f"--{option}",
                nargs="+",
                type=int,
                default=[],
                metavar="ID",
                help=f"{option} to export as well (ids; segment layouts only)",
            )

    def handle(self, *args, language, articles, output, layout="fields", **options):
        if language not in language_codes():
            raise CommandError(
                _("Unknown language “%(lang)s”: use one of %(codes)s.")
                % {"lang": language, "codes": ", ".join(language_codes())}
            )
        others = [obj for name in OTHERS for obj in self._chosen(OTHERS[name], options[name])]
        if others and layout == "fields":
            raise CommandError(
                _(
                    "People and terms are exported by segment: use --layout segments or segments-2.1."
                )
            )
        objects = [] if others and not articles else list(self._chosen(Article, articles, True))
        data = xliff.export([*objects, *others], language, layout=layout)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stdout.write(_("Wrote %(file)s.") % {"file": output})

    def _chosen(self, model, ids, all_when_none=False):
        """The objects of ``model`` with ``ids`` in id order (every one with ``all_when_none``
        and no ids); a ``CommandError`` names the ids that do not exist."""
        if not ids and not all_when_none:
            return []
        queryset = model.objects.order_by("pk")
        if not ids:
            return queryset
        queryset = queryset.filter(pk__in=ids)
        missing = sorted(set(ids) - set(queryset.values_list("pk", flat=True)))
        if missing:
            raise CommandError(
                _("No article with id: %(ids)s.") % {"ids": ", ".join(map(str, missing))}
                if model is Article
                else _("No %(kind)s with id: %(ids)s.")
                % {"kind": model._meta.verbose_name, "ids": ", ".join(map(str, missing))}
            )
        return queryset
