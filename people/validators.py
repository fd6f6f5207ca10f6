"""Validators for identifiers that people carry (ORCID)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORCID_PATTERN = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def orcid_checksum_ok(orcid):
    """ISO 7064 MOD 11-2, as ORCID specifies for the last character."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    expected = "X" if result == 10 else str(result)
    return digits[-1] == expected


def validate_orcid(value):
    if not ORCID_PATTERN.match(value) or not orcid_checksum_ok(value):
        raise ValidationError(
            _("Enter an ORCID iD like 0000-0002-1825-0097 (its last character is a checksum)."),
            code="invalid_orcid",
        )
