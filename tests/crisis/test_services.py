"""The hand-over record and its way back: who may, what is checked, what is audited,
and the situation picture frozen with it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from bob.services import decision_record
from crisis.models import Handover
from crisis.services import handover_record, handover_return_record
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.crisis.helpers import (
    BEELD,
    CLOSED_ACTION,
    DECISION,
    OORDEEL,
    OPEN_ACTION,
    escalated_case,
)
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def _hand_over(user, case, **fields):
    values = {
        "recipient": "crisisorganisatie",
        "handed_over_at": timezone.now() - datetime.timedelta(minutes=10),
        "scope": "De regie over de openbare orde rond het dorpshuis.",
        "contact_name": "A. de Vries, officier van dienst",
        "contact_details": "088 123 45 67",
        **fields,
    }
    return handover_record(user=user, case_uuid=case.uuid, **values)


@pytest.mark.parametrize(
    "role", [Role.KERNTEAMLID, Role.COORDINATOR, Role.VOORZITTER, Role.BURGEMEESTER]
)
def test_the_kernteam_and_the_mayor_hand_a_case_over(role):
    case, _session = escalated_case()
    handover = _hand_over(UserFactory(roles=[role]), case)
    assert handover.recipient == "crisisorganisatie" and not handover.is_returned
    event = AuditEvent.objects.get(action="casus.overgedragen")
    assert event.details["aan"] == "crisisorganisatie"


@pytest.mark.parametrize("role", [Role.COMMUNICATIE, Role.SIGNALEERDER, Role.BEHEERDER])
def test_other_roles_may_not(role):
    case, _session = escalated_case()
    with pytest.raises(PermissionDenied):
        _hand_over(UserFactory(roles=[role]), case)
    assert not Handover.objects.exists()


def test_a_confidential_case_is_not_found_by_a_member_outside_it():
    case, _session = escalated_case(is_confidential=True)
    with pytest.raises(Http404):
        _hand_over(UserFactory(roles=[Role.KERNTEAMLID]), case)
    # The burgemeester sees every case, besloten ones included.
    assert _hand_over(UserFactory(roles=[Role.BURGEMEESTER]), case)


def test_the_situation_picture_is_frozen_at_the_hand_over():
    case, session = escalated_case()
    handover = _hand_over(UserFactory(roles=[Role.VOORZITTER]), case)
    snapshot = handover.snapshot
    assert snapshot["case"]["phase"] == "Escalatie"
    assert BEELD in [item["text"] for item in snapshot["beeld"]["items"]]
    oordeel = {item["label"]: item["text"] for item in snapshot["oordeel"]["items"]}
    assert oordeel["Wat staat er mogelijk nog te gebeuren?"] == OORDEEL
    assert snapshot["oordeel"]["scales"] == "Ernst: ernstig"  # by its label, not its code
    assert [a["title"] for a in snapshot["actions"]] == [OPEN_ACTION]  # open ones only
    assert CLOSED_ACTION not in str(snapshot)
    assert [d["text"] for d in snapshot["decisions"]] == [DECISION]
    assert snapshot["scenarios"][0]["likelihood"] == "Groot"
    # Later work does not change what was handed over.
    decision_record(
        user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Later besluit"
    )
    handover.refresh_from_db()
    assert "Later besluit" not in str(handover.snapshot)


def test_what_is_checked():
    case, _session = escalated_case()
    user = UserFactory(roles=[Role.KERNTEAMLID])
    with pytest.raises(ValidationError) as error:
        _hand_over(
            user,
            case,
            recipient="brandweer",
            handed_over_at=timezone.now() + datetime.timedelta(days=1),
            scope=" ",
            contact_name="",
        )
    assert set(error.value.message_dict) == {
        "recipient",
        "handed_over_at",
        "scope",
        "contact_name",
    }
    _hand_over(user, case)
    with pytest.raises(ValidationError) as error:
        _hand_over(user, case)  # the same recipient, not handed back yet
    assert "nog niet teruggegeven" in error.value.message_dict["recipient"][0]
    assert _hand_over(user, case, recipient="ggd_psh")  # another one may take a part


def test_a_closed_case_is_not_handed_over():
    case = CaseFactory(gesloten=True)
    with pytest.raises(ValidationError):
        _hand_over(UserFactory(roles=[Role.KERNTEAMLID]), case)


def test_the_way_back_is_recorded_once_and_audited():
    case, _session = escalated_case()
    handover = _hand_over(UserFactory(roles=[Role.KERNTEAMLID]), case)
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    kwargs = {
        "user": mayor,
        "case_uuid": case.uuid,
        "handover_uuid": handover.uuid,
        "returned_by": "B. Jansen, operationeel leider",
        "what_comes_back": "De nazorg in de kern en de bewonersavonden.",
    }
    with pytest.raises(ValidationError) as error:
        handover_return_record(
            returned_at=handover.handed_over_at - datetime.timedelta(hours=1), **kwargs
        )
    assert "returned_at" in error.value.message_dict
    way_back = handover_return_record(returned_at=timezone.now(), **kwargs)
    assert way_back.recorded_by == mayor
    handover.refresh_from_db()
    assert handover.is_returned
    assert AuditEvent.objects.filter(action="casus.teruggegeven_aan_samos").count() == 1
    with pytest.raises(ValidationError):
        handover_return_record(returned_at=timezone.now(), **kwargs)
    # Handed back: the same recipient may take it over again.
    assert _hand_over(mayor, case)


def test_the_way_back_needs_the_right_role():
    case, _session = escalated_case()
    handover = _hand_over(UserFactory(roles=[Role.KERNTEAMLID]), case)
    with pytest.raises(PermissionDenied):
        handover_return_record(
            user=UserFactory(roles=[Role.COMMUNICATIE]),
            case_uuid=case.uuid,
            handover_uuid=handover.uuid,
            returned_at=timezone.now(),
            returned_by="X",
            what_comes_back="Y",
        )


def test_the_data_subject_search_finds_the_contact_and_who_handed_back(client, verified_login):
    from django.urls import reverse

    case, _session = escalated_case()
    handover = _hand_over(UserFactory(roles=[Role.KERNTEAMLID]), case, contact_name="Ada Verbeek")
    handover_return_record(
        user=UserFactory(roles=[Role.KERNTEAMLID]),
        case_uuid=case.uuid,
        handover_uuid=handover.uuid,
        returned_at=timezone.now(),
        returned_by="Mevrouw Verbeek van de GGD",
        what_comes_back="De nazorg.",
    )
    verified_login(client, Role.BEHEERDER)
    response = client.post(reverse("privacy:subject_search"), {"q": "verbeek"})
    kinds = {str(m.kind) for result in response.context["results"] for m in result.matches}
    assert {"Overdracht aan crisisbeheersing", "Teruggave aan SAMOS"} <= kinds


def test_the_case_s_retention_removes_its_hand_overs():
    from bob.services.retention import case_purge_with_records
    from crisis.models import HandoverReturn

    case, _session = escalated_case()
    handover = _hand_over(UserFactory(roles=[Role.KERNTEAMLID]), case)
    handover_return_record(
        user=UserFactory(roles=[Role.KERNTEAMLID]),
        case_uuid=case.uuid,
        handover_uuid=handover.uuid,
        returned_at=timezone.now(),
        returned_by="GGD",
        what_comes_back="De nazorg.",
    )
    case_purge_with_records(case=case)
    assert not Handover.objects.exists() and not HandoverReturn.objects.exists()
