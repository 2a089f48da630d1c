"""A real Celery worker renders a case dossier from the Redis queue: the closing dossier
requested when a case closes is stored and offered, and its limits stay below the
broker's visibility timeout (so a slow render is never handed to a second worker)."""

import threading
import uuid

import pytest
from celery.signals import task_postrun
from django.conf import settings
from django.db import connections

from bob.models import CaseDossier
from bob.tasks import HARD_TIME_LIMIT, SOFT_TIME_LIMIT, render_case_dossier
from bob.workflow import DossierStatus
from tests.factories import CaseFactory


def test_the_limits_stay_below_the_visibility_timeout():
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    timeout = options.get("visibility_timeout", 3600)
    assert timeout > HARD_TIME_LIMIT > SOFT_TIME_LIMIT > 0


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_and_stores_the_closing_dossier(monkeypatch):
    from celery.contrib.testing.worker import start_worker

    from samos.celery import app

    monkeypatch.setenv("CELERY_SKIP_CHECKS", "1")  # the worker's fix-up re-runs Django checks
    queue = f"samos-test-dossier-{uuid.uuid4().hex[:8]}"
    task_id = str(uuid.uuid4())
    done = threading.Event()

    def on_postrun(task_id=None, **kwargs):
        connections.close_all()  # give the worker thread's connection back
        if task_id == expected:
            done.set()

    expected = task_id
    case = CaseFactory(gesloten=True, title="Onrust bij de haven")
    # The row as case_close leaves it (not through the service: its on_commit would
    # queue on the default queue, outside this test's own).
    dossier = CaseDossier.objects.create(case=case, interim=False)
    task_postrun.connect(on_postrun, weak=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", queues=[queue]):
            render_case_dossier.apply_async(args=[dossier.pk], queue=queue, task_id=task_id)
            assert done.wait(timeout=120), "the worker did not render the dossier"
    finally:
        task_postrun.disconnect(on_postrun)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)

    dossier = CaseDossier.objects.select_related("document__document").get(pk=dossier.pk)
    assert dossier.status == DossierStatus.KLAAR and dossier.attempts == 1
    content = dossier.document.document.read_bytes()  # hash-checked
    assert content.startswith(b"%PDF-")
