"""A private Varnish in front of the test site, configured as the README tells operators to
(``docs/caching.md``): it honours ``s-maxage`` and bans objects by the tags in ``X-Cache-Tags``.

``start(backend_port)`` runs ``varnishd`` in the foreground in a temporary folder on a free port;
``unavailable()`` says in one sentence why it cannot run here.
"""

import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.clusters import free_port

SKIPPED: list[str] = []
VCL = Path(__file__).resolve().parent.parent / "docs" / "varnish.vcl"


def unavailable() -> str | None:
    if shutil.which("varnishd") is None:
        return "varnishd not found (apt-get install varnish)"
    return None


class Varnish:
    def __init__(self, backend_port: int):
        self.directory = Path(tempfile.mkdtemp(prefix="thinktank-varnish-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        vcl = VCL.read_text().replace('.port = "8000"', f'.port = "{backend_port}"')
        (self.directory / "site.vcl").write_text(vcl)
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                shutil.which("varnishd"),
                "-F",
                "-j",
                "none",
                "-n",
                str(self.directory / "work"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(self.directory / "site.vcl"),
                "-s",
                "malloc,64m",
                "-p",
                "default_grace=0",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd stopped: {self.process.stdout.read().decode()}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)  # noqa: S310
                return
            except urllib.error.HTTPError:  # Varnish answered (whatever the site said)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("varnishd did not answer within 30 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.directory, ignore_errors=True)
