"""Saving werkprotocol steps: what is stored, optimistic locking, refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bob import protocol
from bob.models import StepRecord
from bob.services import step_save
from kernteam.workflow import SessionKind
from samos.accounts.roles import Role
from samos.core.locking import StaleVersion
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_kind_has_its_werkprotocol():
    assert [s.key for s in protocol.steps_for(SessionKind.EERSTE)][:3] == [
        "motivering",
        "informatie",
        "inschatting",
    ]
    assert protocol.steps_for(SessionKind.VERVOLG)[0].key == "besluitenlijst"
    assert protocol.steps_for(SessionKind.LAATSTE)[-1].key == "afsluiting"
    for steps in protocol.PROTOCOL.values():
        keys = [s.key for s in steps]
        assert len(keys) == len(set(keys))
    # The first estimate has the four dimensions of the Handreiking, each on a scale.
    estimate = protocol.step_for(SessionKind.EERSTE, "inschatting")
    scales = {f.name for f in estimate.fields if f.is_choice}
    assert scales == {"ernst", "omvang", "aard", "tijd"}


def test_a_step_is_saved_and_its_version_grows():
    session = SessionFactory(bezig=True)
    record = step_save(
        user=session.chair,
        session_uuid=session.uuid,
        step_key="inschatting",
        data={"ernst": "3", "ernst_toelichting": "  Bedreigingen online  ", "onbekend": "x"},
        expected_version=0,
    )
    assert record.version == 1
    assert record.data["ernst"] == "3"
    assert record.data["ernst_toelichting"] == "Bedreigingen online"
    assert "onbekend" not in record.data
    session.refresh_from_db()
    assert session.current_step == "inschatting"
    again = step_save(
        user=session.chair,
        session_uuid=session.uuid,
        step_key="inschatting",
        data={"ernst": "4"},
        expected_version=1,
    )
    assert again.version == 2 and again.data["ernst"] == "4"


def test_two_people_editing_the_same_step_do_not_overwrite_each_other():
    secretary = UserFactory(roles=[Role.COORDINATOR])
    session = SessionFactory(bezig=True, secretary=secretary)
    step_save(
        user=session.chair,
        session_uuid=session.uuid,
        step_key="motivering",
        data={"aanleiding": "Brief van het COA"},
        expected_version=0,
    )
    # The secretary opened the step before the chair saved it (version 0).
    with pytest.raises(StaleVersion):
        step_save(
            user=secretary,
            session_uuid=session.uuid,
            step_key="motivering",
            data={"aanleiding": "Iets anders"},
            expected_version=0,
        )
    record = StepRecord.objects.get(session=session, step="motivering")
    assert record.data["aanleiding"] == "Brief van het COA"
    assert record.version == 1


@pytest.mark.parametrize(
    ("step_key", "data"),
    [("inschatting", {"ernst": "9"}), ("bestaat-niet", {}), ("besluitenlijst", {})],
)
def test_bad_steps_and_values_are_refused(step_key, data):
    session = SessionFactory(bezig=True)
    with pytest.raises(ValidationError):
        step_save(
            user=session.chair,
            session_uuid=session.uuid,
            step_key=step_key,
            data=data,
            expected_version=0,
        )
    assert not StepRecord.objects.exists()


def test_only_a_running_session_by_its_runner():
    planned = SessionFactory()
    with pytest.raises(ValidationError):
        step_save(
            user=planned.chair,
            session_uuid=planned.uuid,
            step_key="motivering",
            data={},
            expected_version=0,
        )
    running = SessionFactory(bezig=True)
    with pytest.raises(PermissionDenied):
        step_save(
            user=UserFactory(roles=[Role.KERNTEAMLID]),
            session_uuid=running.uuid,
            step_key="motivering",
            data={},
            expected_version=0,
        )
    assert not StepRecord.objects.exists()


@pytest.mark.parametrize(
    ("kind", "key"),
    [(SessionKind.EERSTE, "besluitvorming"), (SessionKind.VERVOLG, "nieuwe_acties")],
)
def test_besluitvorming_asks_whether_existing_work_suffices(kind, key):
    step = protocol.step_for(kind, key)
    assert protocol.EXISTING_WORK_QUESTION in step.questions
    assert {"bestaande_acties_volstaan", "daarnaast_nodig"} <= {f.name for f in step.fields}
    session = SessionFactory(bezig=True, kind=kind)
    record = step_save(
        user=session.chair,
        session_uuid=session.uuid,
        step_key=key,
        data={"bestaande_acties_volstaan": "nee", "daarnaast_nodig": "Een bewonersavond"},
        expected_version=0,
    )
    assert record.data["bestaande_acties_volstaan"] == "nee"
    refused = {"bestaande_acties_volstaan": "misschien"}
    with pytest.raises(ValidationError):
        step_save(
            user=session.chair,
            session_uuid=session.uuid,
            step_key=key,
            data=refused,
            expected_version=1,
        )
