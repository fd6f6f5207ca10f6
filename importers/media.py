"""Images of an export: found in the export's uploads folder (``--media-dir``) and stored
through Django's storage, so the sanitizer's rule "images come from our own media" holds."""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

_IMG_SRC = re.compile(r"""(<img\b[^>]*\bsrc=["'])([^"']+)(["'])""", re.I)
STORED_UNDER = "imported"


def relative_upload_path(url: str) -> str:
    """``https://site/wp-content/uploads/2024/07/map.jpg`` → ``2024/07/map.jpg``."""
    path = unquote(urlsplit(url).path)
    marker = "/uploads/"
    return path.split(marker, 1)[1] if marker in path else PurePosixPath(path).name


def local_file(media_dir: Path | None, url: str) -> Path | None:
    """The file of ``url`` in ``media_dir``, if it is there (never outside it)."""
    if media_dir is None or not url:
        return None
    relative = relative_upload_path(url)
    root = media_dir.resolve()
    for candidate in (root / relative, root / PurePosixPath(relative).name):
        resolved = candidate.resolve()
        if resolved.is_relative_to(root) and resolved.is_file():
            return resolved
    return None


def store(path: Path) -> str:
    """Store ``path`` once under ``imported/`` (by its name); the storage name."""
    name = f"{STORED_UNDER}/{path.name}"
    if default_storage.exists(name) and default_storage.size(name) == path.stat().st_size:
        return name
    return default_storage.save(name, ContentFile(path.read_bytes()))


def inline_images(html: str, media_dir: Path | None) -> tuple[str, list[str]]:
    """Point every ``<img>`` at a stored copy; warnings name the images that were not found
    (the sanitizer then drops their ``src``, as it does for any image from another host)."""
    warnings: list[str] = []

    def replace(match: re.Match) -> str:
        url = match[2]
        if urlsplit(url).netloc == "" and url.startswith(settings.MEDIA_URL):
            return match[0]
        found = local_file(media_dir, url)
        if found is None:
            warnings.append(_("Image not found in the media folder: %(url)s") % {"url": url})
            return match[0]
        return f"{match[1]}{default_storage.url(store(found))}{match[3]}"

    return _IMG_SRC.sub(replace, html), warnings
