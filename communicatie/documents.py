"""The communication plan as a document: a snapshot of plain strings (what the plan, the
approved messages, the checklist and the judgements said at this moment) and its PDF
through the one safe renderer."""

from django.utils import timezone

from communicatie import selectors
from communicatie.permissions import can_read_communication
from communicatie.services.plan import plan_snapshot
from samos.documents.models import DocumentSettings
from samos.documents.rendering import render_template_to_pdf


def _local(value, fmt="%d-%m-%Y %H:%M") -> str:
    return timezone.localtime(value).strftime(fmt) if value else ""


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def message_rows(messages) -> list[dict]:
    return [
        {
            "kind": str(m.kind),
            "title": m.title,
            "status": str(m.get_status_display()),
            "target_groups": ", ".join(str(g) for g in m.target_groups.all()),
            "channel": m.channel,
            "approved_by": _person(m.approved_by),
            "approved_at": _local(m.approved_at),
            "sent_at": _local(m.sent_at),
            "text": m.approved_text or m.text,
        }
        for m in messages
    ]


def judgement_rows(judgements) -> list[dict]:
    return [
        {
            "session": _local(j.session.starts_at, "%d-%m-%Y"),
            "subject": f"{j.get_subject_kind_display()}: {j.subject}",
            "outcome": str(j.get_outcome_display()),
            "note": j.note,
        }
        for j in judgements
    ]


def communication_snapshot(*, case) -> dict:
    plan = selectors.plan_of(case=case)
    settings = DocumentSettings.current()
    return {
        "municipality": str(settings.municipality_name),
        "confidentiality": str(settings.confidentiality_line),
        "logo": settings.logo,
        "case": {"title": case.title, "is_exercise": case.is_exercise},
        "printed_at": _local(timezone.now()),
        "plan": plan_snapshot(plan) if plan else None,
        "plan_version": plan.version if plan else 0,
        "messages": message_rows(selectors.messages_approved_or_out(case=case)),
        "checklist": [
            {"text": row["item"].text, "done": bool(row["tick"])}
            for row in selectors.checklist_for_case(case=case)
        ],
        "judgements": judgement_rows(selectors.judgements_for_case(case=case)),
    }


def dossier_content(case, reader) -> dict | None:
    """The communication part of the case dossier (registered with bob.dossier_sections):
    the approved and sent messages with their approved text, and the kernteam's
    judgements. None for a reader who may not read communication; the stored record
    (READER None) holds it."""
    if reader is not None and not can_read_communication(reader):
        return None
    plan = selectors.plan_of(case=case)
    return {
        "plan_version": plan.version if plan else 0,
        "plan_updated_at": _local(plan.updated_at) if plan else "",
        "messages": message_rows(selectors.messages_approved_or_out(case=case)),
        "judgements": judgement_rows(selectors.judgements_for_case(case=case)),
    }


def plan_pdf(snapshot: dict) -> bytes:
    context = {
        "doc": snapshot,
        "municipality": snapshot["municipality"],
        "confidentiality": snapshot["confidentiality"],
        "logo": snapshot["logo"],
        "is_exercise": snapshot["case"]["is_exercise"],
        "is_concept": False,
        "created": timezone.localdate().isoformat(),
    }
    return render_template_to_pdf("pdf/communicatieplan.html", context)


def plan_filename() -> str:
    return f"communicatieplan-{timezone.localdate():%Y-%m-%d}.pdf"
