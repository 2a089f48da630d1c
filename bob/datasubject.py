"""Where the BOB records mention a person, for the data-subject search (samos.privacy).

Adopted besluitenlijsten and verslagen are searched in their snapshots (what the PDF
prints); the stored PDFs themselves are not read.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.privacy.registry import Source
from samos.privacy.search import field_matches

from .models import (
    Action,
    ActionUpdate,
    Decision,
    DecisionList,
    DecisionReview,
    InformationRequest,
    Scenario,
    StepRecord,
)


def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y")


def _session_label(session) -> str:
    return f"{session.get_kind_display()} {_day(session.starts_at)}"


def search(*, terms, limit):
    yield from field_matches(
        Action.objects.all(),
        {
            "title": _("wat"),
            "intended_result": _("beoogd resultaat"),
            "activity": _("activiteit"),
            "alternatives": _("alternatieven"),
            "target_group": _("gericht op"),
            "third_party": _("uitvoerende partij"),
            "judged_result": _("beoordeeld resultaat"),
        },
        terms=terms,
        limit=limit,
        kind=_("Actie"),
        describe=lambda action: f"{_('uiterlijk')} {action.due_date:%d-%m-%Y}",
        moment=lambda action: action.created_at,
    )
    yield from field_matches(
        ActionUpdate.objects.all(),
        {"note": _("voortgang")},
        terms=terms,
        limit=limit,
        kind=_("Voortgang van een actie"),
        describe=lambda update: update.get_to_status_display(),
        moment=lambda update: update.created_at,
    )
    yield from field_matches(
        Decision.objects.select_related("decision_list__session"),
        {"text": _("besluit")},
        terms=terms,
        limit=limit,
        kind=_("Besluit"),
        describe=lambda decision: (
            f"{decision.number}. — " + _session_label(decision.decision_list.session)
        ),
        moment=lambda decision: decision.created_at,
    )
    yield from field_matches(
        DecisionReview.objects.all(),
        {"note": _("toelichting")},
        terms=terms,
        limit=limit,
        kind=_("Beoordeling van een besluit"),
        describe=lambda review: review.get_judgement_display(),
        moment=lambda review: review.created_at,
    )
    yield from field_matches(
        InformationRequest.objects.all(),
        {"question": _("vraag"), "source": _("bij wie"), "answer": _("antwoord")},
        terms=terms,
        limit=limit,
        kind=_("Informatieverzoek"),
        describe=lambda request: f"{_('uiterlijk')} {_day(request.deadline)}",
        moment=lambda request: request.created_at,
    )
    yield from field_matches(
        Scenario.objects.all(),
        {"condition": _("als"), "consequence": _("dan")},
        terms=terms,
        limit=limit,
        kind=_("Scenario"),
        describe=lambda scenario: scenario.get_likelihood_display(),
        moment=lambda scenario: scenario.created_at,
    )
    yield from field_matches(
        StepRecord.objects.select_related("session"),
        {"data": _("verslag van de stap")},
        terms=terms,
        limit=limit,
        kind=_("Verslag van een stap"),
        describe=lambda record: _session_label(record.session),
        moment=lambda record: record.updated_at,
        json_fields=["data"],
    )
    yield from field_matches(
        DecisionList.objects.select_related("session"),
        {
            "snapshot": _("vastgestelde besluitenlijst"),
            "minutes_snapshot": _("vastgesteld verslag"),
        },
        terms=terms,
        limit=limit,
        kind=_("Besluitenlijst"),
        describe=lambda decision_list: _session_label(decision_list.session),
        moment=lambda decision_list: decision_list.adopted_at,
        json_fields=["snapshot", "minutes_snapshot"],
    )


SOURCE = Source("bob", _("Besluiten en acties"), search, order=40)
