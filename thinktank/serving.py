"""How gunicorn serves the site (read by ``gunicorn.conf.py``; no Django here)."""

import os

MAX_WORKERS = 12


def cpu_count() -> int:
    """The CPUs this process may run on (a container's limit where the OS applies it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(cpus: int | None = None, environ: dict[str, str] | None = None) -> int:
    """``WEB_CONCURRENCY`` when set, else gunicorn's advice of 2 × CPUs + 1, at most
    ``MAX_WORKERS`` (each sync worker holds a database connection and its own memory)."""
    environ = os.environ if environ is None else environ
    if environ.get("WEB_CONCURRENCY", "").strip():
        return max(1, int(environ["WEB_CONCURRENCY"]))
    return min(2 * (cpus or cpu_count()) + 1, MAX_WORKERS)


def bind_address(environ: dict[str, str] | None = None) -> str:
    """``BIND`` when set (``0.0.0.0:8000``, ``unix:/run/site.sock``), else the loopback on
    ``PORT`` (8000)."""
    environ = os.environ if environ is None else environ
    return environ.get("BIND") or f"127.0.0.1:{environ.get('PORT') or 8000}"


def log_config(log_format: str) -> dict:
    """gunicorn's own log lines in the site's format (JSON unless ``LOG_FORMAT=text``), once
    each, on standard error; no access log (the site logs each request, with its id)."""
    if log_format == "text":
        return {}
    handler = {"class": "logging.StreamHandler", "formatter": "json"}
    return {
        "formatters": {"json": {"()": "thinktank.logs.JsonFormatter"}},
        "handlers": {
            "console": {**handler, "stream": "ext://sys.stdout"},
            "error_console": {**handler, "stream": "ext://sys.stderr"},
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
    }
