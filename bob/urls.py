"""URLs of the BOB procedure: the session runner under /bijeenkomsten/, actions under /acties/."""

from .urls_actions import action_patterns
from .urls_sessions import session_patterns

app_name = "bob"

urlpatterns = [*session_patterns, *action_patterns]
