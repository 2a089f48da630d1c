"""URLs of the BOB procedure: the session runner under /bijeenkomsten/, actions under
/acties/, vooraf-afwegingen under /afwegingen/, the reading table under /stukken/."""

from .urls_actions import action_patterns
from .urls_assessments import assessment_patterns
from .urls_documents import document_patterns
from .urls_sessions import session_patterns

app_name = "bob"

urlpatterns = [*session_patterns, *action_patterns, *assessment_patterns, *document_patterns]
