"""Django's Redis cache, with one Redis client per server and process instead of one per call.

Django's ``RedisCacheClient.get_client()`` makes a new ``redis.Redis`` for every cache operation.
With redis-py 5 and later, making one fills its table of ~170 response callbacks: on a page-cache
hit (a ``GET`` of the page and an ``MGET`` of its tags' generations) reusing the client took the
hit from ~1.5 to ~1.25 ms of CPU in-process (``bench/README.md``). A ``redis.Redis`` is safe to
share between threads and takes its connections from the (per-process, fork-aware) connection
pool, so one per server is kept and reused; everything else is Django's backend unchanged.
"""

from collections.abc import Callable

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Keeps the ``redis.Redis`` made for each server's connection pool."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` reusing its Redis clients."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


def raw_redis(cache) -> tuple[object, Callable[[str], str]] | None:
    """The ``redis.Redis`` client behind Django's Redis cache ``cache`` and the function making
    its full keys (prefix and version), for reading values as stored — integers are stored as
    their digits — without Django's per-call work; None for any other backend."""
    if not isinstance(cache, DjangoRedisCache):
        return None
    return cache._cache.get_client(None), cache.make_key
