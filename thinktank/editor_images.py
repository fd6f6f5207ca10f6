"""The CKEditor 4 image button: pictures from the media library only.

``with_library_images(config)`` adds the ``libraryimage`` plugin (``static/ckeditor_plugins``)
to a ``CKEDITOR_CONFIGS`` entry: its button, where it lists and uploads images (the admin views
of ``library/picker.py``) and its labels, translated when the page is rendered. The plugin
inserts ``<img data-image="ID">``, which ``thinktank.richtext`` keeps and the public page shows
as the image's ``<picture>``.
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

PLUGIN = "libraryimage"


def with_library_images(config: dict, static_url: str) -> dict:
    """``config`` with the library image button after its other buttons."""
    toolbar_name = f"toolbar_{config.get('toolbar', 'Custom')}"
    toolbar = [*config.get(toolbar_name, []), ["LibraryImage"]]
    plugins = ",".join(filter(None, [config.get("extraPlugins", ""), PLUGIN]))
    return {
        **config,
        toolbar_name: toolbar,
        "extraPlugins": plugins,
        "external_plugin_resources": [
            *config.get("external_plugin_resources", []),
            (PLUGIN, f"{static_url}ckeditor_plugins/{PLUGIN}/", "plugin.js"),
        ],
        "libraryImage": {
            "choices": reverse_lazy("admin:library_image_picker"),
            "upload": reverse_lazy("admin:library_image_picker_upload"),
            "labels": {
                "button": _("Image from the library"),
                "title": _("Image from the library"),
                "search": _("Search the library"),
                "find": _("Search"),
                "none": _("No image found."),
                "loading": _("Loading…"),
                "uploading": _("Uploading…"),
                "uploaded": _("Uploaded to the library."),
                "failed": _("The request failed; try again."),
                "choose": _("Choose an image first."),
                "uploadAlt": _("Alternative text of an image you upload"),
                "upload": _("Upload a new image into the library:"),
            },
        },
    }
