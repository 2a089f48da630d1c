"""Logging filters for SAMOS's own LOGGING setting."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """A 403 is SAMOS doing its job (deny by default), not a fault: log the line, drop the
    traceback Django attaches to PermissionDenied, so the demo log and the server log show
    real errors instead of pages of refusals."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
