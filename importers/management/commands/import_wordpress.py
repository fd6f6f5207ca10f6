"""Import a WordPress export (WXR), with its WPML or Polylang translations, as draft articles."""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import ArticleType
from importers.problems import ImportProblem
from importers.wordpress import TERM_KINDS, Options, import_archive
from importers.wxr import parse_wxr
from thinktank.languages import language_codes


def parse_language_map(text: str) -> dict[str, str]:
    """``"en-us=en,tr-tr=tr"`` → ``{"en-us": "en", "tr-tr": "tr"}``."""
    mapping = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        wordpress, _sep, site = pair.partition("=")
        if site.strip() not in language_codes():
            raise CommandError(
                _("--language-map: “%(pair)s” does not name a language of this site (%(codes)s).")
                % {"pair": pair, "codes": ", ".join(language_codes())}
            )
        mapping[wordpress.strip().lower()] = site.strip()
    return mapping


def read_term_map(path: str) -> dict[str, str]:
    """A JSON object: ``{"category": "topic", "post_tag:caucasus": "region", …}``."""
    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CommandError(_("--term-map: %(error)s") % {"error": exc}) from exc
    allowed = {*TERM_KINDS, "skip"}
    if not isinstance(mapping, dict) or not all(value in allowed for value in mapping.values()):
        raise CommandError(
            _("--term-map: a JSON object whose values are one of %(kinds)s.")
            % {"kinds": ", ".join(sorted(allowed))}
        )
    return mapping


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress export (WXR) as draft articles: WPML/Polylang "
        "translations as one article's languages, authors as people, categories and tags as "
        "terms, reference lists as citations, old addresses as redirects. Importing again "
        "updates what changed and skips the rest."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--type", required=True, help="slug of the default article type")
        parser.add_argument("--user", help="username the drafts are made by (default: nobody)")
        parser.add_argument("--media-dir", help="the site's wp-content/uploads folder")
        parser.add_argument("--language-map", default="", help='such as "en-us=en,tr-tr=tr"')
        parser.add_argument("--term-map", help="JSON file mapping taxonomies/terms to kinds")
        parser.add_argument("--dry-run", action="store_true", help="report, then undo everything")

    def handle(self, *args, file, type, user, media_dir, language_map, term_map, dry_run, **kw):
        article_type = ArticleType.objects.filter(slug_en=type).first()
        if article_type is None:
            raise CommandError(_("No article type with the slug “%(slug)s”.") % {"slug": type})
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(_("No active user “%(user)s”.") % {"user": user})
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(_("No folder %(path)s.") % {"path": media_dir})
        try:
            archive = parse_wxr(Path(file).read_bytes())
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except ImportProblem as exc:
            raise CommandError(_("Nothing was imported: %(error)s") % {"error": exc}) from exc
        options = Options(
            article_type=article_type,
            by=account,
            language_map=parse_language_map(language_map),
            term_map=read_term_map(term_map) if term_map else {},
            media_dir=Path(media_dir) if media_dir else None,
            progress=self.progress if sys.stderr.isatty() else None,
        )
        if dry_run:
            with transaction.atomic():
                report = import_archive(archive, options)
                transaction.set_rollback(True)
        else:
            report = import_archive(archive, options)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(report.summary())
        if dry_run:
            self.stdout.write(_("Dry run: nothing was kept."))

    def progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        if done == total:
            self.stderr.write("")
