"""A NUL character in a query string or a form is refused with 400 before any view
reads it (PostgreSQL refuses NUL in text; a search term with one was a 500)."""

import pytest
from django.urls import reverse

from kernteam.models import Case
from samos.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_query_string_is_a_bad_request(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    response = client.get(reverse("kernteam:case_list"), {"lessen": "a\x00b"})
    assert response.status_code == 400
    assert "ongeldig teken" in response.content.decode()
    assert client.get(reverse("kernteam:case_list"), {"lessen": "ab"}).status_code == 200


def test_a_nul_in_a_form_field_is_a_bad_request_and_saves_nothing(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(
        reverse("kernteam:case_create"), {"title": "Onrust\x00", "phase": "onrust"}
    )
    assert response.status_code == 400
    assert not Case.objects.exists()
