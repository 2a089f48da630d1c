"""Aandachtsverzoeken: who asks, who sees, answering with a signal, closing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from samos.accounts.roles import Role
from signals.selectors import attention_request_list_visible_for
from signals.services import attention_request_close, attention_request_create, signal_create
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    SourceKindFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def ask(user=None, **overrides):
    fields = {
        "user": user or UserFactory(roles=[Role.COORDINATOR]),
        "title": "Let op pamfletten over het azc",
        "until": timezone.localdate() + timedelta(days=7),
        "areas": [AreaFactory(name="Kleidijk")],
    }
    fields.update(overrides)
    return attention_request_create(**fields)


def test_kernteam_roles_may_ask_others_may_not():
    for role in (Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER):
        ask(UserFactory(roles=[role]))
    for role in (Role.SIGNALEERDER, Role.BURGEMEESTER, Role.COMMUNICATIE, Role.BEHEERDER):
        with pytest.raises(PermissionDenied):
            ask(UserFactory(roles=[role]))


@pytest.mark.parametrize(
    ("change", "field"),
    [({"title": " "}, "title"), ({"areas": []}, "areas"), ({"until": "yesterday"}, "until")],
)
def test_bad_input_is_refused(change, field):
    if change.get("until") == "yesterday":
        change["until"] = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        ask(**change)
    assert field in error.value.message_dict


def test_signallers_see_open_requests_for_their_organisation_or_everyone():
    police = OrganisationFactory(name="Politie")
    school = OrganisationFactory(name="School")
    for_all = ask()
    for_police = ask(organisations=[police])
    ask(organisations=[school])
    agent = UserFactory(roles=[Role.SIGNALEERDER], organisation=police)
    assert set(attention_request_list_visible_for(user=agent)) == {for_all, for_police}
    assert (
        set(attention_request_list_visible_for(user=UserFactory(roles=[Role.BURGEMEESTER])))
        == set()
    )


def test_a_request_closes_itself_after_its_end_date():
    agent = UserFactory(roles=[Role.SIGNALEERDER])
    attention = ask(until=timezone.localdate() + timedelta(days=2))
    assert attention.is_open
    with freeze_time(timezone.now() + timedelta(days=3)):
        attention.refresh_from_db()
        assert not attention.is_open
        assert list(attention_request_list_visible_for(user=agent)) == []


def test_closing_early_and_answering_a_closed_request_is_refused():
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    attention = ask(coordinator)
    agent = UserFactory(roles=[Role.SIGNALEERDER])
    signal = signal_create(
        author=agent,
        observation="Pamflet gevonden bij de bushalte.",
        area=AreaFactory(),
        source_kind=SourceKindFactory(),
        themes=[ThemeFactory()],
        attention_request=attention,
    )
    assert signal.attention_request == attention
    attention_request_close(user=coordinator, attention_uuid=attention.uuid)
    with pytest.raises(ValidationError) as error:
        signal_create(
            author=agent,
            observation="Nog een pamflet.",
            area=AreaFactory(),
            source_kind=SourceKindFactory(),
            attention_request=attention,
        )
    assert "attention_request" in error.value.message_dict


def test_pages_and_start_panel(client, verified_login):
    attention = ask(description="Vooral rond de school.")
    verified_login(client, Role.SIGNALEERDER)
    start = client.get("/").content.decode()
    assert "Let op pamfletten over het azc" in start
    detail = client.get(attention.get_absolute_url())
    assert detail.status_code == 200
    assert "Signaal melden bij dit verzoek" in detail.content.decode()
    form = client.get(reverse("signals:signal_create") + f"?aandachtsverzoek={attention.uuid}")
    assert form.context["form"].initial["attention_request"] == attention.pk
    assert "Het kernteam vraagt nu extra aandacht" in form.content.decode()
    assert client.get(reverse("signals:attention_create")).status_code == 403


def test_coordinator_creates_a_request_through_the_form(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    area = AreaFactory(name="Haarbroek")
    response = client.post(
        reverse("signals:attention_create"),
        {
            "title": "Onrust over windpark",
            "areas": [area.pk],
            "until": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Onrust over windpark" in page
    assert "het hele netwerk" in page
