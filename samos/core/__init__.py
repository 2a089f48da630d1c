"""Core: the shell every app plugs into — dashboard, navigation, demo data, outbox, errors."""
