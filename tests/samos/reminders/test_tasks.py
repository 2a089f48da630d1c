"""The scan task and the Celery settings it relies on; one run through Redis and a real worker."""

import json
import os
import subprocess
import sys
import threading
import uuid
from datetime import timedelta

import pytest
from celery.signals import task_postrun
from django.conf import settings
from django.core import mail
from django.db import connections
from django.utils import timezone

from samos.reminders.models import SentReminder
from samos.reminders.registry import registered_source
from samos.reminders.tasks import HARD_TIME_LIMIT, SOFT_TIME_LIMIT, scan_due_reminders

from . import FAKE_SOURCE, FakeSource, make_deadline

SCAN_TASK = "samos.reminders.tasks.scan_due_reminders"


def test_celery_settings_for_reliable_tasks():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert 0 < settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    from samos.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_the_beat_schedule_runs_the_scan_exactly_once():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == SCAN_TASK]
    assert len(entries) == 1
    assert entries[0]["schedule"] <= 60  # seconds: a reminder is at most a minute late
    assert scan_due_reminders.name == SCAN_TASK


def test_the_scan_task_is_late_acked_and_time_limited():
    assert scan_due_reminders.acks_late is True
    assert scan_due_reminders.ignore_result is True
    assert 0 < SOFT_TIME_LIMIT < HARD_TIME_LIMIT <= settings.CELERY_TASK_TIME_LIMIT
    assert (scan_due_reminders.soft_time_limit, scan_due_reminders.time_limit) == (
        SOFT_TIME_LIMIT,
        HARD_TIME_LIMIT,
    )


def test_redis_visibility_timeout_is_above_the_hard_time_limit(tmp_path):
    # The broker is chosen when settings are imported, so ask a fresh interpreter.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samos.settings",
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
        "SAMOS_VAR_DIR": str(tmp_path),
    }
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'options': s.CELERY_BROKER_TRANSPORT_OPTIONS,"
        "'hard': s.CELERY_TASK_TIME_LIMIT, 'soft': s.CELERY_TASK_SOFT_TIME_LIMIT,"
        "'acks_late': s.CELERY_TASK_ACKS_LATE,"
        "'prefetch': s.CELERY_WORKER_PREFETCH_MULTIPLIER}))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    timeout = seen["options"]["visibility_timeout"]
    assert timeout > seen["hard"] > seen["soft"] > 0
    assert timeout > HARD_TIME_LIMIT
    assert (seen["acks_late"], seen["prefetch"]) == (True, 1)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_one_mail_for_two_scans_through_redis(monkeypatch):
    from celery.contrib.testing.worker import start_worker

    from samos.celery import app

    monkeypatch.setenv("CELERY_SKIP_CHECKS", "1")  # the worker's fix-up re-runs Django checks
    # A queue of our own, so tasks other tests left in Redis do not run here.
    queue = f"samos-test-reminders-{uuid.uuid4().hex[:8]}"
    task_ids = [str(uuid.uuid4()), str(uuid.uuid4())]
    finished: set[str] = set()
    both_done = threading.Event()

    def on_postrun(task_id=None, **kwargs):
        # Runs in the worker thread: give its database connection back, like a worker
        # process does, so PostgreSQL can drop the test database afterwards.
        connections.close_all()
        if task_id in task_ids:
            finished.add(task_id)
            if finished == set(task_ids):
                both_done.set()

    task_postrun.connect(on_postrun, weak=False)
    source = FakeSource(make_deadline(timezone.now() - timedelta(minutes=1)))
    try:
        with (
            registered_source(FAKE_SOURCE, source),
            start_worker(app, perform_ping_check=False, pool="solo", queues=[queue]),
        ):
            for task_id in task_ids:
                scan_due_reminders.apply_async(queue=queue, task_id=task_id)
            assert both_done.wait(timeout=60), "the worker did not run both scans"
    finally:
        task_postrun.disconnect(on_postrun)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)

    assert source.calls == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Termijn verloopt vandaag:")
    assert SentReminder.objects.get(offset="op").status == SentReminder.Status.SENT
