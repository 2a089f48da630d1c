"""Decisions and the besluitenlijst: numbering, traceability, adoption, immutability."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bob.models import Decision, DecisionList, ImmutableRecord
from bob.services import (
    decision_list_adopt,
    decision_record,
    decision_remove,
    decision_review_record,
    decision_update,
)
from bob.workflow import DecisionListStatus, Stage
from kernteam.models import CaseSignal
from kernteam.services import session_finish
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import SessionFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db


def _decide(session, text="Bewonersavond organiseren", **kwargs):
    return decision_record(
        user=session.chair,
        session_uuid=session.uuid,
        stage=kwargs.pop("stage", Stage.BESLUITVORMING),
        text=text,
        **kwargs,
    )


@pytest.fixture
def finished_with_list():
    """A finished first session with two decisions on its (concept) list."""
    session = SessionFactory(bezig=True)
    _decide(session, "Het beeld: onrust rond de informatieavond", stage=Stage.BEELDVORMING)
    _decide(session, "Burgemeester spreekt met de dorpsraad")
    session_finish(user=session.chair, session_uuid=session.uuid)
    session.refresh_from_db()
    return session


def test_decisions_are_numbered_per_session_and_cite_signals():
    session = SessionFactory(bezig=True)
    signal = SignalFactory()
    CaseSignal.objects.create(case=session.case, signal=signal, linked_by=session.chair)
    first = _decide(session, stage=Stage.BEELDVORMING, signal_uuids=[signal.uuid])
    second = _decide(session, "Jongerenwerk extra in de avond")
    other = _decide(SessionFactory(bezig=True))
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert list(first.signals.all()) == [signal]
    assert AuditEvent.objects.filter(action="besluit.vastgelegd").count() == 3


def test_a_decision_cannot_cite_a_signal_the_chair_may_not_see():
    session = SessionFactory(bezig=True)
    hidden = SignalFactory(vertrouwelijk=True)
    session.chair.groups.clear()  # a chair by appointment without the voorzitter role
    session.chair.groups.add(*UserFactory(roles=[Role.KERNTEAMLID]).groups.all())
    with pytest.raises(ValidationError) as error:
        _decide(session, signal_uuids=[hidden.uuid])
    assert "signals" in error.value.message_dict
    assert not Decision.objects.exists()


def test_empty_text_or_unknown_stage_is_refused():
    session = SessionFactory(bezig=True)
    with pytest.raises(ValidationError):
        _decide(session, "   ")
    with pytest.raises(ValidationError):
        _decide(session, stage="verzonnen")
    assert not Decision.objects.exists()


def test_adoption_needs_a_finished_session_the_chair_and_a_confirmation(finished_with_list):
    session = finished_with_list
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    with pytest.raises(PermissionDenied):
        decision_list_adopt(user=coordinator, session_uuid=session.uuid, confirmed=True)
    with pytest.raises(ValidationError) as error:
        decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=False)
    assert "confirmed" in error.value.message_dict
    assert DecisionList.objects.get(session=session).status == DecisionListStatus.CONCEPT
    adopted = decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=True)
    assert adopted.is_adopted and adopted.adopted_by == session.chair
    assert AuditEvent.objects.filter(action="besluitenlijst.vastgesteld").count() == 1


def test_a_running_session_list_cannot_be_adopted():
    session = SessionFactory(bezig=True)
    _decide(session)
    with pytest.raises(ValidationError):
        decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=True)


def test_an_adopted_list_and_its_decisions_never_change(finished_with_list):
    session = finished_with_list
    decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=True)
    decision = Decision.objects.get(decision_list__session=session, number=2)
    original = decision.text

    with pytest.raises(ImmutableRecord):
        decision_update(
            user=session.chair, decision_uuid=decision.uuid, text="Anders", stage=Stage.AFSPRAAK
        )
    with pytest.raises(ImmutableRecord):
        decision_remove(user=session.chair, decision_uuid=decision.uuid)
    # Past the services too: the model refuses saves, bulk updates and deletes.
    decision.text = "Stiekem veranderd"
    with pytest.raises(ImmutableRecord):
        decision.save()
    with pytest.raises(ImmutableRecord):
        Decision.objects.filter(pk=decision.pk).update(text="Bulk veranderd")
    with pytest.raises(ImmutableRecord):
        Decision.objects.filter(pk=decision.pk).delete()
    decision_list = DecisionList.objects.get(session=session)
    decision_list.status = DecisionListStatus.CONCEPT
    with pytest.raises(ImmutableRecord):
        decision_list.save()
    with pytest.raises(ImmutableRecord):
        DecisionList.objects.filter(pk=decision_list.pk).update(status="concept")
    with pytest.raises(ImmutableRecord):
        decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=True)

    decision.refresh_from_db()
    assert decision.text == original
    assert DecisionList.objects.get(session=session).status == DecisionListStatus.VASTGESTELD
    assert Decision.objects.filter(decision_list__session=session).count() == 2


def test_a_correction_is_a_new_decision_that_points_to_the_old(finished_with_list):
    first = finished_with_list
    decision_list_adopt(user=first.chair, session_uuid=first.uuid, confirmed=True)
    old = Decision.objects.get(decision_list__session=first, number=2)
    follow_up = SessionFactory(case=first.case, kind="vervolg", bezig=True, chair=first.chair)
    correction = _decide(
        follow_up, "Niet de burgemeester maar de wethouder spreekt", corrects_uuid=old.uuid
    )
    assert correction.corrects == old
    old.refresh_from_db()
    assert old.text == "Burgemeester spreekt met de dorpsraad"


def test_a_correction_must_point_to_an_adopted_decision():
    session = SessionFactory(bezig=True)
    concept = _decide(session)
    with pytest.raises(ValidationError):
        _decide(session, "Correctie", corrects_uuid=concept.uuid)


def test_concept_decisions_can_be_reworded_and_removed():
    session = SessionFactory(bezig=True)
    decision = _decide(session)
    decision_update(
        user=session.chair, decision_uuid=decision.uuid, text="Nieuw", stage=Stage.AFSPRAAK
    )
    decision.refresh_from_db()
    assert decision.text == "Nieuw"
    decision_remove(user=session.chair, decision_uuid=decision.uuid)
    assert not Decision.objects.exists()


def test_the_effect_of_an_earlier_decision_is_reviewed_in_the_next_session(finished_with_list):
    first = finished_with_list
    old = Decision.objects.get(decision_list__session=first, number=2)
    follow_up = SessionFactory(case=first.case, kind="vervolg", bezig=True, chair=first.chair)
    review = decision_review_record(
        user=follow_up.chair,
        session_uuid=follow_up.uuid,
        decision_uuid=old.uuid,
        judgement="deels",
        note="Dorpsraad positief, online nog veel onrust",
    )
    again = decision_review_record(
        user=follow_up.chair,
        session_uuid=follow_up.uuid,
        decision_uuid=old.uuid,
        judgement="zichtbaar",
    )
    assert again.pk == review.pk and again.judgement == "zichtbaar"
    own = _decide(follow_up)
    with pytest.raises(ValidationError):
        decision_review_record(
            user=follow_up.chair,
            session_uuid=follow_up.uuid,
            decision_uuid=own.uuid,
            judgement="niet",
        )
