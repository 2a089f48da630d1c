"""The communication plan: every save a version with who, when and a readable diff;
optimistically locked; the approver must be someone who reads the cases."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communicatie import selectors, services
from communicatie.models import PlanVersion, TargetGroup
from samos.accounts.roles import Role
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def _group(name, **fields):
    return services.GroupEntry(target_group=TargetGroup.objects.get(name=name), **fields)


def test_each_save_is_a_version_with_a_readable_diff():
    case = CaseFactory()
    adviser = UserFactory(roles=[Role.COMMUNICATIE], first_name="Fatima", last_name="Bakker")
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    plan = services.plan_update(
        actor=adviser,
        case=case,
        expected_version=0,
        values={"goals": "Rust in het dorp\nFeiten bekend", "spokespersons": "De burgemeester"},
        groups=[_group("Media", core_message="Feiten over de planning.")],
    )
    assert plan.version == 1
    plan = services.plan_update(
        actor=mayor,
        case=case,
        expected_version=1,
        values={"goals": "Rust in het dorp\nGeruchten snel rechtzetten"},
        groups=[
            _group("Media", core_message="Feiten over de planning."),
            _group("Ondernemers", core_message="Wat het betekent voor het centrum."),
        ],
    )
    assert plan.version == 2
    history = selectors.plan_history(plan=plan)
    assert [row["version"].number for row in history] == [2, 1]
    newest = {change.label: change for change in history[0]["changes"]}
    assert newest["Communicatiedoelen"].removed == ["Feiten bekend"]
    assert newest["Communicatiedoelen"].added == ["Geruchten snel rechtzetten"]
    assert newest["Ondernemers: kernboodschap"].added == ["Wat het betekent voor het centrum."]
    assert "Media: kernboodschap" not in newest  # unchanged
    assert history[0]["version"].author == mayor
    assert history[1]["version"].snapshot["spokespersons"] == "De burgemeester"


def test_a_save_that_changes_nothing_makes_no_version():
    case = CaseFactory()
    adviser = UserFactory(roles=[Role.COMMUNICATIE])
    values = {"goals": "Rust"}
    services.plan_update(actor=adviser, case=case, expected_version=0, values=values, groups=[])
    plan = services.plan_update(
        actor=adviser, case=case, expected_version=1, values=values, groups=[]
    )
    assert plan.version == 1
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_a_stale_save_is_refused_and_changes_nothing():
    case = CaseFactory()
    adviser = UserFactory(roles=[Role.COMMUNICATIE])
    services.plan_update(
        actor=adviser, case=case, expected_version=0, values={"goals": "A"}, groups=[]
    )
    with pytest.raises(ValidationError):
        services.plan_update(
            actor=adviser, case=case, expected_version=0, values={"goals": "B"}, groups=[]
        )
    assert selectors.plan_of(case=case).goals == "A"


@pytest.mark.parametrize("role", [Role.KERNTEAMLID, Role.COORDINATOR, Role.SIGNALEERDER])
def test_only_the_adviser_and_the_mayor_write_the_plan_outside_the_runner(role):
    with pytest.raises(PermissionDenied):
        services.plan_update(
            actor=UserFactory(roles=[role]),
            case=CaseFactory(),
            expected_version=0,
            values={"goals": "x"},
            groups=[],
        )


def test_the_mandated_approver_must_read_cases():
    case = CaseFactory()
    adviser = UserFactory(roles=[Role.COMMUNICATIE])
    with pytest.raises(ValidationError):
        services.plan_update(
            actor=adviser,
            case=case,
            expected_version=0,
            values={"approver": UserFactory(roles=[Role.SIGNALEERDER])},
            groups=[],
        )
    deputy = UserFactory(roles=[Role.VOORZITTER])
    plan = services.plan_update(
        actor=adviser, case=case, expected_version=0, values={"approver": deputy}, groups=[]
    )
    assert plan.approver == deputy
