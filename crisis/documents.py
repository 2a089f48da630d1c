"""The situation picture (situatiebeeld) handed over with a case: one page with the
current beeld, oordeel, open actions and key decisions, as plain strings (a snapshot
frozen in the hand-over record), and its PDF through the one safe renderer. Also what
the hand-overs add to the case dossier (bob.dossier_sections)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from bob import selectors as bob_selectors
from bob.protocol import step_for, steps_for
from bob.workflow import Stage
from samos.documents.models import DocumentSettings
from samos.documents.rendering import render_template_to_pdf

from .permissions import can_read_handovers

SNAPSHOT_VERSION = 1

# One page: what does not fit is counted, not printed (the dossier holds everything).
MAX_ITEMS = 3
MAX_TEXT = 180
STAGE_BUDGET = 320  # characters of answers per stage
MAX_SCENARIOS = 2
MAX_ACTIONS = 4
MAX_DECISIONS = 3
# Steps whose stage is oordeelsvorming but which judge communication, not the situation.
SKIPPED_STEPS = frozenset({"communicatie"})


def local_text(value, fmt="d-m-Y H:i") -> str:
    return date_format(timezone.localtime(value), fmt) if value else ""


def person_text(user) -> str:
    if user is None:
        return ""
    return f"{user} ({user.job_title})" if user.job_title else str(user)


def _short(text: str, limit: int = MAX_TEXT) -> str:
    return Truncator(" ".join(str(text).split())).chars(limit)


def _step_position(session, key: str) -> int:
    keys = [step.key for step in steps_for(session.kind)]
    return keys.index(key) if key in keys else -1


def _stage_picture(records, stage: str) -> dict | None:
    """What the newest session that recorded anything for STAGE said. RECORDS come
    newest session first. Within it the later steps first (the finished picture before
    the first motivation), the scales (ernst, omvang, …) by label on one line, and the
    texts cut to fit one page."""
    sessions: dict[int, object] = {}
    per_session: dict[int, list] = {}
    for record in records:
        step = step_for(record.session.kind, record.step)
        if step is None or step.stage != stage or step.key in SKIPPED_STEPS:
            continue
        sessions[record.session_id] = record.session
        per_session.setdefault(record.session_id, []).append((step, record))
    for session_id, steps in per_session.items():  # insertion order: newest first
        session = sessions[session_id]
        steps.sort(key=lambda pair: -_step_position(session, pair[0].key))
        items, scales, budget = [], [], STAGE_BUDGET
        more = 0
        for step, record in steps:
            for field in step.fields:
                value = str(record.data.get(field.name) or "").strip()
                if not value:
                    continue
                if field.is_choice:
                    label = dict(field.choices).get(value, value)
                    scales.append(f"{field.label}: {label}")
                elif len(items) < MAX_ITEMS and budget > 40:
                    text = _short(value, min(MAX_TEXT, budget))
                    budget -= len(text)
                    items.append({"label": str(field.label), "text": text})
                else:
                    more += 1
        if items or scales:
            return {
                "source": _("%(kind)s van %(date)s")
                % {
                    "kind": session.get_kind_display(),
                    "date": local_text(session.starts_at, "d-m-Y"),
                },
                "items": items,
                "scales": "; ".join(scales),
                "more": more,
            }
    return None


def _actions(case) -> tuple[list[dict], int]:
    actions = list(bob_selectors.action_list_open_for_case(case=case))
    rows = [
        {
            "title": _short(action.title, 70),
            "status": str(action.get_status_display()),
            "due_date": date_format(action.due_date, "d-m-Y") if action.due_date else "",
            "carried_out_by": person_text(action.executor) or action.third_party,
            "coordinator": person_text(action.coordinator),
        }
        for action in actions[:MAX_ACTIONS]
    ]
    return rows, max(0, len(actions) - MAX_ACTIONS)


def _decisions(case) -> tuple[list[dict], int]:
    """The newest decisions first: what the kernteam decided last matters most now."""
    rows = []
    for session, decision_list, decisions in bob_selectors.decision_lists_of_case(case=case):
        adopted = bool(decision_list and decision_list.is_adopted)
        for decision in decisions:
            rows.append(
                {
                    "date": local_text(session.starts_at, "d-m-Y"),
                    "number": decision.number,
                    "stage": str(decision.get_stage_display()),
                    "text": _short(decision.text, 120),
                    "adopted": adopted,
                }
            )
    rows.reverse()
    return rows[:MAX_DECISIONS], max(0, len(rows) - MAX_DECISIONS)


def _scenarios(case) -> tuple[list[dict], int]:
    scenarios = list(bob_selectors.scenarios_for_case(case=case).order_by("-created_at", "-id"))
    rows = [
        {
            "condition": _short(scenario.condition, 80),
            "consequence": _short(scenario.consequence, 80),
            "likelihood": str(scenario.get_likelihood_display()),
            "impact": str(scenario.get_impact_display()),
        }
        for scenario in scenarios[:MAX_SCENARIOS]
    ]
    return rows, max(0, len(scenarios) - MAX_SCENARIOS)


def situation_snapshot(*, case, at=None) -> dict:
    """The situation picture of CASE now, as JSON-ready data. The caller authorised the
    case; the picture is the kernteam's, handed over whole (it holds no signals)."""
    now = at or timezone.now()
    records = bob_selectors.step_records_of_case_newest_first(case=case)
    actions, more_actions = _actions(case)
    decisions, more_decisions = _decisions(case)
    scenarios, more_scenarios = _scenarios(case)
    document_settings = DocumentSettings.current()
    return {
        "version": SNAPSHOT_VERSION,
        "municipality": str(document_settings.municipality_name),
        "confidentiality": str(document_settings.confidentiality_line),
        "logo": document_settings.logo,
        "generated_at": local_text(now),
        "case": {
            "title": case.title,
            "reference": str(case.uuid),
            "is_exercise": case.is_exercise,
            "phase": str(case.get_phase_display()),
            "areas": [area.name for area in case.areas.order_by("name")],
            "description": _short(case.description, 400),
        },
        "beeld": _stage_picture(records, Stage.BEELDVORMING),
        "oordeel": _stage_picture(records, Stage.OORDEELSVORMING),
        "scenarios": scenarios,
        "more_scenarios": more_scenarios,
        "actions": actions,
        "more_actions": more_actions,
        "decisions": decisions,
        "more_decisions": more_decisions,
    }


def handover_facts(handover) -> dict:
    """The hand-over itself as finished strings (PDF header block, dossier, pages)."""
    return {
        "recipient": str(handover.get_recipient_display()),
        "handed_over_at": local_text(handover.handed_over_at),
        "handed_over_by": person_text(handover.handed_over_by),
        "scope": handover.scope,
        "contact_name": handover.contact_name,
        "contact_details": handover.contact_details,
    }


def situation_pdf(handover) -> bytes:
    """The one-page situation picture as it was handed over (from the frozen snapshot)."""
    snapshot = handover.snapshot
    context = {
        "doc": snapshot,
        "handover": handover_facts(handover),
        "municipality": snapshot["municipality"],
        "confidentiality": snapshot["confidentiality"],
        "logo": snapshot.get("logo", ""),
        "is_exercise": snapshot["case"]["is_exercise"],
        "is_concept": False,
        "created": timezone.localtime(handover.handed_over_at).date().isoformat(),
    }
    return render_template_to_pdf("pdf/situatiebeeld.html", context, archival=True)


def situation_filename(handover) -> str:
    """situatiebeeld-<Y-m-d>.pdf: no case title (user text travels further than the file)."""
    return f"situatiebeeld-{timezone.localtime(handover.handed_over_at):%Y-%m-%d}.pdf"


def dossier_content(case, reader) -> dict | None:
    """The hand-overs of CASE and their way back, for the case dossier. None when there
    were none, or for a reader who may not read them (READER None: the stored record)."""
    if reader is not None and not can_read_handovers(reader):
        return None
    from .selectors import handovers_of_case  # selectors import this module's helpers

    handovers = handovers_of_case(case=case)
    if not handovers:
        return None
    return {"handovers": [handover_row(handover) for handover in handovers]}


def handover_row(handover) -> dict:
    way_back = getattr(handover, "way_back", None) if handover.is_returned else None
    return {
        **handover_facts(handover),
        "situation_generated_at": handover.snapshot.get("generated_at", ""),
        "returned": (
            {
                "returned_at": local_text(way_back.returned_at),
                "returned_by": way_back.returned_by,
                "what_comes_back": way_back.what_comes_back,
                "recorded_by": person_text(way_back.recorded_by),
                "recorded_at": local_text(way_back.recorded_at),
            }
            if way_back
            else None
        ),
    }
