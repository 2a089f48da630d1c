"""What a besluitenlijst shows, as plain data (a *snapshot*).

The same dictionary feeds the concept PDF (built live, on every request) and the adopted
one (built once at adoption, stored with the list and rendered once). Everything in it is
a finished string or number — labels, names, local dates — so a frozen snapshot prints
what was true at adoption, whatever the case, the actions or the users look like later.
"""

import hashlib
import json

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format

from bob.models import Action, Decision, DecisionList
from kernteam import exercises
from kernteam.models import PhaseChange, Session
from samos.documents.models import DocumentSettings

__all__ = ["decision_list_snapshot", "snapshot_fingerprint"]
# document_header, attendance_rows, decision_rows, local_text and person_text are shared
# with the verslag (bob.selectors.minutes): both documents print them the same way.

SNAPSHOT_VERSION = 1


def local_text(value, fmt="d-m-Y H:i") -> str:
    return date_format(timezone.localtime(value), fmt) if value else ""


def person_text(user) -> str:
    if user is None:
        return ""
    return f"{user} ({user.job_title})" if user.job_title else str(user)


def information_request_row(info) -> dict:
    """One informatieverzoek as the verslag and the dossier print it (finished strings).
    One set out from the case page, outside a session, is dated by when it was set out."""
    outside = info.session_id is None
    return {
        "question": info.question,
        "source": info.source,
        "owner": person_text(info.requested_by),
        "deadline": local_text(info.deadline),
        "status": str(info.get_status_display()),
        "answer": info.answer,
        "answered_at": local_text(info.answered_at),
        "asked_on": local_text(info.created_at if outside else info.session.starts_at, "d-m-Y"),
        "asked_outside_session": outside,
    }


def attendance_rows(session: Session) -> list[dict]:
    rows = []
    for attendee in session.attendees.select_related("user").order_by(
        "user_id", "guest_name", "id"
    ):
        if attendee.user_id:
            name, organisation = person_text(attendee.user), ""
            if attendee.user.organisation_id:
                organisation = str(attendee.user.organisation)
        else:
            name = attendee.guest_name
            organisation = ", ".join(
                part for part in (attendee.guest_role, attendee.guest_organisation) if part
            )
        rows.append(
            {
                "name": name,
                "organisation": organisation,
                "is_guest": attendee.user_id is None,
                "status": attendee.attendance,
                "status_label": str(attendee.get_attendance_display()),
            }
        )
    return rows


def decision_rows(session: Session, reader) -> list[dict]:
    decisions = Decision.objects.filter(decision_list__session=session).select_related(
        "corrects__decision_list__session"
    )
    if reader is None:
        # The frozen record counts every cited signal: the same bytes for every reader.
        decisions = decisions.annotate(signal_count=Count("signals"))
    else:
        # An exercise's own fictitious signals count for its readers (kernteam.exercises).
        visible = exercises.case_signals_visible_for(user=reader, case=session.case).values("pk")
        decisions = decisions.annotate(signal_count=Count("signals", filter=Q(signals__in=visible)))
    rows = []
    for decision in decisions.order_by("number"):
        corrects = decision.corrects
        rows.append(
            {
                "number": decision.number,
                "stage": str(decision.get_stage_display()),
                "text": decision.text,
                "corrects_number": corrects.number if corrects else None,
                "corrects_date": (
                    local_text(corrects.decision_list.session.starts_at, "d-m-Y")
                    if corrects
                    else ""
                ),
                "signal_count": decision.signal_count,
            }
        )
    return rows


def _actions(session: Session) -> list[dict]:
    actions = Action.objects.filter(session=session).select_related(
        "executor", "coordinator", "arranged_by"
    )
    return [
        {
            "title": action.title,
            "intended_result": action.intended_result,
            "carried_out_by": action.carried_out_by,
            "coordinator": person_text(action.coordinator),
            "due_date": date_format(action.due_date, "d-m-Y") if action.due_date else "",
            "status": str(action.get_status_display()),
        }
        for action in actions.order_by("due_date", "id")
    ]


def _adoption(
    decision_list: DecisionList | None, *, adopted_at=None, adopted_by=None, adopted_in=None
):
    if decision_list is not None and decision_list.is_adopted:
        adopted_at, adopted_by = decision_list.adopted_at, decision_list.adopted_by
        adopted_in = decision_list.adopted_in
    if adopted_at is None:
        return None
    return {
        "at": local_text(adopted_at),
        "by": person_text(adopted_by),
        "in_session": local_text(adopted_in.starts_at, "d-m-Y") if adopted_in else "",
    }


def phase_label_at(case, moment) -> str:
    """The case's phase at MOMENT (its phase history), or its phase now without MOMENT.

    An adoption records the phase "at that moment"; for an adoption happening now the two
    agree, and a record of an earlier moment (the demo's story) prints what was true then.
    """
    if moment is not None:
        change = (
            PhaseChange.objects.filter(case=case, changed_at__lte=moment)
            .order_by("-changed_at", "-id")
            .first()
        )
        if change is not None:
            return str(change.get_to_phase_display())
    return str(case.get_phase_display())


def document_header(session: Session, *, at=None) -> dict:
    """What every session document opens with: the municipality, the case, the session.
    AT: the moment the document records (an adoption); None for a live concept."""
    case = session.case
    document_settings = DocumentSettings.current()
    return {
        "municipality": str(document_settings.municipality_name),
        "confidentiality": str(document_settings.confidentiality_line),
        # The logo of the moment, frozen with an adopted record like every other line.
        "logo": document_settings.logo,
        "case": {
            "title": case.title,
            "is_exercise": case.is_exercise,
            "phase": phase_label_at(case, at),
        },
        "session": {
            "kind": str(session.get_kind_display()),
            "starts_at": local_text(session.starts_at),
            "date": local_text(session.starts_at, "d-m-Y"),
            "location": session.location,
            "chair": person_text(session.chair),
            "secretary": person_text(session.secretary),
        },
    }


def decision_list_snapshot(
    *, session: Session, reader=None, adopted_at=None, adopted_by=None, adopted_in=None
) -> dict:
    """Everything the besluitenlijst prints, as JSON-ready data.

    READER: the user a concept is rendered for (cited signals counted as far as they may
    see them); None for the frozen record. ADOPTED_*: the adoption being recorded, when
    the snapshot is taken inside `decision_list_adopt`.
    """
    decision_list = DecisionList.objects.filter(session=session).first()
    return {
        "version": SNAPSHOT_VERSION,
        **document_header(session, at=adopted_at),
        "attendance": attendance_rows(session),
        "decisions": decision_rows(session, reader),
        "actions": _actions(session),
        "adoption": _adoption(
            decision_list, adopted_at=adopted_at, adopted_by=adopted_by, adopted_in=adopted_in
        ),
    }


def snapshot_fingerprint(snapshot: dict) -> str:
    """SHA-256 of the snapshot's canonical JSON: the content's kenmerk printed in the PDF.

    The PDF cannot carry its own file hash (printing it would change it); this fingerprint
    identifies the content and is shown next to the file's hash on the list's page.
    """
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
