"""Users and the editorial roles (groups), their admin, and the command that makes a user."""
