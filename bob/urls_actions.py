"""Action pages: /acties/ and adding an action from a session."""

action_patterns: list = []
