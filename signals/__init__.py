"""Signals: areas, themes, signals, confirmations, attachments, aandachtsverzoeken, network."""
