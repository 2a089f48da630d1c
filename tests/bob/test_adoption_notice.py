"""When a besluitenlijst is adopted the burgemeester gets one mail with a link: no case
title or content in subject or body, and exactly one mail however often the scan runs."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from bob import reminders
from bob.services import decision_list_adopt, decision_record
from kernteam.services import session_finish
from samos.accounts.roles import Role
from samos.reminders.models import SentReminder
from samos.reminders.services import reminders_send_due
from tests.factories import CaseFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Spanning rond azc Oldenmere"
SECRET_TEXT = "Wijkagent spreekt de familie aan"


@pytest.fixture
def only_the_notice_source():
    sources = [("bob.adopted_decision_lists", reminders.adopted_decision_lists)]
    with mock.patch("samos.reminders.services.registered_sources", return_value=sources):
        yield


def adopt(case=None):
    session = SessionFactory(bezig=True, case=case or CaseFactory(title=SECRET_TITLE))
    decision_record(
        user=session.chair, session_uuid=session.uuid, stage="afspraak", text=SECRET_TEXT
    )
    session_finish(user=session.chair, session_uuid=session.uuid)
    decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=True)
    return session


def test_the_mayor_gets_one_mail_with_a_link_and_no_content(only_the_notice_source, mailoutbox):
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    UserFactory(roles=[Role.KERNTEAMLID])  # not configured: no mail
    session = adopt()

    first = reminders_send_due(now=timezone.now())
    second = reminders_send_due(now=timezone.now() + datetime.timedelta(minutes=1))

    assert first.sent == 1 and second.sent == 0
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [mayor.email]
    assert mail.subject == "Bericht uit SAMOS: Besluitenlijst vastgesteld"
    body = mail.body + mail.alternatives[0][0]
    assert "/stukken/" in body  # the reading table, where it shows as unread
    assert str(session.uuid) not in body
    assert "Er staat een nieuw stuk voor u klaar" in body
    assert "verloopt" not in body and "verstreken" not in body
    for secret in (SECRET_TITLE, SECRET_TEXT):
        assert secret not in mail.subject and secret not in body
    assert not mail.attachments
    assert SentReminder.objects.filter(recipient=mayor.email, offset="melding").count() == 1


def test_an_exercise_notice_says_oefening(only_the_notice_source, mailoutbox):
    UserFactory(roles=[Role.BURGEMEESTER])
    adopt(case=CaseFactory(oefening=True))
    reminders_send_due(now=timezone.now())
    assert mailoutbox[0].subject == "Bericht uit SAMOS: Oefening — Besluitenlijst vastgesteld"


def test_the_configured_roles_are_notified(only_the_notice_source, mailoutbox, settings):
    settings.SAMOS_ADOPTION_NOTICE_ROLES = ["burgemeester", "voorzitter"]
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    session = adopt()
    reminders_send_due(now=timezone.now())
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == sorted([mayor.email, session.chair.email])


def test_concepts_and_old_adoptions_are_not_announced(only_the_notice_source, mailoutbox):
    UserFactory(roles=[Role.BURGEMEESTER])
    concept = SessionFactory(bezig=True)
    decision_record(user=concept.chair, session_uuid=concept.uuid, stage="afspraak", text="x")
    adopt()
    reminders_send_due(now=timezone.now() + datetime.timedelta(days=8))
    assert mailoutbox == []


def test_the_pdf_is_attached_only_when_the_municipality_chooses_so(
    only_the_notice_source, mailoutbox, settings
):
    settings.SAMOS_ADOPTION_NOTICE_ATTACH_PDF = True
    UserFactory(roles=[Role.BURGEMEESTER])
    session = adopt()
    reminders_send_due(now=timezone.now())

    (mail,) = mailoutbox
    ((filename, content, mimetype),) = mail.attachments
    stored = session.decision_list.document
    assert mimetype == "application/pdf" and filename.startswith("besluitenlijst-")
    assert content == stored.file.open("rb").read()  # the adopted file, byte for byte
    assert SECRET_TITLE not in mail.subject and SECRET_TITLE not in mail.body
