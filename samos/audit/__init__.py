"""Audit: one append-only table of meaningful events, written by services and views."""
