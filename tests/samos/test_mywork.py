""" "Mijn werk" on the start page: each kind of work, one click from its page; an empty
state; and a query count that does not grow with the amount of work."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bob.models import DecisionList, InformationRequest
from kernteam.models import Preparation
from samos.accounts.roles import Role
from signals.models import AttentionRequest
from tests.factories import (
    ActionFactory,
    AreaFactory,
    AttendeeFactory,
    CaseFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _work(user, n: int, case=None) -> dict:
    """N of every kind of work for USER (a kernteamlid and voorzitter) in one case."""
    case = case or CaseFactory()
    other = UserFactory(roles=[Role.KERNTEAMLID])
    late = timezone.localdate() - datetime.timedelta(days=2)
    created = {}
    for i in range(n):
        created.setdefault("mine", []).append(
            ActionFactory(case=case, executor=user, due_date=late, title=f"Mijn actie {i}")
        )
        ActionFactory(case=case, executor=other, due_date=late, title=f"Andermans actie {i}")
        held = SessionFactory(case=case, afgerond=True, starts_at=timezone.now())
        DecisionList.objects.create(session=held)
        created.setdefault("info", []).append(
            InformationRequest.objects.create(
                case=case,
                session=held,
                question=f"Wat weet de school {i}?",
                source="De directeur",
                requested_by=user,
                deadline=timezone.now() + datetime.timedelta(days=1),
                created_by=other,
            )
        )
        coming = SessionFactory(case=case, starts_at=timezone.now() + datetime.timedelta(days=3))
        AttendeeFactory(session=coming, user=user)
        if i % 2:
            Preparation.objects.create(session=coming, author=user, what_happened="Rustig.")
        request = AttentionRequest.objects.create(
            title=f"Let op het plein {i}",
            until=timezone.localdate() + datetime.timedelta(days=1),
            created_by=user,
        )
        request.areas.set([AreaFactory()])
    return created


def test_each_kind_of_work_is_one_click_from_its_page(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID, Role.VOORZITTER)
    work = _work(user, 2)
    page = client.get(reverse("core:dashboard")).content.decode()
    panel = page[page.index("panel-mijn-werk") :]
    panel = panel[: panel.index("</section>")]
    action = work["mine"][0]
    assert f'href="{action.get_absolute_url()}"' in panel and "Mijn actie 0" in panel
    assert "te laat" in panel
    assert "Wat weet de school 0?" in panel and "#info-open-kop" in panel
    assert "bereid u voor" in panel and "voorbereid" in panel
    assert "/voorbereiding/" in panel
    assert "Vast te stellen besluitenlijsten" in panel and "/besluitenlijst/" in panel
    assert "2 acties van anderen zijn te laat." in panel
    assert "Let op het plein 0" in panel and "nog 1 dag" in panel


def test_one_item_reads_in_the_singular(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID, Role.VOORZITTER)
    _work(user, 1)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "1 actie van anderen is te laat." in page
    assert "0 van 1 genodigde voorbereid" in page


def test_a_kernteamlid_sees_only_own_work_and_no_leaders_lists(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    _work(UserFactory(roles=[Role.KERNTEAMLID]), 2)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Mijn werk" in page
    assert "Er wacht nu niets op u" in page
    assert "Mijn actie" not in page and "Vast te stellen" not in page
    assert "acties van anderen" not in page


def test_the_beheerder_has_no_work_panel(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "panel-mijn-werk" not in page


def test_a_besloten_case_stays_out_for_who_does_not_take_part(client, verified_login):
    verified_login(client, Role.KERNTEAMLID, Role.VOORZITTER)
    hidden = CaseFactory(is_confidential=True)
    # A concept list of a besloten case the user has no part in.
    DecisionList.objects.create(session=SessionFactory(case=hidden, afgerond=True))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Vast te stellen besluitenlijsten" not in page


@pytest.mark.parametrize("roles", [(Role.KERNTEAMLID, Role.VOORZITTER), (Role.COORDINATOR,)])
def test_the_query_count_does_not_grow_with_the_amount_of_work(client, verified_login, roles):
    user = verified_login(client, *roles)
    case = CaseFactory()
    _work(user, 2, case)
    client.get(reverse("core:dashboard"))  # warm caches (settings, session)
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    _work(user, 48, case)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert "Bekijk al uw 50 open acties" in response.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries][len(few) :]
