""" "Zie ik ook?": a signaller finds colleagues' recent signals in their own areas, never a
confidential or personal-data one; the demo has a colleague so that it can be tried."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samos.accounts.models import User
from samos.accounts.roles import Role
from signals.models import Confirmation, Signal
from signals.selectors import signals_to_confirm_for
from tests.factories import AreaFactory, OrganisationFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("signals:to_confirm")


def test_only_recent_open_signals_of_others_in_own_areas(client, verified_login):
    police = OrganisationFactory()
    me = verified_login(client, Role.SIGNALEERDER, organisation=police)
    colleague = UserFactory(roles=[Role.SIGNALEERDER], organisation=police)
    kern = AreaFactory(name="Oldenmere", kind="kern")
    buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    elsewhere = AreaFactory(name="Brammelo", kind="kern")
    SignalFactory(author=me, area=buurt)  # makes Oldenmere one of my areas
    wanted = SignalFactory(author=colleague, area=kern, observation="Stickers bij de dijk.")
    hidden = [
        SignalFactory(author=colleague, area=elsewhere),
        SignalFactory(author=colleague, area=buurt, confidentiality="vertrouwelijk"),
        SignalFactory(author=colleague, area=buurt, contains_personal_data=True),
        SignalFactory(author=colleague, area=buurt, status="ingetrokken"),
        SignalFactory(author=colleague, area=buurt, created_at=timezone.now() - timedelta(30)),
    ]
    confirmed = SignalFactory(author=colleague, area=buurt)
    Confirmation.objects.create(signal=confirmed, author=me, observation="Ja.")
    found = list(signals_to_confirm_for(user=me))
    assert found == [wanted]
    page = client.get(PAGE).content.decode()
    assert "Stickers bij de dijk." in page
    assert reverse("signals:signal_confirm", args=[wanted.uuid]) in page
    for signal in hidden:
        assert str(signal.uuid) not in page


def test_without_own_signals_the_page_explains_itself(client, verified_login):
    verified_login(client, Role.SIGNALEERDER)
    SignalFactory()
    assert "Er is nu niets om te bevestigen" in client.get(PAGE).content.decode()


def test_the_demo_signaller_finds_her_colleagues_signals(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())
    sanne = User.objects.get(username="signaleerder")
    colleague = User.objects.get(username="collega")
    assert colleague.organisation_id == sanne.organisation_id
    found = list(signals_to_confirm_for(user=sanne))
    assert any(signal.author_id == colleague.pk for signal in found)
    assert Signal.objects.filter(author=colleague).count() == 3
