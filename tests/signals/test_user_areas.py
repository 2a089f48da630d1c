"""A user's work areas: set by the beheerder on /beheer/gebruikers/ (a part signals adds
to the accounts form), audited, kept on a refused form, and used by "zie ik ook?"."""

import re

import pytest
from django.urls import reverse

from samos.accounts.models import User
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from signals.models import AreaAssignment
from signals.selectors import own_area_ids, signals_to_confirm_for
from tests.factories import AreaFactory, OrganisationFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("accounts:beheer_user_create")


def _new_user(**changes):
    data = {
        "first_name": "Noor",
        "last_name": "Bakker",
        "username": "nbakker",
        "email": "n.bakker@voorbeeldrade.example",
        "organisation": OrganisationFactory().pk,
        "job_title": "Wijkagent",
        "roles": [],
    }
    data.update(changes)
    return data


def test_the_form_offers_kernen_and_wijken_not_buurten(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    kern = AreaFactory(name="Oldenmere", kind="kern")
    AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    AreaFactory(name="Rade-Oost", kind="wijk")
    page = client.get(CREATE).content.decode()
    assert "Werkgebieden" in page
    assert "Oldenmere" in page and "Rade-Oost" in page
    assert "Merepolder" not in page


def test_creating_and_editing_sets_the_areas_and_audits_what_changed(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    oldenmere = AreaFactory(name="Oldenmere", kind="kern")
    rade_oost = AreaFactory(name="Rade-Oost", kind="wijk")
    response = client.post(CREATE, _new_user(areas=[oldenmere.pk, rade_oost.pk]))
    assert response.status_code == 302
    user = User.objects.get(username="nbakker")
    assert set(AreaAssignment.objects.filter(user=user).values_list("area__name", flat=True)) == {
        "Oldenmere",
        "Rade-Oost",
    }
    edit = reverse("accounts:beheer_user_edit", args=[user.uuid])
    page = client.get(edit).content.decode()
    checked = re.findall(r'name="areas" value="(\d+)"[^>]*\bchecked', page)
    assert sorted(checked) == sorted([str(oldenmere.pk), str(rade_oost.pk)])
    client.post(edit, {**_new_user(areas=[rade_oost.pk]), "is_active": "on"})
    assert list(AreaAssignment.objects.filter(user=user).values_list("area__name", flat=True)) == [
        "Rade-Oost"
    ]
    events = AuditEvent.objects.filter(action="gebruiker.gebieden_gewijzigd").order_by("pk")
    assert [e.details for e in events] == [
        {"toegevoegd": ["Oldenmere", "Rade-Oost"], "verwijderd": []},
        {"toegevoegd": [], "verwijderd": ["Oldenmere"]},
    ]


def test_a_refused_form_keeps_the_chosen_areas_and_saves_none(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    UserFactory(username="nbakker")
    oldenmere = AreaFactory(name="Oldenmere", kind="kern")
    response = client.post(CREATE, _new_user(areas=[oldenmere.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert [area.pk for area in form.cleaned_data["areas"]] == [oldenmere.pk]
    checked = re.findall(r'name="areas" value="(\d+)"[^>]*\bchecked', response.content.decode())
    assert checked == [str(oldenmere.pk)]
    assert not AreaAssignment.objects.exists()


def test_an_assigned_area_is_ones_own_without_having_logged_there():
    police = OrganisationFactory()
    me = UserFactory(roles=[Role.SIGNALEERDER], organisation=police)
    colleague = UserFactory(roles=[Role.SIGNALEERDER], organisation=police)
    kern = AreaFactory(name="Oldenmere", kind="kern")
    buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    AreaFactory(name="Brammelo", kind="kern")
    wanted = SignalFactory(author=colleague, area=buurt)
    assert list(signals_to_confirm_for(user=me)) == []
    AreaAssignment.objects.create(user=me, area=kern)
    assert set(own_area_ids(user=me)) == {kern.pk, buurt.pk}
    assert list(signals_to_confirm_for(user=me)) == [wanted]


def test_the_page_names_the_assigned_areas(client, verified_login):
    me = verified_login(client, Role.SIGNALEERDER)
    AreaAssignment.objects.create(user=me, area=AreaFactory(name="Oldenmere", kind="kern"))
    page = client.get(reverse("signals:to_confirm")).content.decode()
    assert "Uw werkgebieden: Oldenmere" in page
    assert "collega's meldden de laatste tijd niets nieuws in uw gebieden" in page
