"""Values read from Redis that a process trusts until Redis says they changed.

Redis's server-assisted client-side caching (``CLIENT TRACKING``, RESP3): after a connection with
tracking on reads a key, Redis sends that connection an ``invalidate`` push message naming the key
as soon as anything changes it — a write, a deletion, expiry, eviction — and a message naming no
key when the database is flushed. A **watch** is a few keys and the values they must hold (an
entry's stamp and its tags' generations, ``thinktank.pagestore``): checked once by an ``MGET`` on
the process's tracking connection, it is then **trusted** without asking Redis again until a
message names one of its keys.

Before trusting anything, a check reads every message already on the connection (one ``poll``
system call when there is none), so a change Redis has told this process about is never missed.
A watch is asked of Redis again, as if it had never been trusted, when:

- the connection broke, was closed by Redis or never connected (every watch of the process is
  forgotten with it: messages sent meanwhile were lost);
- Redis has not answered on it for ``PAGE_CACHE_TRUST_SECONDS`` (1 s by default): a connection
  silently cut, with no message and no error, is trusted that long at most;
- a message named one of its keys, or said the database was flushed.

Redis writes its invalidation messages in the same turn of its event loop as its reply to the
command that made the change (and before any later command's reply), so by the time the process
that made a change has its answer to the next command — the second invalidation once the
database transaction commits (``thinktank.pagecache``) — every tracking connection has the
message on its socket. One connection per tracker (the page store keeps one per process),
shared by the process's threads under a lock; a forked process makes its own. redis-py's own
client-side cache (``cache_config``) needs Redis 7.4 and caches replies per pooled connection;
this reads the messages itself, on redis-py's connection, as that cache does.
"""

import contextlib
import os
import select
import threading
import time
import weakref

from redis.exceptions import ResponseError

TRUST_SECONDS = 1.0


def packed(*args: bytes) -> bytes:
    """A command in Redis's protocol (an array of bulk strings, as both RESP2 and RESP3 take)."""
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        parts += [b"$%d\r\n" % len(arg), arg, b"\r\n"]
    return b"".join(parts)


class Watch:
    """Keys and the values they must hold; calling it says whether they still do."""

    __slots__ = ("command", "expected", "keys", "tracker", "trusted")

    def __init__(self, tracker: "Tracker", keys: list[bytes], expected: list) -> None:
        self.tracker = tracker
        self.keys = keys
        self.command = packed(b"MGET", *keys)
        self.expected = expected
        self.trusted = False

    def __call__(self) -> bool:
        return self.tracker.holds(self)

    def release(self) -> None:
        """The watch is no longer used: forget it (it would otherwise wait for its keys)."""
        self.tracker.release(self)


class Tracker:
    """The tracking connection of one process to one Redis, and the watches trusted on it."""

    def __init__(self, pool, trust_seconds: float = TRUST_SECONDS) -> None:
        self.pool = pool
        self.trust_seconds = trust_seconds
        self.lock = threading.Lock()
        self.connection = None
        self.tracking = False  # whether Redis tracks what the connection reads
        self.poller = None
        self.heard = 0.0  # time.monotonic() of Redis's last answer on the connection
        self.watchers: dict[bytes, set[Watch]] = {}  # key → trusted watches that read it
        _trackers.add(self)

    def watch(self, keys: list[str], expected: list) -> Watch:
        """A watch of ``keys`` (full Redis keys) holding ``expected`` (as ``MGET`` reads them)."""
        return Watch(self, [key.encode() for key in keys], expected)

    # Checking -----------------------------------------------------------------------------------

    def holds(self, watch: Watch) -> bool:
        """Whether ``watch``'s keys still hold its values: from trust when Redis has said
        nothing of them, else with one ``MGET`` (after which it is trusted if they do)."""
        with self.lock:
            if watch.trusted and self._current() and watch.trusted:
                return True
            return self._check(watch)

    def _current(self) -> bool:
        """Whether the connection is up and recently heard from, after reading every message
        already on it."""
        if self.connection is None:
            return False
        if time.monotonic() - self.heard > self.trust_seconds:
            return False
        if self.poller.poll(0):  # a message, or the connection closed
            try:
                self._read_messages()
            except Exception:  # noqa: BLE001 - any failure: nothing is trusted any more
                self._drop()
                return False
        return True

    def _check(self, watch: Watch) -> bool:
        connection = self._connection()
        try:
            connection.send_packed_command([watch.command], check_health=False)
            values = connection.read_response()  # messages before it are handled on the way
            self._read_messages()  # and any that came with it
        except BaseException:
            self._drop()
            raise
        self.heard = time.monotonic()
        if values != watch.expected:
            return False
        if not self.tracking:
            return True
        # Redis now tracks the keys for this connection: a later change sends a message.
        for key in watch.keys:
            self.watchers.setdefault(key, set()).add(watch)
        watch.trusted = True
        return True

    def release(self, watch: Watch) -> None:
        with self.lock:
            watch.trusted = False
            for key in watch.keys:
                found = self.watchers.get(key)
                if found is not None:
                    found.discard(watch)
                    if not found:
                        del self.watchers[key]

    # Messages -----------------------------------------------------------------------------------

    def _read_messages(self) -> None:
        connection = self.connection
        while connection.can_read(timeout=0):
            connection.read_response(push_request=True)

    def _invalidated(self, message: list) -> None:
        """Redis's ``["invalidate", keys]`` (``keys`` None: the database was flushed)."""
        keys = message[1]
        if keys is None:
            self._untrust_all()
            return
        for key in keys:
            for watch in self.watchers.pop(key, ()):
                watch.trusted = False

    # The connection ---------------------------------------------------------------------------

    def _connection(self):
        if self.connection is None:
            name = f"thinktank-tracking-{os.getpid()}"  # for CLIENT LIST
            kwargs = {**self.pool.connection_kwargs, "client_name": name}
            connection = self.pool.connection_class(**kwargs, protocol=3)
            try:
                connection.connect()
                connection._get_parser().set_invalidation_push_handler(self._invalidated)
                connection.send_command("CLIENT", "TRACKING", "ON")
                connection.read_response()
                self.tracking = True
            except ResponseError:  # Redis before 6: no RESP3 or tracking; every check asks
                connection.disconnect()
                connection = self.pool.connection_class(**kwargs)
                connection.connect()
                self.tracking = False
            poller = select.poll()
            poller.register(connection._get_socket(), select.POLLIN | select.POLLPRI)
            self.connection, self.poller = connection, poller
        return self.connection

    def _drop(self) -> None:
        connection, self.connection, self.poller = self.connection, None, None
        self._untrust_all()
        if connection is not None:
            with contextlib.suppress(Exception):  # it is being thrown away
                connection.disconnect()

    def _untrust_all(self) -> None:
        for watches in self.watchers.values():
            for watch in watches:
                watch.trusted = False
        self.watchers.clear()

    def close(self) -> None:
        """Close the connection (the tracker is no longer used)."""
        with self.lock:
            self._drop()

    def after_fork(self) -> None:
        """In a forked process: the parent's connection, lock and trust are not this one's."""
        self.lock = threading.Lock()
        self.connection = self.poller = None
        self._untrust_all()


_trackers: "weakref.WeakSet[Tracker]" = weakref.WeakSet()


def _after_fork() -> None:
    for tracker in list(_trackers):
        tracker.after_fork()


os.register_at_fork(after_in_child=_after_fork)
