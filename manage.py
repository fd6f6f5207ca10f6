#!/usr/bin/env python
"""Django's command-line utility for the think-tank CMS."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings")
    from django.core.management import execute_from_command_line

    from thinktank.environment import ConfigurationError

    try:
        execute_from_command_line(sys.argv)
    except ConfigurationError as exc:
        sys.exit(f"Configuration error: {exc}")


if __name__ == "__main__":
    main()
