"""Reads of the core app."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from .models import WorkerHeartbeat
from .services import BEAT_HEARTBEAT

# The beat runs every minute; three missed beats means the worker is not running.
_STALE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True)
class HeartbeatStatus:
    last_seen: datetime | None
    healthy: bool


def heartbeat_status(*, name: str = BEAT_HEARTBEAT) -> HeartbeatStatus:
    beat = WorkerHeartbeat.objects.filter(name=name).first()
    if beat is None:
        return HeartbeatStatus(last_seen=None, healthy=False)
    return HeartbeatStatus(
        last_seen=beat.last_seen, healthy=timezone.now() - beat.last_seen < _STALE_AFTER
    )
