"""The demo content of the fictional Meridian Institute and its idempotent loader."""
