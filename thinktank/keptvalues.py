"""Values computed from the database and kept like pages: under tags, forgotten the moment one
of them is invalidated (``thinktank.pagecache.invalidate``), and at a given time at the latest.

For what several pages show and costs queries to make, but changes only when something readers
see changes — the filters' choices of the article list and search, say. ``kept(name, tags,
make, until=…)`` answers ``make()``'s value from this process's copy while its tags' generations
are the ones it was made under, as a cached page is (``thinktank.pagestore``: the same shared
cache, stamp, tags' generations and, with Redis, the same tracking connection, so a warm read
asks Redis nothing); otherwise from the shared cache, or by making it again and keeping it.

The tags' generations are read *before* ``make()`` runs: a change committed meanwhile bumps
them after that read (``invalidate`` bumps again once its transaction commits), so the value is
already stale when kept and is made again on the next read. ``until`` (a function, asked before
``make()`` for the same reason) is when the value changes by itself — the next scheduled
publication — and ``MAX_SECONDS`` bounds it anyway. A cache that cannot be reached makes the
value each time.
"""

import logging
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from thinktank import pagestore
from thinktank.pagecache import ALL
from thinktank.pagestore import Check, store, tag_key

logger = logging.getLogger("thinktank.pagecache")

FORMAT = 1  # of the kept entries; another format is made again
MAX_SECONDS = 3600

Value = TypeVar("Value")


@dataclass
class Copy:
    """A value as this process keeps it (among the page copies, ``thinktank.pagestore``):
    valid until ``expires`` while ``valid()`` holds."""

    key: str
    value: object
    expires: float
    valid: Check
    size: int = 0  # next to the pages' bodies, a few small strings


def value_key(name: str) -> str:
    return f"pagecache:value:{name}"


def kept(
    name: str,
    tags: Iterable[str],
    make: Callable[[], Value],
    *,
    until: Callable[[], datetime | None] = lambda: None,
) -> Value:
    """``make()``'s value, kept under ``name`` until one of ``tags`` is invalidated or the
    moment ``until()`` returned has come."""
    key = value_key(name)
    try:
        found = _lookup(key)
    except Exception:  # a cache that is down must not take the pages with it
        logger.warning("Page cache unavailable: %s made uncached", name, exc_info=True)
        return make()
    if found is not None:
        return found.value
    current = store()
    keys = [f"{key}:stamp", *(tag_key(tag) for tag in sorted({ALL, *tags}))]
    try:
        generations = current.state(keys)[1:]
    except Exception:
        logger.warning("Page cache unavailable: %s made uncached", name, exc_info=True)
        return make()
    ends = until()
    value = make()
    expires = time.time() + MAX_SECONDS
    if ends is not None:
        expires = min(expires, ends.timestamp())
    timeout = int(expires - time.time())
    if timeout <= 0:
        return value
    stamp = random.getrandbits(62) + 1  # noqa: S311 - a marker, not a secret
    entry = {
        "format": FORMAT,
        "value": value,
        "keys": keys,
        "expected": [current.stamped(stamp), *generations],
        "expires": expires,
    }
    try:
        current.pages.set_many({key: entry, f"{key}:stamp": stamp}, timeout)
    except Exception:
        logger.warning("Page cache unavailable: %s not kept", name, exc_info=True)
        return value
    pagestore.remember(Copy(key, value, expires, current.checker(keys, entry["expected"])))
    return value


def _lookup(key: str) -> Copy | None:
    """The valid copy of ``key``: this process's, else the shared cache's (kept here from then
    on), else None."""
    now = time.time()
    local = pagestore.local_copy(key, now)
    if local is not None:
        return local
    entry = pagestore.shared_entry(key, now, FORMAT)
    if entry is None:
        return None
    valid = store().checker(entry["keys"], entry["expected"])
    copy = Copy(key, entry["value"], entry["expires"], valid)
    if not copy.valid():
        valid.release()
        return None
    pagestore.remember(copy)
    return copy
