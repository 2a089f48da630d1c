"""Kernteam: members, cases, phases, sessions, attendance, preparation."""
