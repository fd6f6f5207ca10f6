"""Preview links: signed, expiring tokens that name an article and a language.

An editor previews any article in any language from the back office; a signed link
(``TimestampSigner``) lets a reviewer without an account read it too. The pages themselves are
rendered by ``articles.public.preview`` exactly as readers would see them.

A link works for ``settings.PREVIEW_LINK_MAX_AGE`` seconds (three days) after it was made, and
only while nothing has ended the article's links since: an editor revoking them, the article
being unpublished or deleted. The token carries the time its links were made; what ended them is
read from the audit log (``LogEntry.objects.for_object``), so links need no table of their own.
Making links (the change form shows them) and revoking them are audit lines too: one line per
person and article, reused while that person's links are in force.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.editorial.transitions import DELETE
from articles.models import Article
from articles.permissions import article_policy
from audit.log import log
from audit.models import LogEntry
from audit.registry import register_actions
from thinktank.languages import language_codes, native_name

SALT = "articles.preview"
# How long a shared preview link works, in seconds; ``settings.PREVIEW_LINK_MAX_AGE`` overrides.
DEFAULT_MAX_AGE = 3 * 24 * 60 * 60

LINKS_MADE = "preview_links_made"
LINKS_REVOKED = "preview_links_revoked"
register_actions(
    [
        (LINKS_MADE, gettext_lazy("Preview links made")),
        (LINKS_REVOKED, gettext_lazy("Preview links revoked")),
    ]
)
# The audit lines that end every link made before them, and what each means for the reader.
ENDED_BY = {LINKS_REVOKED: "revoked", "unpublish": "unpublished", DELETE: "deleted"}

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)


@dataclass(frozen=True)
class SharedLink:
    """What a genuine token names: an article, a language, and when the link was made."""

    article_id: int
    language: str
    made_at: datetime.datetime


class LinkExpired(signing.SignatureExpired):
    """A genuine link that is too old; ``link`` says what it named (its language, for the page
    that says so)."""

    def __init__(self, link: SharedLink):
        super().__init__(link)
        self.link = link


def link_lifetime() -> int:
    """How long a shared link works, in seconds."""
    return getattr(settings, "PREVIEW_LINK_MAX_AGE", DEFAULT_MAX_AGE)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(article: Article, lang: str, *, made_at: datetime.datetime | None = None) -> str:
    """A token naming ``article`` in ``lang``, made at ``made_at`` (now), to the microsecond."""
    moment = made_at or timezone.now()
    return _signer().sign_object(
        {"a": article.pk, "l": lang, "t": signing.b62_encode((moment - _EPOCH) // _MICROSECOND)}
    )


def _link(token: str, data: Any) -> SharedLink:
    try:
        if "t" in data:
            made_at = _EPOCH + signing.b62_decode(data["t"]) * _MICROSECOND
        else:  # made before tokens carried the time: the signature's own second
            made_at = _EPOCH + datetime.timedelta(seconds=signing.b62_decode(token.split(":")[-2]))
        return SharedLink(int(data["a"]), str(data["l"]), made_at)
    except (IndexError, KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("Malformed preview token.") from exc


def read_token(token: str, *, max_age: int | None = None) -> SharedLink:
    """What ``token`` names. Raises ``LinkExpired`` when it is older than ``max_age`` seconds,
    ``BadSignature`` when it was not made here (changed, cut short, made up)."""
    if max_age is None:
        max_age = link_lifetime()
    signer = _signer()
    try:
        data = signer.unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired(_link(token, signer.unsign_object(token))) from None
    return _link(token, data)


def ended_by(link: SharedLink) -> str | None:
    """Why ``link`` no longer works — "revoked", "unpublished" or "deleted", the newest such
    event since it was made — or None while nothing has ended it. One indexed query."""
    action = (
        LogEntry.objects.for_model(Article)
        .filter(object_id=link.article_id, action__in=ENDED_BY, created_at__gte=link.made_at)
        .values_list("action", flat=True)
        .first()
    )
    return ENDED_BY[action] if action else None


def _links_made_at(user: Any, article: Article) -> datetime.datetime:
    """When ``user``'s links to ``article`` were made: their audit line, written now unless
    one is still in force (younger than a link's lifetime, with nothing ending links since)."""
    newest = (
        LogEntry.objects.for_object(article)
        .filter(Q(action=LINKS_MADE, user=user) | Q(action__in=ENDED_BY))
        .first()
    )
    if (
        newest is not None
        and newest.action == LINKS_MADE
        and timezone.now() - newest.created_at < datetime.timedelta(seconds=link_lifetime())
    ):
        return newest.created_at
    return log(user, LINKS_MADE, article).created_at


def links_for(request, article: Article) -> list[dict]:
    """Per language: the editor's preview URL and a shareable signed link, made for the user
    (and written to the audit log)."""
    made_at = _links_made_at(request.user, article)
    return [
        {
            "code": code,
            "name": native_name(code),
            "url": reverse("preview:article", args=[article.pk, code]),
            "shared_url": request.build_absolute_uri(
                reverse("preview:shared", args=[make_token(article, code, made_at=made_at)])
            ),
        }
        for code in language_codes()
    ]


def revoke_links(article: Article, *, by: Any) -> LogEntry:
    """End every shared preview link of ``article`` made until now; links made later work.

    Whoever may preview the article may revoke its links."""
    if not article_policy.user_has_permission_for_instance(by, "preview", article):
        raise PermissionDenied(
            _("You are not allowed to revoke the preview links of this article.")
        )
    return log(by, LINKS_REVOKED, article)
