"""Static files, less what django-ckeditor ships that we never use.

CKEditor 4 comes with samples, manual-test pages, a jQuery adapter, spell-checker dialogs that
talk to a remote service, the GeSHi code-snippet plugin and dozens of other plugins. None of
that is collected (``collectstatic``) or served: only the editor itself, its skins and languages,
and the plugins the toolbar and paste handling load. A plugin newly put on the toolbar must be
added to ``EDITOR_PLUGINS`` (the browser tests open its dialog).
"""

from django.contrib.staticfiles import finders

EDITOR = "ckeditor/ckeditor/"
# Plugins whose files CKEditor fetches for our toolbar (thinktank/settings.py, CKEDITOR_CONFIGS):
# dialogs for links and tables, table selection, copy formatting, paste from office suites,
# the accessibility help (Alt+0) and special characters.
EDITOR_PLUGINS = {
    "a11yhelp",
    "clipboard",
    "copyformatting",
    "dialog",
    "link",
    "magicline",
    "pastefromgdocs",
    "pastefromlibreoffice",
    "pastefromword",
    "pastetools",
    "specialchar",
    "table",
    "tableselection",
    "tabletools",
}
EDITOR_TOP_LEVEL_KEPT = {"ckeditor.js", "config.js", "contents.css", "styles.js", "LICENSE.md"}
EDITOR_FOLDERS_KEPT = {"lang", "skins", "vendor", "plugins"}
WRAPPER_FOLDERS_DROPPED = {"galleriffic", "file-icons"}  # django-ckeditor's uploader browser


def served(path: str) -> bool:
    """Whether the static file ``path`` (relative, as collected) is collected and served."""
    path = path.replace("\\", "/")
    if not path.startswith("ckeditor/"):
        return True
    if path.split("/")[1] in WRAPPER_FOLDERS_DROPPED:
        return False
    if not path.startswith(EDITOR):
        return True
    inner = path[len(EDITOR) :].split("/")
    if len(inner) == 1:
        return inner[0] in EDITOR_TOP_LEVEL_KEPT
    if inner[0] not in EDITOR_FOLDERS_KEPT or path.endswith((".html", ".htm")):
        return False
    if "tests" in inner or "samples" in inner:
        return False
    if inner[0] == "plugins" and len(inner) > 2:
        return inner[1] in EDITOR_PLUGINS
    return True


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Django's finder for apps' ``static/`` folders, without the editor's unused files."""

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if served(path):
                yield path, storage

    def find(self, path, find_all=False, **kwargs):
        if not served(path):
            return []  # what Django's finders answer for a file they do not have
        return super().find(path, find_all=find_all, **kwargs)
