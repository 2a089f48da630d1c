"""django-axes glue: where the username comes from in the two-step login wizard, and
the two lockout limits (username + IP, and IP alone)."""


def username_for_lockout(request, credentials=None) -> str | None:
    # authenticate() gets `username`; the wizard's POST names the field `auth-username`.
    if credentials and credentials.get("username"):
        return credentials["username"]
    data = getattr(request, "POST", None) or {}
    return data.get("auth-username") or data.get("username")


def failure_limit(request, credentials=None) -> int:
    """Axes compares the highest failure count over its lockout parameters with one
    limit. Ours are (username, IP) — 5 failures lock that pair — and IP alone, which
    must allow more (an office shares one address) yet stop password spraying: the
    per-IP limit applies until the pair itself reaches its own."""
    from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.db.models import Sum
    from django.utils import timezone

    username = get_client_username(request, credentials)
    pair = 0
    if username:
        recent = AccessAttempt.objects.filter(
            username=username,
            ip_address=get_client_ip_address(request),
            attempt_time__gte=timezone.now() - get_cool_off(request),
        )
        pair = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
    if pair >= settings.SAMOS_LOCKOUT_FAILURES:
        return settings.SAMOS_LOCKOUT_FAILURES
    return settings.SAMOS_LOCKOUT_IP_FAILURES
