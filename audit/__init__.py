"""The audit log: who did what to which object, for every app."""
