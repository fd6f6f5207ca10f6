#!/usr/bin/env python
"""Django's command-line utility for the think-tank CMS."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from thinktank.environment import ConfigurationError

    try:
        # Read the configuration before Django's command machinery does: it would swallow the
        # error for some commands and fail later with an unrelated traceback.
        settings.INSTALLED_APPS  # noqa: B018
    except ConfigurationError as exc:
        sys.exit(f"Configuration error: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
