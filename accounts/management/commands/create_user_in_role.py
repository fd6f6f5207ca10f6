"""Create a back-office user in one of the editorial roles (see accounts/roles.py)."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import record_role_change
from accounts.roles import ROLES


class Command(BaseCommand):
    help = (
        "Create a staff user in an editorial role: Contributor, Editor, Translator or "
        "Administrator. The password comes from --password or the USER_PASSWORD environment "
        "variable; without one the user must set it with changepassword."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help=", ".join(ROLES))
        parser.add_argument("--email", default="")
        parser.add_argument("--password", default=None)

    def handle(self, *args, username, role, email, password, **options):
        names = {name.lower(): name for name in ROLES}
        role_name = names.get(role.strip().lower())
        if role_name is None:
            raise CommandError(
                _("Unknown role “%(role)s”: use one of %(roles)s.")
                % {"role": role, "roles": ", ".join(ROLES)}
            )
        group = Group.objects.filter(name=role_name).first()
        if group is None:
            raise CommandError(
                _("The role “%(role)s” does not exist yet: run “manage.py migrate” first.")
                % {"role": role_name}
            )
        User = get_user_model()
        username = username.strip()
        if not username:
            raise CommandError(_("Give a user name."))
        if User.objects.filter(username=username).exists():
            raise CommandError(_("The user “%(name)s” already exists.") % {"name": username})
        password = password if password is not None else os.environ.get("USER_PASSWORD")
        user = User(username=username, email=email, is_staff=True)
        try:
            user.full_clean(exclude=["password"])
            if password:
                validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            user.groups.add(group)
            record_role_change(user, by=None, added=[role_name])
        self.stdout.write(
            _("Created %(name)s as %(role)s.") % {"name": username, "role": role_name}
            + (
                ""
                if password
                else " "
                + _("Set a password with: manage.py changepassword %(name)s") % {"name": username}
            )
        )
