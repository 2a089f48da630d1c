"""Reminders: the registry of deadlines, the record of sent reminders, the periodic scan."""
