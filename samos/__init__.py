"""SAMOS project package: settings, URLs, the Celery app and the cross-cutting parts."""

from .celery import app as celery_app

__all__ = ["celery_app"]
