"""What the kernteam app announces to the apps above it (they must not be imported here).

`case_closed` is sent inside `case_close`'s transaction, with `case=`; a receiver that
starts work outside the database (a task) does so with `transaction.on_commit`.
"""

from django.dispatch import Signal

case_closed = Signal()
# Sent inside `session_start`'s transaction, with `session=`, the first time a session
# starts (an exercise's given beeld and oordeel are filled in then, by bob).
session_started = Signal()
