"""With a real Redis stopped, the web app keeps accepting signals and convening sessions;
once Redis is back, the beat's sweep — run by a real worker from the Redis queue — mails
each invitation once.

The test runs its own redis-server on a port of its own (never the shared broker of a CI
run, which other tests use), points Celery at it, and stops and starts it.
"""

import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from datetime import timedelta

import pytest
from celery.signals import task_postrun
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from kernteam.models import Attendee, Session
from kernteam.services.convening import SWEEP_AFTER
from kernteam.tasks import sweep_unsent_invitations
from samos.accounts.roles import Role
from samos.reminders.models import SentReminder
from signals.models import Signal
from tests.conftest import REQUIRE_SERVICES
from tests.factories import (
    AreaFactory,
    CaseFactory,
    KernteamMemberFactory,
    SourceKindFactory,
    ThemeFactory,
    UserFactory,
)

REDIS_SERVER = shutil.which("redis-server")
# Ports for this test's own Redis, apart from the usual 6379 and the CI broker's.
PORTS = range(6471, 6480)

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None and not REQUIRE_SERVICES,
    reason="redis-server not installed: the Redis outage test is skipped",
)


def _free_port() -> int:
    shared = os.environ.get("CELERY_BROKER_URL", "")
    for port in PORTS:
        if f":{port}/" in shared or shared.endswith(f":{port}"):
            continue  # the shared broker of this run: other tests use it
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port for a test Redis in {PORTS.start}..{PORTS.stop - 1}")


class OwnRedis:
    """A throw-away redis-server without persistence, like a restart that lost its data."""

    def __init__(self, folder):
        assert REDIS_SERVER, "SAMOS_REQUIRE_SERVICES=1 but redis-server is not installed"
        self.folder = folder
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed binary and arguments
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the test Redis did not start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


_BROKER_SETTINGS = ("broker_url", "broker_read_url", "broker_write_url")


def _use_broker(app, urls, transport_options):
    """Point the Celery app at URLS (broker, read and write URL: Celery fills in the last
    two from CELERY_BROKER_URL) and forget every pooled connection and producer (kombu
    keeps them in process-wide groups), so the next publish connects afresh."""
    from kombu import pools

    for name, url in zip(_BROKER_SETTINGS, urls, strict=True):
        setattr(app.conf, name, url)
    app.conf.broker_transport_options = transport_options
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def own_redis(tmp_path, monkeypatch):
    from samos.celery import app

    monkeypatch.setenv("CELERY_SKIP_CHECKS", "1")  # the worker's fix-up re-runs Django checks
    redis = OwnRedis(tmp_path)
    before = tuple(getattr(app.conf, name) for name in _BROKER_SETTINGS)
    before_options = app.conf.broker_transport_options
    assert redis.url not in before, "the test must never stop the shared broker"
    redis.start()
    _use_broker(app, (redis.url,) * 3, {"visibility_timeout": 3600})
    try:
        assert app.connection_for_write().as_uri().endswith(f":{redis.port}/0")
        assert app.connection_for_read().as_uri().endswith(f":{redis.port}/0")
        yield redis
    finally:
        redis.stop()
        _use_broker(app, before, before_options)


def _signal_form():
    kern = AreaFactory(name="Oldenmere")
    return {
        "observation": "Rond 21:00 hingen er spandoeken tegen de komst van het azc.",
        "observed_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "area": AreaFactory(name="Merepolder", kind="buurt", parent=kern).pk,
        "themes": [ThemeFactory(name="Asielopvang").pk],
        "source_kind": SourceKindFactory().pk,
        "channel": "offline",
        "urgency": "midden",
        "confidentiality": "intern",
        "submission_token": str(uuid.uuid4()),
    }


def _run_in_a_real_worker(app, task, queue: str) -> None:
    """Publish TASK to QUEUE through Redis and wait until a real worker has run it."""
    from celery.contrib.testing.worker import start_worker

    task_id = str(uuid.uuid4())
    done = threading.Event()

    def on_postrun(task_id=None, **kwargs):
        connections.close_all()  # give the worker thread's connection back
        if task_id == expected:
            done.set()

    expected = task_id
    task_postrun.connect(on_postrun, weak=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", queues=[queue]):
            task.apply_async(queue=queue, task_id=task_id)
            assert done.wait(timeout=60), "the worker did not run the sweep"
    finally:
        task_postrun.disconnect(on_postrun)


@pytest.mark.django_db(transaction=True)
def test_with_redis_stopped_signals_and_sessions_work_and_mail_goes_out_once_it_is_back(
    own_redis, client, verified_login, mailoutbox, caplog
):
    from samos.celery import app

    chair = KernteamMemberFactory(user=UserFactory(roles=[Role.VOORZITTER]), is_chair=True).user
    user = verified_login(client, Role.KERNTEAMLID, Role.SIGNALEERDER)
    case = CaseFactory()
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)  # the broker is really there to begin with

    own_redis.stop()
    caplog.set_level("WARNING", logger="samos.core.queue")

    response = client.post(reverse("signals:signal_create"), _signal_form())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert client.get(signal.get_absolute_url()).status_code == 200

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    started = time.monotonic()
    response = client.post(
        reverse("kernteam:session_convene", args=[case.uuid]),
        {
            "kind": "eerste",
            "date": tomorrow,
            "time": "19:30",
            "location": "Gemeentehuis",
            "guest_0_name": "J. de Vries",
            "guest_0_email": "j.devries@school.example",
        },
    )
    assert response.status_code == 302
    assert time.monotonic() - started < 15, "the page waited too long for the broker"
    session = Session.objects.get()
    assert client.get(session.get_absolute_url()).status_code == 200
    assert client.get(reverse("core:dashboard")).status_code == 200
    # The invitations were handed to the (stopped) broker and refused: nothing is sent.
    assert any("not queued" in record.getMessage() for record in caplog.records)
    assert mailoutbox == []
    wanted = {user.email, chair.email}
    wanted |= set(session.attendees.exclude(guest_email="").values_list("guest_email", flat=True))

    own_redis.start()
    # Ten minutes pass: the sweep leaves fresh invitations to their own task.
    Attendee.objects.filter(session=session).update(
        invited_at=timezone.now() - SWEEP_AFTER - timedelta(minutes=1)
    )
    queue = f"samos-test-outage-{uuid.uuid4().hex[:8]}"
    try:
        _run_in_a_real_worker(app, sweep_unsent_invitations, queue)
        assert sorted(m.to[0] for m in mailoutbox) == sorted(wanted)
        # The beat runs the sweep again five minutes later: nothing more goes out.
        _run_in_a_real_worker(app, sweep_unsent_invitations, queue)
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(wanted)
    rows = SentReminder.objects.filter(key__startswith="kernteam.invitation:")
    assert sorted(rows.values_list("recipient", "status")) == sorted(
        (address, SentReminder.Status.SENT) for address in wanted
    )
