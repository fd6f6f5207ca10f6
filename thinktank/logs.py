"""Structured logs: one JSON object per line, each naming the request it belongs to.

``request_id`` holds the id of the request being served (set by
``thinktank.request_id.RequestIdMiddleware``); ``RequestIdFilter`` copies it onto every log
record and ``JsonFormatter`` writes the record as JSON. Both are named in ``settings.LOGGING``.
Nothing here imports Django, so gunicorn's configuration can use them too.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

request_id: ContextVar[str] = ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else was passed as ``extra=`` and is kept, but for
# the request object Django's own request logging passes (its id is taken from it).
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "request_id",
    "request",
}


def id_of(record: logging.LogRecord) -> str:
    """The id of the request ``record`` was logged while serving, or "" outside one."""
    return request_id.get() or getattr(getattr(record, "request", None), "id", "")


class RequestIdFilter(logging.Filter):
    """Give every record the current request's id ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = id_of(record) or "-"
        return True


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time (UTC), level, logger, message, request id, the
    ``extra=`` values and the formatted exception, if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = id_of(record)
        if current:
            entry["request_id"] = current
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
