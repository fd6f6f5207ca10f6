"""The editor as a contained risk: of CKEditor 4's files only the editor, its skins, languages
and the plugins the toolbar uses are collected and served; no samples, manual tests, GeSHi,
remote spell checkers, or version check."""

from django.conf import settings
from django.contrib.staticfiles import finders

from thinktank.static_finders import served

SHOULD_BE_GONE = [
    "ckeditor/ckeditor/plugins/preview/preview.html",
    "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
    "ckeditor/ckeditor/plugins/wsc/dialogs/ciframe.html",
    "ckeditor/ckeditor/plugins/codesnippetgeshi/plugin.js",
    "ckeditor/ckeditor/plugins/scayt/dialogs/dialog.css",
    "ckeditor/ckeditor/adapters/jquery.js",
    "ckeditor/ckeditor/build-config.js",
    "ckeditor/ckeditor/bender-runner.config.json",
    "ckeditor/galleriffic/js/jquery.galleriffic.js",
]
NEEDED = [
    "ckeditor/ckeditor/ckeditor.js",
    "ckeditor/ckeditor/config.js",
    "ckeditor/ckeditor/lang/tr.js",
    "ckeditor/ckeditor/lang/ru.js",
    "ckeditor/ckeditor/skins/moono-lisa/editor.css",
    "ckeditor/ckeditor/plugins/link/dialogs/link.js",
    "ckeditor/ckeditor/plugins/table/dialogs/table.js",
    "ckeditor/ckeditor-init.js",
    "admin/js/core.js",
    "css/site.css",
]


def collected():
    """Every path collectstatic would copy."""
    found = set()
    for finder in finders.get_finders():
        for path, _storage in finder.list(["CVS", ".*", "*~"]):
            found.add(path.replace("\\", "/"))
    return found


def test_collectstatic_leaves_out_the_editors_samples_tests_and_unused_plugins():
    """No HTML page, sample, test or unused plugin of CKEditor is collected; what the editor
    loads is."""
    paths = collected()
    editor_pages = sorted(p for p in paths if p.startswith("ckeditor/") and p.endswith(".html"))
    assert editor_pages == []
    assert not [p for p in paths if "/tests/" in p and p.startswith("ckeditor/")]
    assert not [p for p in paths if "geshi" in p.lower()]
    for path in SHOULD_BE_GONE:
        assert path not in paths and not served(path), path
        assert finders.find(path) is None, path  # nor served by runserver or WhiteNoise
    for path in NEEDED:
        assert path in paths and finders.find(path), path


def test_editor_config_has_no_remote_services_or_version_check():
    """The spell checkers that send text to a remote service and the version check are off."""
    config = settings.CKEDITOR_CONFIGS["default"]
    assert config["versionCheck"] is False
    assert {"exportpdf", "scayt", "wsc"} <= set(config["removePlugins"].split(","))
