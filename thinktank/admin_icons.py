"""The admin's yes/no/unknown icons with their text in the reader's language.

Django writes the Python value ("True", "False", "None") as the icon's alternative text, in
English whatever the admin's language; ``install`` (from ``ThinktankConfig.ready``) replaces the
one function Django draws them with.
"""

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

ICONS = {True: ("yes", "Yes"), False: ("no", "No"), None: ("unknown", "Unknown")}


def boolean_icon(value: bool | None) -> SafeString:
    icon, text = ICONS[value]
    return format_html(
        '<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), gettext(text)
    )


def install() -> None:
    admin_list._boolean_icon = boolean_icon
