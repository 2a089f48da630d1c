"""Periodic tasks of the core app."""

from celery import shared_task

from .services import heartbeat_record


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=20, time_limit=30)
def record_heartbeat() -> None:
    heartbeat_record()
