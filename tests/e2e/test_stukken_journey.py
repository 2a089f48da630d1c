"""The journey of issue 8 in real Chromium: the chair records attendance in a follow-up
session (one member absent, the derde later aangeschoven), runs it and adopts its
besluitenlijst; the notice to the burgemeester is in the outbox; she opens /stukken/,
sees the list unread, opens the PDF (now gelezen), and the PDF lists who was there; the
verslag shows the step answers with labels."""

import shutil
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bob.models import CaseDocument
from bob.selectors.documents import person_text
from kernteam.demo import AZC_CASE
from kernteam.models import Case, Session
from kernteam.workflow import SessionKind
from samos.accounts.models import User
from samos.reminders.services import reminders_send_due
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADOPT_LABEL = "Ik stel deze besluitenlijst vast. Daarna verandert ze niet meer."
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PICTURE = "De informatieavond is rustig verlopen; online blijft de toon grimmig."
DECISION = "De dorpsraad krijgt elke week een korte stand van zaken."


def mark(page, who, status):
    page.get_by_role("group", name=who).get_by_label(status, exact=True).check()


def run_follow_up_as_chair(page, live_server, session, absent_name):
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_role("button", name="Bijeenkomst openen").click()
    expect(page.get_by_text("De bijeenkomst is geopend.")).to_be_visible()

    # Step 1: who is there, then the previous list.
    for username in ("voorzitter", "coordinator", "burgemeester"):
        mark(page, str(User.objects.get(username=username)), "aanwezig")
    mark(page, absent_name, "afwezig met bericht")
    page.get_by_role("group", name="Hanneke Smit", exact=False).get_by_label(
        "later aangeschoven", exact=True
    ).check()
    page.get_by_role("button", name="Aanwezigheid vastleggen").click()
    expect(page.get_by_text("De aanwezigheid is vastgelegd.")).to_be_visible()
    page.get_by_label(ADOPT_LABEL).check()
    page.get_by_role("button", name="Besluitenlijst vaststellen").click()
    expect(
        page.get_by_text("De besluitenlijst van de vorige bijeenkomst is vastgesteld.")
    ).to_be_visible()
    page.get_by_role("button", name="Verder", exact=True).click()

    # Step 2: a decision for this session's own list, and the picture now.
    expect(page.get_by_role("heading", name="Stap 2 van 8: Wat is er nieuw?")).to_be_visible()
    page.get_by_label("Besluit of afspraak").fill(DECISION)
    page.get_by_role("button", name="Besluit toevoegen").click()
    expect(page.get_by_text("Het besluit staat op de besluitenlijst.")).to_be_visible()
    page.get_by_label("Het beeld nu").fill(PICTURE)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("De stap is opgeslagen.")).to_be_visible()

    # Step 3: the effect of an earlier decision, a choice shown by its label later.
    page.goto(f"{live_server.url}{session.get_absolute_url()}?stap=acties")
    effect = page.locator("#effect-besluiten > div").filter(
        has_text="Er komt een informatieavond met het COA"
    )
    effect.get_by_label("Effect zichtbaar", exact=True).check()
    effect.get_by_label("Toelichting (op welke signalen rust dit?)").fill("120 inwoners kwamen.")
    effect.get_by_role("button", name="Effect vastleggen").click()
    expect(page.get_by_text("Het effect van het besluit is vastgelegd.")).to_be_visible()

    # The last step: finish, then adopt this session's list as its chair.
    page.goto(f"{live_server.url}{session.get_absolute_url()}?stap=vervolg")
    page.get_by_role("button", name="Bijeenkomst afronden").click()
    expect(page.get_by_text("De bijeenkomst is afgerond.").first).to_be_visible()
    page.goto(f"{live_server.url}/bijeenkomsten/{session.uuid}/besluitenlijst/")
    page.get_by_label(ADOPT_LABEL).check()
    page.get_by_role("button", name="Besluitenlijst vaststellen").click()
    expect(page.get_by_text("De besluitenlijst is vastgesteld.")).to_be_visible()


def test_the_mayor_reads_the_adopted_list_of_a_follow_up(
    live_server, page, demo_world, assert_accessible, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    case = Case.objects.get(title=AZC_CASE)
    session = Session.objects.get(case=case, kind=SessionKind.VERVOLG)
    absent = User.objects.get(username="kernteamlid")

    log_in(page, live_server, "voorzitter")
    run_follow_up_as_chair(page, live_server, session, str(absent))
    assert_accessible(page)

    # The worker's scan sends the notices (the first list and this one).
    reminders_send_due(now=timezone.now())

    page.context.clear_cookies()
    log_in(page, live_server, "beheerder")
    page.goto(f"{live_server.url}/beheer/uitgaande-post/")
    mayor = User.objects.get(username="burgemeester")
    notice = (
        page.get_by_role("row")
        .filter(has_text=mayor.email)
        .filter(has_text="Bericht uit SAMOS: Besluitenlijst vastgesteld")
    )
    expect(notice.first).to_be_visible()
    notice.first.get_by_role("link").click()
    expect(page.get_by_text("Er staat een nieuw stuk voor u klaar")).to_be_visible()
    expect(page.get_by_text("/stukken/").first).to_be_visible()
    expect(page.get_by_text(AZC_CASE)).to_have_count(0)  # no content in the mail

    page.context.clear_cookies()
    log_in(page, live_server, "burgemeester")
    # Nothing read yet: the two adopted lists of today with their verslagen, and the
    # demo's exercise records.
    assert CaseDocument.objects.filter(case=case).count() == 4
    total = CaseDocument.objects.count()
    expect(page.get_by_role("heading", name=f"Te lezen ({total})")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Stukken", exact=True).click()
    expect(page.get_by_role("heading", name="Stukken", exact=True)).to_be_visible()
    assert_accessible(page)
    date = timezone.localtime(session.starts_at).strftime("%d-%m-%Y")
    label = f"Besluitenlijst vervolgbijeenkomst {date}"
    card = page.get_by_role("article").filter(has=page.get_by_role("link", name=label))
    expect(card.get_by_text("Ongelezen")).to_be_visible()

    with page.expect_download() as download_info:
        card.get_by_role("link", name=label).click()
    pdf_path = tmp_path / "besluitenlijst.pdf"
    download_info.value.save_as(pdf_path)
    text = " ".join(
        subprocess.run(  # noqa: S603 — fixed arguments, our own temporary file
            [PDFTOTEXT, str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    # Each attendance row reads "name | organisation | status" in the text layer.
    absent_row = f"{person_text(absent)} {absent.organisation} afwezig met bericht"
    assert absent_row in text
    assert "Hanneke Smit (derde) voorzitter, Dorpsraad Oldenmere later aangeschoven" in text
    assert DECISION in " ".join(text.split())

    page.reload()
    card = page.get_by_role("article").filter(has=page.get_by_role("link", name=label))
    expect(card.get_by_text("Ongelezen")).to_have_count(0)
    expect(card.get_by_text("U las dit op", exact=False)).to_be_visible()
    expect(card.get_by_text("(Burgemeester) las het op", exact=False)).to_be_visible()

    # The verslag on screen: question texts as headings, answers and labels under them.
    verslag = page.get_by_role("article").filter(
        has=page.get_by_role("link", name=f"Verslag vervolgbijeenkomst {date}")
    )
    verslag.get_by_role("link", name="verslag op het scherm").click()
    expect(page.get_by_role("heading", name="Wat is er nieuw?")).to_be_visible()
    expect(page.get_by_text(PICTURE)).to_be_visible()
    expect(page.get_by_text("Effect zichtbaar").first).to_be_visible()
    expect(page.get_by_text("later aangeschoven", exact=False).first).to_be_visible()
    assert_accessible(page)
