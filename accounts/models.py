"""Accounts have no tables of their own: users and groups are Django's (``django.contrib.auth``),
and a role is a group with the permissions ``accounts.roles`` declares."""
