from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from citations.actions import record_link_check
from citations.linkcheck import DEFAULT_PER_HOST, DEFAULT_TIMEOUT, DEFAULT_WORKERS, check_urls
from citations.models import Source
from citations.tasks import check_source_link
from thinktank.tasks import enqueue


class Command(BaseCommand):
    help = (
        "Check the address of every cited source and record its HTTP status, final address and "
        "time; the Source admin then lists the broken ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
        parser.add_argument("--per-host", type=int, default=DEFAULT_PER_HOST)
        parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds")
        parser.add_argument(
            "--older-than",
            type=int,
            default=0,
            metavar="DAYS",
            help="only sources not checked in the last DAYS days (default: all)",
        )
        parser.add_argument("--source", type=int, action="append", help="only this source id")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            dest="queue",
            help="queue one background job per source for the workers instead of checking here",
        )

    def handle(self, *args, workers, per_host, timeout, older_than, source, **options):
        if workers < 1 or per_host < 1 or timeout <= 0:
            raise CommandError("--workers and --per-host must be at least 1, --timeout positive.")
        sources = Source.objects.with_url().order_by("pk")
        if source:
            sources = sources.filter(pk__in=source)
        if older_than:
            cutoff = timezone.now() - timedelta(days=older_than)
            sources = sources.exclude(link_checked_at__gte=cutoff)
        if options["queue"]:
            ids = list(sources.values_list("pk", flat=True))
            for pk in ids:
                enqueue(check_source_link, pk, timeout)
            self.stdout.write(f"Queued {len(ids)} source(s) for checking.")
            return
        sources = list(sources)
        results = check_urls(
            [item.url for item in sources], timeout=timeout, workers=workers, per_host=per_host
        )
        broken = 0
        for item, result in zip(sources, results, strict=True):
            record_link_check(item, result)
            if not result.ok:
                broken += 1
                problem = result.status or result.error
                self.stdout.write(f"broken  {item.url}  ({problem})")
            elif options["verbosity"] > 1:
                self.stdout.write(f"ok      {item.url}  ({result.status})")
        self.stdout.write(f"Checked {len(sources)} source(s): {broken} broken.")
