"""Retention that runs: every category with a frozen clock, through the real services.

For each category a record just inside its period stays, one just outside is anonymised
or deleted with its files, the audit log gets one event per category with the counts,
and a second run changes nothing.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.storage import default_storage
from freezegun import freeze_time

from bob.models import (
    Action,
    ActionUpdate,
    CaseDocument,
    CaseDossier,
    Decision,
    DecisionList,
    InformationRequest,
)
from bob.workflow import DecisionListStatus, DossierStatus
from kernteam.models import Attendee, Case, CaseSignal, Session
from samos.audit.models import AuditEvent
from samos.audit.services import audit_record
from samos.documents.models import StoredDocument
from samos.documents.services import stored_document_create
from samos.reminders.models import SentReminder
from samos.retention import registry
from samos.retention.registry import Category, Handling, Outcome
from samos.retention.services import AUDIT_ACTION, cutoff, retention_enforce
from signals.models import Attachment, Confirmation, Signal
from signals.services import ANONYMISED_TEXT
from signals.uploads import private_path, store_private_file
from tests.factories import (
    ActionFactory,
    AttendeeFactory,
    CaseFactory,
    SessionFactory,
    SignalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 6, 15, 1, 30, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def months_before(months: int, *, plus: datetime.timedelta = datetime.timedelta(0)):
    return cutoff(now=NOW, months=months) + plus


_commit = {}


@pytest.fixture(autouse=True)
def _commit_callbacks(django_capture_on_commit_callbacks):
    # Files are removed once a batch commits; the test's own transaction never does, so
    # run the callbacks where each batch's commit would.
    _commit["capture"] = django_capture_on_commit_callbacks


def run(now=NOW):
    with freeze_time(now), _commit["capture"](execute=True):
        return retention_enforce()


def audit_counts() -> dict[str, dict]:
    """The newest retention event per category."""
    events = AuditEvent.objects.filter(action=AUDIT_ACTION).order_by("at", "id")
    return {event.details["categorie"]: event.details for event in events}


def signal_with_attachment(moment, **fields):
    with freeze_time(moment):
        signal = SignalFactory(**fields)
        path = store_private_file(b"\x89PNG fake image bytes", extension="png")
        Attachment.objects.create(
            signal=signal, path=path, download_name="foto.png", content_type="image/png", size=20
        )
    return signal, private_path(path)


# --- signals with personal data: anonymised --------------------------------------------


def test_personal_data_signals_are_anonymised_just_after_their_period():
    months = settings.SAMOS_RETENTION_PERSONAL_DATA_MONTHS
    old, old_file = signal_with_attachment(
        months_before(months, plus=-DAY),
        persoonsgegevens=True,
        observation="Mevrouw Jansen (06-12345678) werd bedreigd.",
        impression="Lijkt persoonlijk.",
    )
    with freeze_time(months_before(months, plus=-2 * DAY)):
        Confirmation.objects.create(signal=old, author=UserFactory(), observation="Jansen ook.")
    recent, recent_file = signal_with_attachment(
        months_before(months, plus=DAY), persoonsgegevens=True, observation="Meneer Bakker."
    )
    updated_before = Signal.objects.get(pk=old.pk).updated_at

    run()

    old.refresh_from_db()
    assert old.observation == ANONYMISED_TEXT
    assert old.impression == ""
    assert old.contains_personal_data is False
    assert old.updated_at == updated_before  # anonymising is not a use
    assert not old.attachments.exists() and not old_file.exists()
    assert list(old.confirmations.values_list("observation", flat=True)) == [ANONYMISED_TEXT]
    recent.refresh_from_db()
    assert recent.observation == "Meneer Bakker." and recent.contains_personal_data
    assert recent.attachments.count() == 1 and recent_file.exists()
    counts = audit_counts()["signalen.persoonsgegevens"]
    assert (counts["aantal"], counts["bestanden"], counts["handeling"]) == (1, 1, "geanonimiseerd")

    before = list(Signal.objects.order_by("pk").values())
    run()
    assert list(Signal.objects.order_by("pk").values()) == before
    assert audit_counts()["signalen.persoonsgegevens"]["aantal"] == 0


def test_last_use_counts_the_link_to_a_case_and_its_closing():
    months = settings.SAMOS_RETENTION_PERSONAL_DATA_MONTHS
    long_ago = months_before(months, plus=-30 * DAY)
    in_open_case = SignalFactory(persoonsgegevens=True, updated_at=long_ago)
    in_recently_closed = SignalFactory(persoonsgegevens=True)
    in_long_closed = SignalFactory(persoonsgegevens=True)
    Signal.objects.filter(
        pk__in=[in_open_case.pk, in_recently_closed.pk, in_long_closed.pk]
    ).update(updated_at=long_ago)
    with freeze_time(long_ago):
        open_case = CaseFactory()
        closed_recently = CaseFactory(gesloten=True, closed_at=months_before(months, plus=DAY))
        closed_long_ago = CaseFactory(gesloten=True, closed_at=long_ago)
        for case, signal in [
            (open_case, in_open_case),
            (closed_recently, in_recently_closed),
            (closed_long_ago, in_long_closed),
        ]:
            CaseSignal.objects.create(case=case, signal=signal, linked_by=case.opened_by)

    run()

    assert Signal.objects.get(pk=in_open_case.pk).contains_personal_data  # in use now
    assert Signal.objects.get(pk=in_recently_closed.pk).contains_personal_data
    anonymised = Signal.objects.get(pk=in_long_closed.pk)
    assert anonymised.observation == ANONYMISED_TEXT
    # Linked to a case, so it is not deleted as an unlinked signal: the case keeps it.
    assert audit_counts()["signalen.persoonsgegevens"]["aantal"] == 1
    assert audit_counts()["signalen.ongekoppeld"]["aantal"] == 0


# --- signals linked to no case: deleted ----------------------------------------------------


def test_unlinked_signals_are_deleted_with_their_files_just_after_their_period():
    months = settings.SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS
    old, old_file = signal_with_attachment(months_before(months, plus=-DAY))
    kept, kept_file = signal_with_attachment(months_before(months, plus=DAY))
    linked, _linked_file = signal_with_attachment(months_before(months, plus=-DAY))
    with freeze_time(months_before(months, plus=-DAY)):
        case = CaseFactory()
        CaseSignal.objects.create(case=case, signal=linked, linked_by=case.opened_by)

    run()

    assert not Signal.objects.filter(pk=old.pk).exists()
    assert not Attachment.objects.filter(signal_id=old.pk).exists() and not old_file.exists()
    assert Signal.objects.filter(pk=kept.pk).exists() and kept_file.exists()
    assert Signal.objects.filter(pk=linked.pk).exists()
    counts = audit_counts()["signalen.ongekoppeld"]
    assert (counts["aantal"], counts["bestanden"], counts["handeling"]) == (1, 1, "verwijderd")

    run()
    assert set(Signal.objects.values_list("pk", flat=True)) == {kept.pk, linked.pk}
    assert audit_counts()["signalen.ongekoppeld"]["aantal"] == 0


def test_a_recent_confirmation_is_a_use():
    months = settings.SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS
    with freeze_time(months_before(months, plus=-30 * DAY)):
        signal = SignalFactory()
    with freeze_time(months_before(months, plus=DAY)):
        Confirmation.objects.create(signal=signal, author=UserFactory(), observation="Ook gezien.")

    run()

    assert Signal.objects.filter(pk=signal.pk).exists()


def test_large_numbers_go_in_batches(settings):
    settings.SAMOS_RETENTION_BATCH_SIZE = 3
    with freeze_time(months_before(settings.SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS, plus=-DAY)):
        SignalFactory.create_batch(8)

    run()

    assert Signal.objects.count() == 0
    assert audit_counts()["signalen.ongekoppeld"]["aantal"] == 8


# --- closed cases: deleted with everything of theirs -------------------------------------


def closed_case_with_records(filed_at):
    """A closed case with a session, a derde, an adopted besluitenlijst (PDF), an action
    with an update, information requests (one outside a session), its closing dossier
    (PDF) and a signal."""
    with freeze_time(filed_at - 3 * DAY):
        case = CaseFactory(title="Onrust rond het azc")
        session = SessionFactory(case=case, afgerond=True, starts_at=filed_at - 5 * DAY)
        AttendeeFactory(session=session, user=None, guest_name="P. de Vries", guest_email="p@x.nl")
        decision_list = DecisionList.objects.create(session=session)
        decision = Decision.objects.create(
            decision_list=decision_list,
            number=1,
            stage="besluitvorming",
            text="We praten met de buurt.",
            created_by=case.opened_by,
        )
        correction = Decision.objects.create(
            decision_list=decision_list,
            number=2,
            stage="besluitvorming",
            text="Correctie op 1.",
            corrects=decision,
            created_by=case.opened_by,
        )
        list_pdf = stored_document_create(kind="besluitenlijst", title="BL", content=b"%PDF-1 a")
        minutes_pdf = stored_document_create(kind="verslag", title="VS", content=b"%PDF-1 b")
        DecisionList.objects.filter(pk=decision_list.pk).update(
            status=DecisionListStatus.VASTGESTELD,
            adopted_at=filed_at - 4 * DAY,
            adopted_by=session.chair,
            document=list_pdf,
            minutes_document=minutes_pdf,
        )
        action = ActionFactory(case=case, session=session, decision=correction)
        ActionUpdate.objects.create(
            action=action,
            from_status="open",
            to_status="afgerond",
            note="Klaar.",
            author=action.coordinator,
        )
        InformationRequest.objects.create(
            case=case,
            session=session,
            question="Wie organiseert?",
            source="Wijkagent",
            requested_by=case.opened_by,
            deadline=filed_at,
            created_by=case.opened_by,
        )
        InformationRequest.objects.create(  # set out on the case page, outside a session
            case=case,
            session=None,
            question="Wat weet de school?",
            source="Directeur",
            requested_by=case.opened_by,
            deadline=filed_at,
            created_by=case.opened_by,
        )
        signal = SignalFactory()
        CaseSignal.objects.create(case=case, signal=signal, linked_by=case.opened_by)
        Case.objects.filter(pk=case.pk).update(status="gesloten", closed_at=filed_at - DAY)
    with freeze_time(filed_at):
        dossier_pdf = stored_document_create(kind="dossier", title="Dossier", content=b"%PDF-1 c")
        entry = CaseDocument.objects.create(
            case=case, kind="dossier", document=dossier_pdf, label="D"
        )
        CaseDossier.objects.create(
            case=case,
            interim=False,
            status=DossierStatus.KLAAR,
            finished_at=filed_at,
            document=entry,
        )
    files = [Path(doc.file.path) for doc in (list_pdf, minutes_pdf, dossier_pdf)]
    assert all(path.exists() for path in files)
    return case, signal, files


def test_closed_cases_go_after_the_archive_period_with_every_record_and_pdf():
    years = settings.SAMOS_RETENTION_CLOSED_CASE_YEARS
    old_case, old_signal, old_files = closed_case_with_records(cutoff(now=NOW, years=years) - DAY)
    kept_case, kept_signal, kept_files = closed_case_with_records(
        cutoff(now=NOW, years=years) + DAY
    )
    with freeze_time(cutoff(now=NOW, years=years) - 30 * DAY):
        unfiled = CaseFactory(gesloten=True, closed_at=cutoff(now=NOW, years=years) - 30 * DAY)

    run()

    assert not Case.objects.filter(pk=old_case.pk).exists()
    assert not Session.objects.filter(case_id=old_case.pk).exists()
    assert not Attendee.objects.filter(
        guest_name="P. de Vries", session__case_id=old_case.pk
    ).exists()
    assert not Action.objects.filter(case_id=old_case.pk).exists()
    assert not InformationRequest.objects.filter(case_id=old_case.pk).exists()
    assert InformationRequest.objects.filter(case_id=kept_case.pk).count() == 2
    assert not DecisionList.objects.filter(session__case_id=old_case.pk).exists()
    assert not any(path.exists() for path in old_files)
    # The case's old, now unlinked signal goes in the same run.
    assert not Signal.objects.filter(pk=old_signal.pk).exists()
    assert Case.objects.filter(pk__in=[kept_case.pk, unfiled.pk]).count() == 2
    assert all(path.exists() for path in kept_files)
    assert Signal.objects.filter(pk=kept_signal.pk).exists()
    assert StoredDocument.objects.count() == 3
    stored = {Path(default_storage.path(doc.file.name)) for doc in StoredDocument.objects.all()}
    assert stored == set(kept_files)  # no orphan rows, no orphan files
    counts = audit_counts()["casussen.gesloten"]
    assert (counts["aantal"], counts["bestanden"], counts["overgeslagen"]) == (1, 3, 1)
    assert audit_counts()["signalen.ongekoppeld"]["aantal"] == 1

    before = (Case.objects.count(), Signal.objects.count(), StoredDocument.objects.count())
    run()
    assert (Case.objects.count(), Signal.objects.count(), StoredDocument.objects.count()) == before
    assert audit_counts()["casussen.gesloten"]["aantal"] == 0


# --- sent reminders, outbox, audit log ------------------------------------------------------


def test_sent_reminder_rows_are_deleted_after_their_period():
    months = settings.SAMOS_RETENTION_SENT_REMINDER_MONTHS
    for key, moment in [
        ("oud", months_before(months, plus=-DAY)),
        ("nieuw", months_before(months, plus=DAY)),
    ]:
        SentReminder.objects.create(
            key=key,
            offset="voor",
            recipient="lid@voorbeeldrade.example",
            due_at=moment,
            claimed_at=moment,
            sent_at=moment,
            status=SentReminder.Status.SENT,
        )

    run()

    assert list(SentReminder.objects.values_list("key", flat=True)) == ["nieuw"]
    assert audit_counts()["herinneringen.verstuurd"]["aantal"] == 1
    run()
    assert SentReminder.objects.count() == 1
    assert audit_counts()["herinneringen.verstuurd"]["aantal"] == 0


def test_outbox_mail_files_are_deleted_after_their_period(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    months = settings.SAMOS_RETENTION_OUTBOX_MONTHS
    folder = Path(settings.EMAIL_FILE_PATH)
    for moment in (months_before(months, plus=-DAY), months_before(months, plus=DAY)):
        with freeze_time(moment):
            mail.send_mail("Uitnodiging", "Tekst", None, ["lid@voorbeeldrade.example"])
    assert len(list(folder.iterdir())) == 2
    (folder / "notes.txt").write_text("not a mail file")

    run()

    left = sorted(path.name for path in folder.iterdir())
    assert len(left) == 2 and "notes.txt" in left
    assert audit_counts()["uitgaande-post"]["aantal"] == 1
    run()
    assert sorted(path.name for path in folder.iterdir()) == left


def test_the_audit_log_keeps_longest_and_is_purged_after_its_own_period():
    years = settings.SAMOS_RETENTION_AUDIT_YEARS
    assert years * 12 >= settings.SAMOS_RETENTION_CLOSED_CASE_YEARS * 12
    with freeze_time(cutoff(now=NOW, years=years) - DAY):
        audit_record(action="test.oud", actor_label="iemand")
    with freeze_time(cutoff(now=NOW, years=years) + DAY):
        audit_record(action="test.nieuw", actor_label="iemand")

    run()

    assert not AuditEvent.objects.filter(action="test.oud").exists()
    assert AuditEvent.objects.filter(action="test.nieuw").exists()
    assert audit_counts()["auditlog"]["aantal"] == 1
    run()
    assert AuditEvent.objects.filter(action="test.nieuw").exists()
    assert audit_counts()["auditlog"]["aantal"] == 0


# --- the run itself ------------------------------------------------------------------------


def test_every_category_writes_one_event_per_run_with_its_setting():
    run()
    events = AuditEvent.objects.filter(action=AUDIT_ACTION)
    codes = [category.code for category in registry.registered_categories()]
    assert sorted(events.values_list("details__categorie", flat=True)) == sorted(codes)
    assert set(codes) >= {
        "signalen.persoonsgegevens",
        "signalen.ongekoppeld",
        "casussen.gesloten",
        "herinneringen.verstuurd",
        "uitgaande-post",
        "auditlog",
    }
    for event in events:
        assert event.actor is None and event.actor_label == "systeem (bewaartermijn)"
        assert event.details["termijn"] == getattr(settings, event.details["instelling"])


def test_a_failing_category_is_logged_and_does_not_stop_the_others():
    def broken(*, now, batch_size):
        raise RuntimeError("disk full")

    registry.register(
        Category(
            "test.kapot", "kapot", Handling.DELETE, "SAMOS_RETENTION_BATCH_SIZE", broken, order=1
        )
    )
    try:
        outcomes = run()
    finally:
        registry.unregister("test.kapot")
    failure = AuditEvent.objects.get(action=AUDIT_ACTION, details__categorie="test.kapot")
    assert failure.result == AuditEvent.Result.FAILURE and failure.details["fout"] == "RuntimeError"
    assert outcomes["auditlog"] == Outcome()


def test_cutoff_counts_calendar_months_in_amsterdam():
    # 31 August minus 3 months is 31 May; across the clock change the wall time stays.
    moment = datetime.datetime(2027, 8, 31, 1, 30, tzinfo=datetime.UTC)  # 03:30 CEST
    result = cutoff(now=moment, months=3)
    assert result.astimezone(datetime.UTC) == datetime.datetime(
        2027, 5, 31, 1, 30, tzinfo=datetime.UTC
    )
    winter = cutoff(now=moment, months=8)  # 31 December, 03:30 CET
    assert winter.astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 31, 2, 30, tzinfo=datetime.UTC
    )


def test_the_nightly_task_is_on_the_beat_schedule_and_runs(eager_tasks):
    from celery.schedules import crontab

    from samos.retention.tasks import enforce_retention

    entry = settings.CELERY_BEAT_SCHEDULE["retention-nightly"]
    assert entry["task"] == enforce_retention.name
    assert entry["schedule"] == crontab(hour=settings.SAMOS_RETENTION_HOUR, minute=30)
    assert enforce_retention.name in eager_tasks.tasks
    with freeze_time(months_before(settings.SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS, plus=-DAY)):
        SignalFactory()
    with freeze_time(NOW):
        enforce_retention.delay()
    assert Signal.objects.count() == 0
