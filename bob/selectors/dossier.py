"""What the dossier of a case shows, as plain data (a *snapshot*).

The case dossier is drawn when a case is closed, and on request for an open case (a
*tussenstand*): the case and its phase history, every session with its adopted
besluitenlijst and verslag, all actions with their progress and judged results, all
information requests, the evaluation and the improvement agreements.

An adopted besluitenlijst and its verslag are printed from the snapshots frozen at their
adoption (`DecisionList.snapshot`, `.minutes_snapshot`), as they are: the dossier never
re-derives an adopted record from live data. A session whose list is not adopted gets a
one-line note, also in a tussenstand: the dossier is stored as an archival record, and a
concept is not one (its own concept PDF, with CONCEPT on every page, shows it live).

Everything in the result is a finished string, number, bool, list or dict, so the
snapshot can be stored as JSON and rendered later without the database. The query count
does not grow with the number of sessions, actions, updates or requests.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bob.dossier_sections import registered_sections
from bob.models import Action, ActionUpdate, InformationRequest, StepRecord
from kernteam.models import Case, PhaseChange, Session
from kernteam.workflow import SessionStatus
from samos.documents.models import DocumentSettings

from .actions import action_list_visible_for
from .documents import information_request_row, local_text, person_text, snapshot_fingerprint

__all__ = ["case_dossier_snapshot"]

DOSSIER_SNAPSHOT_VERSION = 1

# The laatste bijeenkomst's closing step and its field for the improvement agreements
# (bob.protocol): the case has no field of its own for them.
CLOSING_STEP = "afsluiting"
IMPROVEMENTS_FIELD = "verbeterafspraken"


def _day(value) -> str:
    return date_format(value, "d-m-Y") if value else ""


def _case(case: Case) -> dict:
    return {
        "title": case.title,
        # No case number exists: the case's UUID is its stable kenmerk.
        "reference": str(case.uuid),
        "is_exercise": case.is_exercise,
        "phase": str(case.get_phase_display()),
        "status": str(case.get_status_display()),
        "is_closed": not case.is_open,
        "description": case.description,
        "areas": [area.name for area in case.areas.order_by("name")],
        "opened_at": local_text(case.opened_at),
        "opened_by": person_text(case.opened_by),
        "closed_at": local_text(case.closed_at),
    }


def _phases(case: Case) -> list[dict]:
    changes = (
        PhaseChange.objects.filter(case=case)
        .select_related("changed_by")
        .order_by("changed_at", "id")
    )
    return [
        {
            "from": str(change.get_from_phase_display()) if change.from_phase else "",
            "to": str(change.get_to_phase_display()),
            "at": local_text(change.changed_at),
            "by": person_text(change.changed_by),
            "reason": change.reason,
        }
        for change in changes
    ]


def _session_note(session: Session, decision_list) -> str:
    if session.status == SessionStatus.GEANNULEERD:
        return _("Bijeenkomst geannuleerd; er is geen besluitenlijst.")
    if decision_list is None or not decision_list.is_adopted:
        return _("Besluitenlijst nog niet vastgesteld")
    # Adopted before adoptions were frozen: there is no record to print, and the dossier
    # does not rebuild one from today's data.
    return _("Besluitenlijst vastgesteld op %(when)s; er is geen momentopname van bewaard.") % {
        "when": local_text(decision_list.adopted_at)
    }


def _sessions(case: Case) -> list[dict]:
    sessions = (
        Session.objects.filter(case=case)
        .select_related("decision_list__document", "decision_list__minutes_document")
        .order_by("starts_at", "id")
    )
    rows = []
    for number, session in enumerate(sessions, start=1):
        # The reverse one-to-one is cached by select_related: no query when it is absent.
        decision_list = getattr(session, "decision_list", None)
        adopted = bool(decision_list and decision_list.is_adopted and decision_list.snapshot)
        frozen = decision_list.snapshot if adopted else None
        minutes = decision_list.minutes_snapshot if adopted else None
        rows.append(
            {
                "number": number,
                "anchor": f"bijeenkomst-{number}",
                "kind": str(session.get_kind_display()),
                "date": local_text(session.starts_at, "d-m-Y"),
                "starts_at": local_text(session.starts_at),
                "location": session.location,
                "status": str(session.get_status_display()),
                "adopted": adopted,
                "note": "" if adopted else _session_note(session, decision_list),
                # The frozen records, exactly as stored at adoption.
                "decision_list": frozen,
                "minutes": minutes,
                "decision_list_fingerprint": snapshot_fingerprint(frozen) if frozen else "",
                "decision_list_sha256": (
                    decision_list.document.sha256 if adopted and decision_list.document else ""
                ),
                "minutes_fingerprint": snapshot_fingerprint(minutes) if minutes else "",
                "minutes_sha256": (
                    decision_list.minutes_document.sha256
                    if adopted and decision_list.minutes_document
                    else ""
                ),
            }
        )
    return rows


def _update_row(update: ActionUpdate) -> dict:
    if update.third_party_done is None:
        third_party = ""
    else:
        third_party = _("ja") if update.third_party_done else _("nee")
    return {
        "at": local_text(update.created_at),
        "author": person_text(update.author),
        "from_status": str(update.get_from_status_display()),
        "to_status": str(update.get_to_status_display()),
        "status_changed": update.from_status != update.to_status,
        "note": update.note,
        "in_session": local_text(update.session.starts_at, "d-m-Y") if update.session else "",
        "third_party_done": third_party,
        "result_visible": (
            str(update.get_result_visible_display()) if update.result_visible else ""
        ),
    }


def _actions(case: Case, reader) -> list[dict]:
    """Every action of the case (as far as READER may see them), by due date."""
    if reader is None:
        actions = Action.objects.filter(case=case)
    else:
        actions = action_list_visible_for(user=reader).filter(case=case)
    actions = (
        actions.select_related("executor", "arranged_by", "coordinator", "session")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.select_related("author", "session").order_by(
                    "created_at", "id"
                ),
            )
        )
        .order_by("due_date", "id")
    )
    return [
        {
            "title": action.title,
            "intended_result": action.intended_result,
            "activity": action.activity,
            "target_group": action.target_group,
            "carried_out_by": action.carried_out_by,
            "arranged_by": person_text(action.arranged_by),
            "coordinator": person_text(action.coordinator),
            "due_date": _day(action.due_date),
            "report_back_on": _day(action.report_back_on),
            "agreed_in": local_text(action.session.starts_at, "d-m-Y") if action.session else "",
            "status": str(action.get_status_display()),
            "closed_at": local_text(action.closed_at),
            "judged_result": action.judged_result,
            "judgement": str(action.get_judgement_display()) if action.judgement else "",
            "updates": [_update_row(update) for update in action.updates.all()],
        }
        for action in actions
    ]


def _information_requests(case: Case) -> list[dict]:
    requests = (
        InformationRequest.objects.filter(case=case)
        .select_related("requested_by", "session")
        .order_by("deadline", "id")
    )
    return [information_request_row(info) for info in requests]


def _evaluation(case: Case) -> dict:
    """The evaluation written at closing, and the improvement agreements.

    The agreements have no field on the case: they are what the closing step of a
    laatste bijeenkomst recorded (protocol field "verbeterafspraken"). A finished
    session's step records no longer change, so these equal its verslag's.
    """
    records = (
        StepRecord.objects.filter(session__case=case, step=CLOSING_STEP)
        .select_related("session")
        .order_by("session__starts_at", "id")
    )
    improvements = [
        {"session_date": local_text(record.session.starts_at, "d-m-Y"), "text": text}
        for record in records
        if (text := str(record.data.get(IMPROVEMENTS_FIELD) or "").strip())
    ]
    return {
        "text": case.evaluation,
        "closed_at": local_text(case.closed_at),
        "improvements": improvements,
    }


def _added_sections(case: Case, reader) -> list[dict]:
    """The parts apps above bob registered (bob.dossier_sections), frozen like the rest:
    the template name travels with the content so a stored dossier renders as it was."""
    rows = []
    for section in registered_sections():
        content = section.content(case, reader)
        if content is None:
            continue
        rows.append(
            {
                "key": section.key,
                "anchor": f"dossier-{section.key}",
                "title": str(section.title()),
                "template": section.template,
                "content": content,
            }
        )
    return rows


def case_dossier_snapshot(*, case: Case, reader=None, interim: bool, at=None) -> dict:
    """Everything the dossier of CASE prints, as JSON-ready data.

    READER: the user it is drawn for (the case's actions listed as far as they may see
    them); None for the stored record. INTERIM: a tussenstand of an open case, marked so
    on its title page and on every page. AT: the moment it is made (default now; the demo
    seeder dates its story's closing dossier at the closing).
    """
    case = Case.objects.select_related("opened_by").get(pk=case.pk)
    document_settings = DocumentSettings.current()
    now = at or timezone.now()
    return {
        "version": DOSSIER_SNAPSHOT_VERSION,
        "municipality": str(document_settings.municipality_name),
        "confidentiality": str(document_settings.confidentiality_line),
        "logo": document_settings.logo,
        "interim": interim,
        "generated_at": local_text(now),
        "date": local_text(now, "d-m-Y"),
        "case": _case(case),
        "phases": _phases(case),
        "sessions": _sessions(case),
        "actions": _actions(case, reader),
        "information_requests": _information_requests(case),
        "added_sections": _added_sections(case, reader),
        "evaluation": _evaluation(case),
    }
