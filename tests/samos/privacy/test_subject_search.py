"""The beheerder's data-subject search: finds a person across apps, exports safely, audits
every search and export without storing the term, and is refused to every other role."""

import csv
import io

import pytest
from django.urls import reverse

from bob.models import ActionUpdate
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from samos.privacy.services import term_fingerprint
from signals.models import Attachment
from tests.factories import ActionFactory, AttendeeFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("privacy:subject_search")


@pytest.fixture
def mentions():
    """Records in three apps that mention Ada Verbeek, and one that does not."""
    signal = SignalFactory(
        vertrouwelijk=True,
        observation='=HYPERLINK("http://x") Ada Verbeek belde met 06-12345678.',
    )
    Attachment.objects.create(
        signal=signal,
        path="attachments/x.png",
        download_name="verbeek.png",
        content_type="image/png",
        size=1,
    )
    AttendeeFactory(user=None, guest_name="Ada Verbeek", guest_email="ada@example.org")
    action = ActionFactory(third_party="Bureau Verbeek")
    ActionUpdate.objects.create(
        action=action,
        from_status="open",
        to_status="in_uitvoering",
        note="Gesproken met mevrouw Verbeek.",
        author=action.coordinator,
    )
    UserFactory(username="averbeek", first_name="Ada", last_name="Verbeek")
    SignalFactory(observation="Niets over haar.")
    return signal


def _kinds(response) -> set[str]:
    return {str(m.kind) for result in response.context["results"] for m in result.matches}


def test_the_beheerder_finds_every_mention_across_the_apps(client, verified_login, mentions):
    verified_login(client, Role.BEHEERDER)
    response = client.post(URL, {"q": "  verbeek "})
    assert response.status_code == 200
    assert _kinds(response) >= {
        "Signaal",
        "Bijlage",
        "Deelnemer (derde)",
        "Actie",
        "Voortgang van een actie",
        "Gebruiker",
    }
    assert response.context["total"] >= 6
    body = response.content.decode()
    assert str(mentions.uuid) in body
    assert "Niets over haar" not in body


def test_a_phone_number_is_found_however_it_is_written(client, verified_login, mentions):
    verified_login(client, Role.BEHEERDER)
    for spelling in ("0612345678", "+31 6 12345678", "06 12345678"):
        response = client.post(URL, {"q": spelling})
        assert "Signaal" in _kinds(response), spelling


def test_every_search_and_export_is_audited_without_the_term(client, verified_login, mentions):
    user = verified_login(client, Role.BEHEERDER)
    client.post(URL, {"q": "Ada Verbeek"})
    client.post(URL, {"q": "Ada Verbeek", "export": "csv"})
    search = AuditEvent.objects.get(action="persoonsgegevens.gezocht")
    export = AuditEvent.objects.get(action="persoonsgegevens.geexporteerd")
    assert search.actor == user and export.actor == user
    assert search.details["zoekterm_hmac"] == term_fingerprint("ada verbeek")
    assert export.details["zoekterm_hmac"] == search.details["zoekterm_hmac"]
    assert search.details["treffers"] >= 2 and export.details["rijen"] >= 2
    # (The fixture's own user creation is audited with the name: that is not the search.)
    for event in AuditEvent.objects.filter(action__startswith="persoonsgegevens."):
        assert "verbeek" not in str(event.details).lower()
        assert "verbeek" not in event.object_label.lower()


def test_the_export_is_csv_safe_against_formulas(client, verified_login, mentions):
    verified_login(client, Role.BEHEERDER)
    response = client.post(URL, {"q": "Verbeek", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Bron", "Soort", "Kenmerk"]
    excerpts = [row[5] for row in rows[1:]]
    hostile = [cell for cell in excerpts if "HYPERLINK" in cell]
    assert hostile and all(cell.startswith("'") for cell in hostile)
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_bad_input_gets_an_error_summary_and_no_search(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    response = client.post(URL, {"q": " a "})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Controleer het formulier" in body and 'href="#id_q"' in body
    assert 'aria-invalid="true"' in body
    assert not AuditEvent.objects.filter(action="persoonsgegevens.gezocht").exists()


def test_the_page_has_a_labelled_field_and_the_start_page_links_to_it(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    body = client.get(URL).content.decode()
    assert '<label class="form-label" for="id_q">' in body
    assert 'method="post"' in body  # the term never goes into a URL
    assert URL in client.get(reverse("core:dashboard")).content.decode()


@pytest.mark.parametrize("role", [role for role in Role if role != Role.BEHEERDER])
def test_every_other_role_is_refused(client, verified_login, role, mentions):
    verified_login(client, role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"q": "Verbeek"}).status_code == 403
    assert client.post(URL, {"q": "Verbeek", "export": "csv"}).status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="persoonsgegevens.").exists()
    assert URL not in client.get(reverse("core:dashboard")).content.decode()


def test_anonymous_visitors_go_to_the_login(client):
    response = client.post(URL, {"q": "Verbeek"})
    assert response.status_code == 302 and reverse("two_factor:login") in response["Location"]
