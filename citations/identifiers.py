"""Normal forms of the identifiers a source is recognised by (URL and DOI), used to deduplicate."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi:",
)
TRACKING_PARAMETERS = {"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ref_src", "igshid"}
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_doi(value):
    """``https://doi.org/10.1000/ABC`` and ``doi:10.1000/abc`` are the same DOI: ``10.1000/abc``."""
    doi = (value or "").strip()
    lowered = doi.lower()
    for prefix in DOI_PREFIXES:
        if lowered.startswith(prefix):
            doi = doi[len(prefix) :]
            break
    return doi.strip().lower()


def validate_doi(value):
    if value and not DOI_PATTERN.match(normalize_doi(value)):
        raise ValidationError(
            _("Enter a DOI like 10.1234/abcd.5678 (with or without https://doi.org/)."),
            code="invalid_doi",
        )


def normalize_url(value):
    """A key under which the same web page cited twice compares equal.

    Lower-cases scheme and host, drops ``www.``, default ports, fragments, tracking parameters
    (utm_* and the like) and a trailing slash. The stored URL itself is kept as the editor typed it.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode(
        [
            (key, val)
            for key, val in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMETERS
        ]
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit((scheme, netloc, path, query, ""))
