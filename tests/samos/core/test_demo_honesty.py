"""The demo does not mislead: no promised code at login, no traceback for a refusal."""

import logging

import pytest
from django.urls import reverse

from samos.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_demo_login_page_promises_no_second_step(client, settings):
    settings.DEMO_MODE = True
    page = client.get(reverse("two_factor:login")).content.decode()
    assert "In de demo is geen tweede stap nodig" in page
    assert "authenticator-app" not in page


def test_the_real_login_page_announces_the_code(client, settings):
    settings.DEMO_MODE = False
    page = client.get(reverse("two_factor:login")).content.decode()
    assert "code uit uw authenticator-app" in page


def test_a_refusal_is_logged_as_one_line_without_a_traceback(client, verified_login, caplog):
    verified_login(client, Role.SIGNALEERDER)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("core:outbox"))
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert refusals, "the refusal was not logged at all"
    assert all(r.exc_info is None and not r.exc_text for r in refusals)
    assert "Forbidden" in refusals[0].getMessage()


def test_the_outbox_decodes_utf8_bodies_and_shows_dutch_local_time(
    client, verified_login, settings, tmp_path
):
    from django.core.mail import EmailMultiAlternatives

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    message = EmailMultiAlternatives(
        "Herinnering: één actie", "Er staat één actie open — café de Kroon.", to=["a@b.example"]
    )
    message.extra_headers["Date"] = "Thu, 03 Dec 2026 10:30:00 -0000"  # 11:30 in Voorbeeldrade
    message.send()
    verified_login(client, Role.BEHEERDER)
    listing = client.get(reverse("core:outbox")).content.decode()
    assert "Herinnering: één actie" in listing
    assert "3 december 2026, 11:30" in listing
    assert "-0000" not in listing
    key = listing.split(reverse("core:outbox"))[1].split('"')[0].rstrip("/")
    detail = client.get(reverse("core:outbox_detail", kwargs={"key": key})).content.decode()
    assert "Er staat één actie open — café de Kroon." in detail
    assert "\ufffd" not in detail
