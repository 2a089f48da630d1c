"""The signal list, like the inbox, opens one case from several ticked signals (themes and
areas prefilled from them); nothing ticked keeps the list and its filters; only who may
open a case gets the checkboxes."""

import pytest
from django.urls import reverse

from samos.accounts.roles import Role
from tests.factories import AreaFactory, SignalFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("signals:signal_list")


def test_one_case_from_three_ticked_signals_in_the_list(client, verified_login):
    kern = AreaFactory(name="Oldenmere", kind="kern")
    buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    other = AreaFactory(name="Brammelo", kind="kern")
    azc, online = ThemeFactory(name="Asielopvang"), ThemeFactory(name="Online")
    signals = [SignalFactory(area=buurt), SignalFactory(area=kern), SignalFactory(area=other)]
    for signal, theme in zip(signals, [azc, online, azc], strict=True):
        signal.themes.set([theme])
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(LIST).content.decode()
    for signal in signals:
        assert f'id="kies-{signal.uuid}"' in page
    assert "Casus openen met de gekozen signalen" in page
    response = client.post(LIST, {"signals": [s.uuid for s in signals], "open_case": "1"})
    assert response.status_code == 302
    form_page = client.get(response.url)
    assert sorted(form_page.context["form"].initial["areas"]) == sorted([kern.pk, other.pk])
    assert sorted(form_page.context["form"].initial["themes"]) == sorted([azc.pk, online.pk])
    assert {s.pk for s in form_page.context["chosen_signals"]} == {s.pk for s in signals}


def test_nothing_ticked_keeps_the_filtered_list_and_says_so(client, verified_login):
    azc = ThemeFactory(name="Asielopvang")
    wanted = SignalFactory(observation="Stickers tegen het azc bij de dijk.")
    wanted.themes.set([azc])
    SignalFactory(observation="Een ander onderwerp in een andere kern.")
    verified_login(client, Role.COORDINATOR)
    url = f"{LIST}?theme={azc.pk}"
    response = client.post(url, {"open_case": "1", "signals": ["geen-uuid"]})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="foutmelding"' in page and "Kies eerst één of meer signalen." in page
    assert "Stickers tegen het azc" in page
    assert "Een ander onderwerp" not in page  # the filter still applies


def test_a_signaller_gets_no_checkboxes_and_cannot_open_a_case_by_posting(client, verified_login):
    signal = SignalFactory(author=verified_login(client, Role.SIGNALEERDER))
    page = client.get(LIST).content.decode()
    assert f'id="kies-{signal.uuid}"' not in page
    assert "Casus openen met de gekozen signalen" not in page
    assert client.post(LIST, {"signals": [signal.uuid], "open_case": "1"}).status_code == 403


def test_invisible_signals_are_not_taken_into_the_case(client, verified_login):
    hidden = SignalFactory(
        author=UserFactory(roles=[Role.SIGNALEERDER]), confidentiality="vertrouwelijk"
    )
    visible = SignalFactory()
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(LIST, {"signals": [hidden.uuid, visible.uuid], "open_case": "1"})
    form_page = client.get(response.url)
    assert [s.pk for s in form_page.context["chosen_signals"]] == [visible.pk]
    assert "overgeslagen" in form_page.content.decode()
