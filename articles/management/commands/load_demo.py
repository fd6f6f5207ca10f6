"""``manage.py load_demo``: fill the site with the Meridian Institute demo content (idempotent)."""

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.urls import reverse

from articles.demo.loader import DEFAULT_ADMIN_PASSWORD, DemoError, load_demo

PASSWORD_VARIABLE = "DEMO_ADMIN_PASSWORD"  # noqa: S105 (a variable name, not a secret)


def one_line(exc):
    """A readable one-line description of why loading failed."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        text = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
        )
    elif isinstance(exc, ValidationError):
        text = " ".join(exc.messages)
    else:
        text = str(exc) or exc.__class__.__name__
    return " ".join(text.split())


class Command(BaseCommand):
    help = (
        "Create or update demo content for the fictional Meridian Institute: articles in three "
        "languages, people, citations and an admin user. Safe to run again. The admin password is "
        f"taken from {PASSWORD_VARIABLE} (default: {DEFAULT_ADMIN_PASSWORD})."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing unless it fails.")

    def handle(self, *args, quiet=False, **options):
        password = os.environ.get(PASSWORD_VARIABLE, DEFAULT_ADMIN_PASSWORD)
        try:
            result = load_demo(admin_password=password)
        except (DemoError, ValidationError, PermissionDenied, DatabaseError, OSError) as exc:
            raise CommandError(
                f"Demo content not loaded (nothing was changed): {one_line(exc)}"
            ) from exc
        if quiet:
            return
        shown = (
            password
            if password == DEFAULT_ADMIN_PASSWORD
            else f"(the value of {PASSWORD_VARIABLE})"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {result.articles} articles, {result.people} people, "
                f"{result.sources} sources, {result.citations} citations."
            )
        )
        self.stdout.write(
            f"Admin: http://127.0.0.1:{os.environ.get('PORT', '8000')}{reverse('admin:index')}  user: {result.admin_username}  "
            f"password: {shown}"
        )
