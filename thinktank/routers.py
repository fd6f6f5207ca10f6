"""The database router: reads go to the database chosen for the request, writes to the primary.

Every write, every migration and every read outside a request that chose a replica goes to the
primary (``default``): management commands, background work, tests, the admin, previews,
logged-in users. ``thinktank.replicas.ReplicaReadsMiddleware`` chooses one replica for a whole
request (an anonymous reader's page) through ``reading_from``; one replica per request, so a page
never mixes two replicas that lag by different amounts.

Installed by the settings only when ``DATABASE_REPLICA_URLS`` names replicas.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

# The database this request's reads go to; None: the primary.
_read_alias: ContextVar[str | None] = ContextVar("thinktank_read_alias", default=None)


def replica_aliases() -> list[str]:
    """The configured replicas (``settings.DATABASE_REPLICAS``) that are not the primary itself.

    A replica configured as the primary's test mirror has the primary's connection settings
    while tests run: reading it would be reading the primary over a second connection, which
    does not see the test's transaction, so it is left out.
    """
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    return [
        alias
        for alias in getattr(settings, "DATABASE_REPLICAS", ())
        if not _same_database(connections[alias].settings_dict, primary)
    ]


def _same_database(one: dict, other: dict) -> bool:
    return all(one.get(key) == other.get(key) for key in ("ENGINE", "NAME", "HOST", "PORT"))


@contextmanager
def reading_from(alias: str | None) -> Iterator[None]:
    """Send the reads made inside the block to ``alias`` (None: the primary)."""
    token = _read_alias.set(alias)
    try:
        yield
    finally:
        _read_alias.reset(token)


def choose_replica(alias: str | None) -> None:
    """Send the rest of the current request's reads to ``alias``; the request's
    ``reading_from`` block ends it."""
    _read_alias.set(alias)


def current_read_alias() -> str:
    """Where reads go now."""
    return _read_alias.get() or DEFAULT_DB_ALIAS


class PrimaryReplicaRouter:
    """Writes and migrations on the primary; reads where the request chose (by default the
    primary)."""

    def db_for_read(self, model, **hints):
        return _read_alias.get() or DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        """Every database holds the same rows: objects read from a replica relate to any."""
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """Only the primary is migrated; replicas receive its schema by replication."""
        return db == DEFAULT_DB_ALIAS
