"""Communicatie: communication plans, messages and their approval."""
