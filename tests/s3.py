"""A real S3-compatible HTTP server for the tests: moto's server mode (``moto[server]``), run
once per test session on a free port, with an empty bucket per test that asks for one.

Not a mock of the client: django-storages and boto3 talk HTTP to it, and tests (and other
processes: the two app servers of ``test_two_app_servers.py``) fetch objects from it by URL.
When moto is not installed the tests that need it skip loudly (``SKIPPED``)."""

import json
import uuid

import pytest

from tests.clusters import free_port

try:
    import boto3
    from moto.server import ThreadedMotoServer
except ImportError:  # pragma: no cover - the test extras install it
    ThreadedMotoServer = None

SKIPPED: list[str] = []
REGION = "us-east-1"
KEY_ID, SECRET = "thinktank-test", "thinktank-test-secret"


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )

    def new_bucket(self) -> str:
        name = f"media-{uuid.uuid4().hex[:12]}"
        self.client.create_bucket(Bucket=name)
        # Readers fetch media from the bucket directly: objects are public, as the README says.
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{name}/*",
                }
            ],
        }
        self.client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        return name

    def keys(self, bucket: str) -> set[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def environment(self, bucket: str) -> dict[str, str]:
        """The settings (README, "Configuration") that put media in ``bucket``."""
        return {
            "MEDIA_S3_BUCKET": bucket,
            "MEDIA_S3_ENDPOINT_URL": self.endpoint,
            "MEDIA_S3_REGION": REGION,
            "MEDIA_S3_ACCESS_KEY_ID": KEY_ID,
            "MEDIA_S3_SECRET_ACCESS_KEY": SECRET,
        }

    def storages(self, bucket: str) -> dict:
        return {
            "BACKEND": "library.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "access_key": KEY_ID,
                "secret_key": SECRET,
                "addressing_style": "path",
                "querystring_auth": False,
                "file_overwrite": False,
            },
        }

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture(scope="session")
def s3_server():
    """The session's S3 server (skips loudly without moto)."""
    if ThreadedMotoServer is None:
        SKIPPED.append("moto[server] is not installed: the S3 storage tests did not run.")
        pytest.skip(SKIPPED[-1])
    server = S3Server()
    yield server
    server.stop()


@pytest.fixture
def s3_media(s3_server, settings):
    """Media stored in a fresh bucket of the S3 server for this test."""
    bucket = s3_server.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storages(bucket)}
    return bucket
