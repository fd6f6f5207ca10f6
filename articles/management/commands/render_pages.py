"""``manage.py render_pages``: render every live page again (after a deploy that changed the
public templates) and forget every cached page, here and in the CDN."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.public.dependents import render_all


class Command(BaseCommand):
    help = "Render every page readers see (or will see) again, and empty the page cache."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200, help="versions per transaction")

    def handle(self, *args, batch, **options):
        def progress(done, total):
            if options["verbosity"] > 1:
                self.stdout.write(f"{done}/{total}")

        changed = render_all(batch=max(1, batch), progress=progress)
        self.stdout.write(
            _("Pages rendered again: %(changed)d changed; the page cache was emptied.")
            % {"changed": changed}
        )
