"""Preview links: signed, expiring tokens that name an article and a language.

An editor previews any article in any language from the back office; a signed link
(``TimestampSigner``) lets a reviewer without an account read it too. The pages themselves are
rendered by ``articles.public.preview`` exactly as readers would see them.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from articles.models import Article
from thinktank.languages import language_codes, native_name

SALT = "articles.preview"
# How long a shared preview link works, in seconds; ``settings.PREVIEW_LINK_MAX_AGE`` overrides.
DEFAULT_MAX_AGE = 3 * 24 * 60 * 60


def make_token(article: Article, lang: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"a": article.pk, "l": lang})


def read_token(token: str, *, max_age: int | None = None) -> tuple[int, str]:
    """The (article pk, language) a token names; raises ``BadSignature``/``SignatureExpired``."""
    if max_age is None:
        max_age = getattr(settings, "PREVIEW_LINK_MAX_AGE", DEFAULT_MAX_AGE)
    data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    return int(data["a"]), str(data["l"])


def links_for(request, article: Article) -> list[dict]:
    """Per language: the editor's preview URL and a shareable signed link."""
    return [
        {
            "code": code,
            "name": native_name(code),
            "url": reverse("preview:article", args=[article.pk, code]),
            "shared_url": request.build_absolute_uri(
                reverse("preview:shared", args=[make_token(article, code)])
            ),
        }
        for code in language_codes()
    ]
