"""Audit of logins and logouts. Django reports these only through its auth signals."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from samos.audit.models import AuditEvent
from samos.audit.services import audit_record

from .middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY


@receiver(user_logged_in, dispatch_uid="samos_audit_login")
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_SEEN_KEY] = now
    audit_record(action="inloggen", actor=user, obj=user, request=request)


@receiver(user_logged_out, dispatch_uid="samos_audit_logout")
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="uitloggen", actor=user, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="samos_audit_login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    # credentials are already scrubbed by Django; keep only the username.
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        action="inloggen",
        request=request,
        result=AuditEvent.Result.FAILURE,
        actor_label=username,
    )
