"""Writes of the core app."""

from django.utils import timezone

from .models import WorkerHeartbeat

BEAT_HEARTBEAT = "beat"


def heartbeat_record(*, name: str = BEAT_HEARTBEAT) -> WorkerHeartbeat:
    """Note that the worker ran a periodic task just now (no audit: it is machine state)."""
    beat, _ = WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"last_seen": timezone.now()}
    )
    return beat
