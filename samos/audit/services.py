"""Writing audit events. Call `audit_record` inside the transaction of the change it logs."""

from typing import Any

from django.conf import settings
from django.db import models

from .models import AuditEvent

# Never store these, whatever a caller passes in `details`.
_SECRET_KEYS = {"password", "token", "otp_token", "secret", "key"}
_MAX_DETAIL_TEXT = 200


def client_ip(request) -> str | None:
    """The client's address (django-axes uses this too, via AXES_CLIENT_IP_CALLABLE).

    Behind N trusted proxies (SAMOS_PROXY_COUNT) it is the Nth address from the right of
    X-Forwarded-For: the left part can be forged by the client. Otherwise REMOTE_ADDR.
    """
    if request is None:
        return None
    proxies = settings.SAMOS_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _clean_details(details: dict[str, Any] | None) -> dict[str, Any]:
    cleaned = {}
    for key, value in (details or {}).items():
        if key.lower() in _SECRET_KEYS:
            continue
        if isinstance(value, str) and len(value) > _MAX_DETAIL_TEXT:
            value = value[:_MAX_DETAIL_TEXT] + "…"
        cleaned[key] = value
    return cleaned


def audit_record(
    *,
    action: str,
    actor=None,
    obj: models.Model | None = None,
    result: str = AuditEvent.Result.SUCCESS,
    request=None,
    details: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event. `obj` is described by its model label, uuid (or pk) and str()."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    object_type = object_id = object_label = ""
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = str(getattr(obj, "uuid", None) or obj.pk)
        object_label = str(obj)[:200]
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label or (actor.get_username() if actor is not None else ""),
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        result=result,
        ip_address=client_ip(request),
        details=_clean_details(details),
    )
