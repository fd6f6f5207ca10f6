"""Read the site's configuration from environment variables.

Every reader raises ``ConfigurationError`` with a message that fits on one line, so that
``manage.py`` and the WSGI entry point can stop with that line instead of a traceback.
"""

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(ImproperlyConfigured):
    """A setting taken from the environment is missing or malformed."""


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name, choices, default):
    """One of ``choices`` (a word, compared in lower case), else ``default`` when unset."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    word = raw.strip().lower()
    if word not in choices:
        allowed = ", ".join(sorted(choices))
        raise ConfigurationError(f"{name} must be one of {allowed}; got {raw!r}.")
    return word


def env_int(name, default, *, minimum=0):
    """A whole number of at least ``minimum``, else ``default`` when unset."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise ConfigurationError(
            f"{name} must be a whole number of at least {minimum}; got {raw!r}."
        )
    return value


# SQLite for the demo and small sites, with several editors saving at once: a transaction
# takes the write lock when it begins (IMMEDIATE), so two never deadlock upgrading a read lock
# ("database is locked" at once); a writer waits up to ``timeout`` seconds for the lock; WAL
# lets readers read while one writes. Options in the URL's query string override these.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def _sqlite_options(options, variable):
    if "timeout" in options:
        try:
            options["timeout"] = float(options["timeout"])
        except ValueError:
            raise ConfigurationError(
                f"{variable}: timeout must be a number of seconds; got {options['timeout']!r}."
            ) from None
    return options


def database_from_url(url, *, base_dir, variable="DATABASE_URL"):
    """Turn ``sqlite:///path`` or ``postgres://user:pass@host:port/name`` into a DATABASES entry.

    ``variable`` names the setting in error messages."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigurationError(f"{variable} is not a valid URL ({exc}).") from None
    scheme = parts.scheme.lower()
    options = dict(parse_qsl(parts.query))
    if scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path or path == "/":
            raise ConfigurationError(
                f"{variable} for SQLite must look like sqlite:///relative.db or sqlite:////abs/path.db."
            )
        name = Path(path[1:])
        if not name.is_absolute():
            name = Path(base_dir) / name
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            "OPTIONS": {**SQLITE_OPTIONS, **_sqlite_options(options, variable)},
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigurationError(
                f"{variable} for PostgreSQL must name a database: postgres://user@host:5432/name."
            )
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            # Persistent connections, checked before each request reuses them (a restarted
            # database or a dropped connection costs one retry, not a failed request).
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ConfigurationError(
        f"{variable} scheme {scheme or '(none)'!r} is not supported: use sqlite:/// or postgres://."
    )


def replica_databases(urls, *, base_dir):
    """DATABASES entries for read replicas (``DATABASE_REPLICA_URLS``), named ``replica_1``, …

    Each is a test mirror of ``default``: test runs create no database for it and read the
    primary's (``thinktank.routers`` then sends every read to the primary)."""
    return {
        f"replica_{number}": {
            **database_from_url(url, base_dir=base_dir, variable="DATABASE_REPLICA_URLS"),
            "TEST": {"MIRROR": "default"},
        }
        for number, url in enumerate(urls, start=1)
    }
