"""Private PostgreSQL clusters for tests: a primary and a streaming replica of it.

Made in a temporary folder on free ports with the server binaries of this machine
(``PG_BINDIR``, else ``/usr/lib/postgresql/<newest>/bin``, else ``PATH``), run as the
``postgres`` user when the tests run as root (PostgreSQL refuses to run as root). Nothing in
``/etc`` is touched. ``unavailable()`` says why they cannot be made here, in one sentence.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

# Reasons why tests that need a service of their own did not run, for the run's summary.
SKIPPED: list[str] = []
PROGRAMS = ("initdb", "pg_ctl", "pg_basebackup")


def bindir() -> Path | None:
    """The folder of PostgreSQL's server programs, or None."""
    candidates = [os.environ.get("PG_BINDIR")]
    candidates += sorted(
        (str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    which = shutil.which("initdb")
    candidates.append(str(Path(which).parent) if which else None)
    for candidate in candidates:
        if candidate and all((Path(candidate) / name).is_file() for name in PROGRAMS):
            return Path(candidate)
    return None


def run_as() -> str | None:
    """The user the servers run as: ``postgres`` when we are root, else ourselves (None)."""
    return "postgres" if os.geteuid() == 0 else None


def unavailable() -> str | None:
    """Why private clusters cannot be made here, or None."""
    if bindir() is None:
        return (
            "PostgreSQL server programs (initdb, pg_ctl, pg_basebackup) not found in PG_BINDIR, "
            "/usr/lib/postgresql/*/bin or PATH (apt-get install postgresql)"
        )
    if run_as():
        try:
            pwd.getpwnam(run_as())
        except KeyError:
            return "the tests run as root and there is no 'postgres' user to run PostgreSQL as"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One PostgreSQL server in ``directory`` listening on 127.0.0.1:``port``."""

    def __init__(self, directory: Path, port: int):
        self.directory = directory
        self.port = port

    def run(self, program: str, *args: str, timeout: int = 120) -> str:
        result = subprocess.run(
            [str(bindir() / program), *args],
            user=run_as(),
            cwd=self.directory.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {(result.stderr or result.stdout)[-1500:]}")
        return result.stdout

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        self.run("pg_ctl", "-D", str(self.directory), "-o", options,
                 "-l", str(self.directory / "server.log"), "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        if (self.directory / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.directory), "-m", "immediate", "-w", "stop")

    def connect(self, dbname: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=dbname, autocommit=True
        )

    def url(self, dbname: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def log(self) -> str:
        path = self.directory / "server.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""


def make_primary(folder: Path) -> Cluster:
    """A primary that accepts replication from 127.0.0.1 without a password, started."""
    primary = Cluster(folder / "primary", free_port())
    primary.run("initdb", "-D", str(primary.directory), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-sync")  # fmt: skip
    with (primary.directory / "postgresql.conf").open("a") as conf:
        conf.write(
            "\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )
    with (primary.directory / "pg_hba.conf").open("a") as hba:
        hba.write("\nhost replication postgres 127.0.0.1/32 trust\n")
    primary.start()
    return primary


def make_replica(primary: Cluster, folder: Path) -> Cluster:
    """A hot standby streaming from ``primary`` (``pg_basebackup -R``), started, and streaming."""
    replica = Cluster(folder / "replica", free_port())
    primary.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                "-D", str(replica.directory), "-R", "-X", "stream", "-c", "fast")  # fmt: skip
    replica.start()
    wait_until(lambda: streaming(primary), "the replica to stream from the primary")
    return replica


def streaming(primary: Cluster) -> bool:
    with primary.connect() as connection:
        row = connection.execute("SELECT state FROM pg_stat_replication").fetchone()
    return row is not None and row[0] == "streaming"


def wait_until(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.1)


def temporary_folder() -> Path:
    """A folder the servers' user can write (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="thinktank-clusters-"))
    if run_as():
        user = pwd.getpwnam(run_as())
        os.chown(folder, user.pw_uid, user.pw_gid)
    return folder
