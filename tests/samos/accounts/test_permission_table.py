"""One permission table: every app's role sets are read from it, so what a role may do is
written once (and shown to the beheerder on /beheer/rollen/)."""

import pytest
from django.urls import reverse

from bob import permissions as bob_permissions
from communicatie import permissions as communicatie_permissions
from crisis import permissions as crisis_permissions
from kernteam import permissions as kernteam_permissions
from samos.accounts.permission_table import LABELS, PERMISSIONS, Can, roles_that
from samos.accounts.roles import Role
from signals import permissions as signal_permissions

pytestmark = pytest.mark.django_db

DERIVED = [
    (signal_permissions.LOG_ROLES, Can.LOG_SIGNALS),
    (signal_permissions.VIEW_ROLES, Can.READ_SIGNALS),
    (signal_permissions.TRIAGE_ROLES, Can.TRIAGE_SIGNALS),
    (signal_permissions.EXPORT_ROLES, Can.EXPORT_SIGNALS),
    (signal_permissions.SENSITIVE_ROLES, Can.READ_SENSITIVE_SIGNALS),
    (signal_permissions.ATTENTION_MANAGE_ROLES, Can.ISSUE_ATTENTION_REQUESTS),
    (kernteam_permissions.CASE_EDIT_ROLES, Can.EDIT_CASES),
    (kernteam_permissions.CASE_READ_ROLES, Can.READ_CASES),
    (kernteam_permissions.SESSION_READ_ROLES, Can.READ_SESSIONS),
    (kernteam_permissions.CONVENE_ROLES, Can.CONVENE),
    (kernteam_permissions.CHAIR_ROLES, Can.CHAIR),
    (kernteam_permissions.SEES_EVERY_CASE_ROLES, Can.SEE_EVERY_CASE),
    (bob_permissions.ACTION_ROLES, Can.CARRY_ACTIONS),
    (bob_permissions.ACTION_OVERVIEW_ROLES, Can.SEE_ALL_ACTIONS),
    (communicatie_permissions.PLAN_READ_ROLES, Can.READ_COMMUNICATION),
    (communicatie_permissions.PLAN_WRITE_ROLES, Can.WRITE_COMMUNICATION),
    (communicatie_permissions.APPROVER_ROLES, Can.APPROVE_COMMUNICATION),
    (crisis_permissions.HANDOVER_WRITE_ROLES, Can.HAND_OVER),
    (crisis_permissions.HANDOVER_READ_ROLES, Can.READ_SESSIONS),
]


@pytest.mark.parametrize(("app_set", "can"), DERIVED, ids=[str(can) for _, can in DERIVED])
def test_the_apps_take_their_role_sets_from_the_table(app_set, can):
    assert app_set is roles_that(can)


def test_every_capability_has_a_dutch_label_and_roles():
    assert set(LABELS) == set(PERMISSIONS) == set(Can)
    assert all(PERMISSIONS[can] for can in Can)


def test_the_mayor_convenes_chairs_and_carries_actions_like_a_voorzitter():
    for can in (Can.CONVENE, Can.CHAIR, Can.CARRY_ACTIONS, Can.READ_SIGNALS):
        assert {Role.VOORZITTER, Role.BURGEMEESTER} <= roles_that(can), can
    # ... but she does not log, triage or export signals, nor read sensitive ones.
    for can in (Can.LOG_SIGNALS, Can.TRIAGE_SIGNALS, Can.EXPORT_SIGNALS):
        assert Role.BURGEMEESTER not in roles_that(can), can
    assert Role.BURGEMEESTER not in roles_that(Can.READ_SENSITIVE_SIGNALS)


def test_the_beheerder_reads_the_table(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    page = client.get(reverse("accounts:beheer_roles")).content.decode()
    assert "Het kernteam bijeenroepen" in page
    assert "Burgemeester" in page and "Roept het kernteam bijeen" in page
    row = page.split("Het kernteam bijeenroepen", 1)[1].split("</tr>", 1)[0]
    # Signaleerder, coördinator, kernteamlid, voorzitter, burgemeester, communicatie, beheerder
    assert row.count(">ja<") == 4 and row.count(">nee<") == 3
    assert (
        reverse("accounts:beheer_roles")
        in client.get(reverse("accounts:beheer_users")).content.decode()
    )


@pytest.mark.parametrize("role", [r for r in Role if r != Role.BEHEERDER])
def test_only_the_beheerder_reads_the_table(client, verified_login, role):
    verified_login(client, role)
    assert client.get(reverse("accounts:beheer_roles")).status_code == 403
