"""Invitations ride the reminders' claimed, exactly-once path: a lost queue, a task and
the sweeper racing, an SMTP outage and a redelivered task each end in one mail per
attendee — or, after three failed attempts, a failed row the beheerder is shown."""

import re
import threading
from collections import Counter
from datetime import timedelta
from unittest import mock

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from kernteam import tasks
from kernteam.models import Attendee, Session
from kernteam.services import (
    session_add_guest,
    session_convene,
    session_invitations_send,
    session_invitations_sweep,
)
from kernteam.services.convening import SWEEP_AFTER
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from samos.reminders import services as reminder_services
from samos.reminders.models import MAX_ATTEMPTS, SentReminder
from tests.factories import (
    AttendeeFactory,
    CaseFactory,
    KernteamMemberFactory,
    SessionFactory,
    UserFactory,
)
from tests.samos.reminders.test_concurrency import run_in_threads, shared_database  # noqa: F401

REFUSED = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def sent_invitations(outbox) -> Counter:
    """(address, session uuid) of each mail; the session read from the calendar's UID."""
    found = Counter()
    for message in outbox:
        [(_name, content, _mimetype)] = message.attachments
        uid = re.search(r"UID:([0-9a-f-]+)@samos", content).group(1)
        found[(message.to[0], uid)] += 1
    return found


def wanted_invitations(*sessions) -> Counter:
    """One per attendee with an address, per session."""
    found = Counter()
    for session in sessions:
        for attendee in session.attendees.select_related("user"):
            address = (attendee.user.email if attendee.user_id else attendee.guest_email).lower()
            if address:
                found[(address, str(session.uuid))] += 1
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("queue", ["refused", "lost"])
def test_with_the_queue_dropped_the_sweeper_sends_every_invitation_exactly_once(
    queue, client, verified_login, mailoutbox, django_capture_on_commit_callbacks
):
    """'refused': the broker is unreachable when publishing; 'lost': it accepted the task
    and lost it (a Redis restart without AOF). Either way no worker ever runs it."""
    KernteamMemberFactory(user=UserFactory(roles=[Role.VOORZITTER]), is_chair=True)
    convener = verified_login(client, Role.KERNTEAMLID)
    member = UserFactory(roles=[Role.KERNTEAMLID])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    publish = mock.patch(
        "kernteam.tasks.send_session_invitations.apply_async",
        side_effect=REFUSED if queue == "refused" else None,
    )
    with publish as published, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("kernteam:session_convene", args=[CaseFactory().uuid]),
            {"kind": "eerste", "date": tomorrow, "time": "19:30", "location": "Gemeentehuis"},
        )
        assert response.status_code == 302
        first = Session.objects.get()
        second = session_convene(
            user=convener,
            case_uuid=CaseFactory().uuid,
            kind="eerste",
            starts_at=timezone.now() + timedelta(days=3),
            location="Dorpshuis",
            members=[member],
            guests=[{"name": "J. de Vries", "email": "J.deVries@School.example"}],
        )
        session_add_guest(
            user=convener,
            session_uuid=first.uuid,
            name="P. Jansen",
            email="p.jansen@woonstede.example",
        )
    assert published.call_count == 3  # every publish was tried; none reached a worker
    assert mailoutbox == []
    wanted = wanted_invitations(first, second)
    assert len(wanted) == 7 and set(wanted.values()) == {1}

    later = timezone.now() + SWEEP_AFTER + timedelta(minutes=1)
    swept = session_invitations_sweep(now=later)
    again = session_invitations_sweep(now=later + timedelta(minutes=5))
    assert swept.sent == len(wanted) and again.sent == 0
    assert sent_invitations(mailoutbox) == wanted
    # The task turns up after all (a late redelivery): it finds everything claimed.
    tasks.send_session_invitations(first.pk)
    tasks.send_session_invitations(second.pk)
    assert len(mailoutbox) == len(wanted)
    assert not Attendee.objects.filter(invitation_sent_at__isnull=True).exists()
    rows = SentReminder.objects.filter(key__startswith="kernteam.invitation:")
    assert rows.count() == len(wanted)
    assert set(rows.values_list("status", "attempts")) == {(SentReminder.Status.SENT, 1)}


@pytest.mark.django_db
def test_a_claim_held_by_another_sender_is_left_to_it_until_it_expires(mailoutbox):
    """Simulated race: another worker claimed the invitation and is sending it."""
    session = SessionFactory()
    attendee = AttendeeFactory(session=session)
    now = timezone.now()
    SentReminder.objects.create(
        key=f"kernteam.invitation:{attendee.uuid}",
        offset="melding",
        recipient=attendee.user.email.lower(),
        due_at=attendee.invited_at,
        status=SentReminder.Status.CLAIMED,
        claimed_at=now,
        attempts=1,
    )
    assert session_invitations_send(session_id=session.pk, now=now).sent == 0
    assert session_invitations_sweep(now=now + SWEEP_AFTER + timedelta(minutes=1)).sent == 0
    assert mailoutbox == []
    # That sender died mid-send: once its claim expired the sweeper sends it, once.
    late = now + reminder_services.CLAIM_EXPIRES_AFTER + timedelta(minutes=1)
    assert session_invitations_sweep(now=late).sent == 1
    assert session_invitations_sweep(now=late + timedelta(minutes=1)).sent == 0
    assert [m.to for m in mailoutbox] == [[attendee.user.email]]


@pytest.mark.django_db(transaction=True)
def test_the_task_and_the_sweeper_racing_send_one_mail_per_attendee(
    shared_database,  # noqa: F811
    mailoutbox,
    monkeypatch,
):
    """Both read "nothing claimed yet" before either claims, so only the claim can stop
    the second mail (threads: on PostgreSQL the real database, on SQLite a file copy)."""
    made = {}

    def make_session():
        # In a thread: on SQLite the threads share a file copy made before the test body.
        session = SessionFactory(starts_at=timezone.now() + timedelta(days=2))
        AttendeeFactory(session=session)
        AttendeeFactory(session=session)
        AttendeeFactory(session=session, user=None, guest_name="Derde", guest_email="d@x.example")
        Attendee.objects.filter(session=session).update(
            invited_at=timezone.now() - SWEEP_AFTER - timedelta(minutes=1)
        )
        made["session"] = session
        made["wanted"] = wanted_invitations(session)

    assert run_in_threads(1, make_session, shared_database) == []
    session = made["session"]
    both_have_read = threading.Barrier(2, timeout=30)
    read = reminder_services.sent_reminders_for_keys

    def read_then_wait(**kwargs):
        rows = read(**kwargs)
        both_have_read.wait()
        return rows

    monkeypatch.setattr(reminder_services, "sent_reminders_for_keys", read_then_wait)
    senders = iter(
        [
            lambda: tasks.send_session_invitations(session.pk),
            lambda: tasks.sweep_unsent_invitations(),
        ]
    )
    lock = threading.Lock()

    def next_sender():
        with lock:
            sender = next(senders)
        sender()

    errors = run_in_threads(2, next_sender, shared_database)
    assert errors == []
    assert len(mailoutbox) == 3
    assert sent_invitations(mailoutbox) == made["wanted"]

    def check():
        rows = SentReminder.objects.values_list("status", "attempts")
        assert sorted(rows) == [(SentReminder.Status.SENT, 1)] * 3
        assert not Attendee.objects.filter(invitation_sent_at__isnull=True).exists()

    assert run_in_threads(1, check, shared_database) == []


@pytest.mark.django_db
def test_smtp_failing_three_times_ends_failed_audited_and_on_the_beheerders_page(
    client, verified_login, mailoutbox
):
    session = SessionFactory()
    attendee = AttendeeFactory(session=session)
    start = timezone.now()
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=OSError("smtp down")):
        first = session_invitations_send(session_id=session.pk, now=start)  # the task
        # The beat sweep every five minutes; the claim paces the retries (5, then 10 min).
        sweeps = [
            session_invitations_sweep(now=start + timedelta(minutes=minutes))
            for minutes in range(5, 65, 5)
        ]
    assert first.failed == 1
    assert sum(result.failed for result in sweeps) == MAX_ATTEMPTS - 1
    assert sum(result.sent for result in sweeps) == 0
    row = SentReminder.objects.get(key=f"kernteam.invitation:{attendee.uuid}")
    assert (row.status, row.attempts) == (SentReminder.Status.FAILED, MAX_ATTEMPTS)
    assert row.last_error == "OSError: smtp down"
    event = AuditEvent.objects.get(action="herinnering.mislukt")
    assert event.result == AuditEvent.Result.FAILURE and event.object_id == str(row.pk)
    assert event.details["sleutel"] == row.key
    # Failed for good: mail working again does not bring a fourth attempt.
    assert session_invitations_sweep(now=start + timedelta(hours=2)).sent == 0
    assert mailoutbox == []
    attendee.refresh_from_db()
    assert attendee.invitation_sent_at is None

    verified_login(client, Role.BEHEERDER, is_staff=True)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "1 bericht niet verstuurd" in page
    assert "uitnodigingen" in page


@pytest.mark.django_db
def test_a_task_redelivered_after_success_sends_nothing(
    eager_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    KernteamMemberFactory(user=UserFactory(roles=[Role.VOORZITTER]), is_chair=True)
    convener = UserFactory(roles=[Role.KERNTEAMLID])
    with django_capture_on_commit_callbacks(execute=True):
        session = session_convene(
            user=convener,
            case_uuid=CaseFactory().uuid,
            kind="eerste",
            starts_at=timezone.now() + timedelta(days=2),
            location="Gemeentehuis",
            guests=[{"name": "J. de Vries", "email": "j.devries@school.example"}],
        )
    sent = len(mailoutbox)
    assert sent == 3  # convener, chair, derde
    # The worker died after sending, before the attendee rows were marked: the claim
    # rows, not invitation_sent_at, decide.
    Attendee.objects.filter(session=session).update(invitation_sent_at=None)
    tasks.send_session_invitations.delay(session.pk)  # redelivered
    tasks.send_session_invitations(session.pk)
    assert session_invitations_sweep(now=timezone.now() + timedelta(hours=1)).sent == 0
    assert len(mailoutbox) == sent
    assert SentReminder.objects.filter(status=SentReminder.Status.SENT).count() == sent
    assert not Attendee.objects.filter(session=session, invitation_sent_at__isnull=True).exists()
