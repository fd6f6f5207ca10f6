"""The S3-compatible storage of media (``MEDIA_S3_BUCKET``, see the README): django-storages'
S3 storage, each object stored with the cache lifetime the site serves it with."""

from storages.backends.s3 import S3Storage

from library.files import cache_control


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name: str) -> dict:
        params = super().get_object_parameters(name)
        params.setdefault("CacheControl", cache_control(name))
        return params
