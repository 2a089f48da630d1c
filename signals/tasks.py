"""Periodic tasks of the signals app."""

from celery import shared_task

from .stats import refresh_shared_figures


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=50, time_limit=60)
def refresh_dashboard_figures() -> None:
    """Keep the start page's heat table and trend warm (beat: every minute)."""
    refresh_shared_figures()


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=50, time_limit=60)
def sweep_held_uploads() -> int:
    """Remove attachments held for a form nobody finished (beat: every hour)."""
    from .services import held_uploads_sweep

    return held_uploads_sweep()
