"""Accounts: the custom user, organisations, roles, two-factor enforcement, session rules."""
