"""The links of the site's header and footer that an institute configures (settings, from the
environment): about page, contact address, newsletter sign-up, social accounts. Empty ones are
left out, so a fresh site shows no dead links."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import URLValidator, validate_email


@dataclass(frozen=True)
class SiteLinks:
    about: str
    contact_email: str
    newsletter: str
    social: tuple[tuple[str, str], ...]


def _url(name: str, value: str) -> str:
    if value and not value.startswith("/"):
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError as error:
            raise ImproperlyConfigured(f"{name}={value!r} is not an address.") from error
    return value


def parse_social(text: str) -> tuple[tuple[str, str], ...]:
    """``"X=https://x.com/a LinkedIn=https://…"`` as ``(("X", "https://x.com/a"), …)``."""
    pairs = []
    for chunk in text.split():
        name, equals, url = chunk.partition("=")
        if not equals or not name:
            raise ImproperlyConfigured(f"SITE_SOCIAL_LINKS: {chunk!r} is not Name=https://….")
        pairs.append((name.replace("_", " "), _url("SITE_SOCIAL_LINKS", url)))
    return tuple(pairs)


def site_links() -> SiteLinks:
    email = settings.SITE_CONTACT_EMAIL
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise ImproperlyConfigured(
                f"SITE_CONTACT_EMAIL={email!r} is not an address."
            ) from error
    return SiteLinks(
        about=_url("SITE_ABOUT_URL", settings.SITE_ABOUT_URL),
        contact_email=email,
        newsletter=_url("SITE_NEWSLETTER_URL", settings.SITE_NEWSLETTER_URL),
        social=parse_social(settings.SITE_SOCIAL_LINKS),
    )
