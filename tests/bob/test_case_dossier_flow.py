"""The case dossier as a reader meets it: asked for on the case (a tussenstand) or made
when the case closes, rendered by a Celery task with limits and one retry, polled while
it is made, served byte for byte from its stored file, and a clear message on failure."""

import datetime
import logging
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from bob.models import CaseDocument, CaseDossier
from bob.tasks import HARD_TIME_LIMIT, MAX_RETRIES, SOFT_TIME_LIMIT, render_case_dossier
from bob.workflow import DocumentKind, DossierStatus
from kernteam.services import case_close
from samos.accounts.roles import Role
from samos.documents.models import DocumentRead
from tests.bob.test_reading_table import adopt, login_as
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def page_url(case, name="bob:case_dossier"):
    return reverse(name, kwargs={"uuid": case.uuid})


def test_closing_a_case_makes_and_stores_its_closing_dossier(
    client, eager_tasks, django_capture_on_commit_callbacks
):
    session = adopt(case=CaseFactory(title="Spanning Havenkwartier"))
    case = session.case
    with django_capture_on_commit_callbacks(execute=True):
        case_close(user=session.chair, case_uuid=case.uuid, evaluation="Vroeg praten werkte.")

    dossier = CaseDossier.objects.get(case=case)
    assert dossier.status == DossierStatus.KLAAR and not dossier.interim
    assert dossier.requested_by is None  # the system asked for it, at closing
    entry = dossier.document
    assert entry.kind == DocumentKind.DOSSIER and entry.case == case
    assert entry.document.title.startswith("dossier-") and "tussenstand" not in entry.label

    mayor = login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    response = client.get(page_url(case, "bob:case_dossier_pdf"))
    assert response.status_code == 200
    assert response.content == entry.document.read_bytes()  # the stored file, as stored
    assert DocumentRead.objects.filter(reader=mayor, document=entry.document).exists()
    page = client.get(page_url(case)).content.decode()
    assert "Download het slotdossier (pdf)" in page
    assert "Slotdossier maken" not in page  # it exists: nothing to ask for


def test_a_tussenstand_is_asked_for_polled_and_then_offered(
    client, django_capture_on_commit_callbacks
):
    case = adopt().case
    login_as(client, UserFactory(roles=[Role.KERNTEAMLID]))
    with mock.patch.object(render_case_dossier, "apply_async") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(page_url(case))
    assert response.status_code == 302 and response["Location"] == page_url(case)
    dossier = CaseDossier.objects.get(case=case)
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (dossier.pk,)
    assert dossier.interim and dossier.status == DossierStatus.WACHTEND

    # While it is made the page polls the status fragment, with a plain link besides.
    page = client.get(page_url(case)).content.decode()
    assert f'hx-get="{page_url(case, "bob:case_dossier_status")}"' in page
    assert 'hx-trigger="every 2s"' in page
    assert "De tussenstand wordt voorbereid." in page and "Pagina vernieuwen" in page
    # A second click joins the dossier in the making.
    with mock.patch.object(render_case_dossier, "apply_async"):
        client.post(page_url(case))
    assert CaseDossier.objects.filter(case=case).count() == 1

    render_case_dossier.apply(args=[dossier.pk])
    fragment = client.get(page_url(case, "bob:case_dossier_status")).content.decode()
    assert "hx-trigger" not in fragment  # ready: the polling stops
    assert "Download de tussenstand (pdf)" in fragment
    assert CaseDocument.objects.get(kind=DocumentKind.TUSSENSTAND, case=case)


def test_a_failing_render_is_retried_once_then_reported_and_logged(client, caplog):
    case = CaseFactory()
    dossier = CaseDossier.objects.create(case=case, interim=True)
    with mock.patch("bob.services.dossier_requests.case_dossier_pdf", side_effect=OSError):
        with caplog.at_level(logging.WARNING, logger="bob.tasks"):
            render_case_dossier.apply(args=[dossier.pk])

    dossier.refresh_from_db()
    assert dossier.attempts == 2  # the first try and one retry
    assert dossier.status == DossierStatus.MISLUKT and dossier.failure == "OSError"
    assert not CaseDocument.objects.exists()
    assert "retrying once" in caplog.text and "failed for good" in caplog.text

    login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    page = client.get(page_url(case)).content.decode()
    assert "Het maken van het dossier is niet gelukt." in page
    assert "hx-trigger" not in page and "Tussenstand maken" in page
    # No broken download: the PDF address sends the reader back to the page.
    response = client.get(page_url(case, "bob:case_dossier_pdf"))
    assert response.status_code == 302 and response["Location"] == page_url(case)


def test_a_dossier_lost_in_the_making_shows_as_failed_and_can_be_asked_again(client):
    case = CaseFactory()
    lost = CaseDossier.objects.create(
        case=case,
        status=DossierStatus.BEZIG,
        requested_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    login_as(client, UserFactory(roles=[Role.KERNTEAMLID]))
    page = client.get(page_url(case)).content.decode()
    assert "niet gelukt" in page and "hx-trigger" not in page
    with mock.patch.object(render_case_dossier, "apply_async"):
        client.post(page_url(case))
    assert CaseDossier.objects.filter(case=case).exclude(pk=lost.pk).count() == 1


def test_a_second_run_of_the_task_leaves_a_ready_dossier_alone():
    case = adopt().case
    dossier = CaseDossier.objects.create(case=case, interim=True)
    render_case_dossier.apply(args=[dossier.pk])
    render_case_dossier.apply(args=[dossier.pk])
    assert CaseDocument.objects.filter(case=case, kind=DocumentKind.TUSSENSTAND).count() == 1


def test_the_task_has_limits_and_one_retry():
    assert render_case_dossier.soft_time_limit == SOFT_TIME_LIMIT < HARD_TIME_LIMIT
    assert render_case_dossier.time_limit == HARD_TIME_LIMIT
    assert render_case_dossier.max_retries == MAX_RETRIES == 1


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.COMMUNICATIE, Role.BEHEERDER])
def test_the_dossier_is_only_for_the_table_and_the_mayor(client, role):
    case = CaseFactory()
    login_as(client, UserFactory(roles=[role]))
    for name in ("bob:case_dossier", "bob:case_dossier_status", "bob:case_dossier_pdf"):
        assert client.get(page_url(case, name)).status_code == 403
    with mock.patch.object(render_case_dossier, "apply_async"):
        assert client.post(page_url(case)).status_code == 403
    assert not CaseDossier.objects.exists()


def test_no_dossier_yet_sends_the_pdf_link_to_the_page(client):
    case = CaseFactory()
    login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    response = client.get(page_url(case, "bob:case_dossier_pdf"), follow=True)
    assert "Er is nog geen dossier van deze casus. Maak er hier een." in response.content.decode()
