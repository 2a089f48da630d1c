"""The vooraf-afweging (Handreiking A2.1, "Vooraf per groepslid"): a member goes through
beeld, oordeel and besluit on their own, from signals or from a case, and records one of
four outcomes — each followed through: convening, a note to partners, actions, or a
review date that becomes a reminder."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from bob import assessment_reminders
from bob.models import Action, Assessment
from kernteam.models import Case, Session
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from samos.reminders.services import reminders_send_due
from signals.models import Signal
from tests.factories import AreaFactory, CaseFactory, SessionFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = reverse("bob:assessment_create")


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def answers(**extra) -> dict:
    """A complete assessment as posted, outcome and its details to add."""
    return {
        "what_happened": "Twee avonden op rij stickers tegen de opvang bij de sporthal.",
        "state_of_unrest": "Onrustig in de app-groepen van de kern.",
        "picture_sound": "deels",
        "picture_gaps": "Wat de jongerenwerker hoort.",
        "what_may_happen": "Donderdag is de raadsvergadering over de opvang.",
        "consequences": "Een demonstratie bij het gemeentehuis.",
        "severity": "2",
        "urgency": "2",
        "motivation": "De raadsvergadering is over drie dagen; we moeten samen kijken.",
        **extra,
    }


@pytest.fixture
def only_assessment_sources():
    sources = [
        ("bob.assessment_notes", assessment_reminders.assessment_notes),
        ("bob.assessment_reviews", assessment_reminders.assessment_reviews),
    ]
    with mock.patch("samos.reminders.services.registered_sources", return_value=sources):
        yield


def test_from_two_signals_to_a_new_case_and_the_convene_form(client, verified_login):
    member = verified_login(client, Role.KERNTEAMLID)
    area = AreaFactory(name="Oldenmere")
    first = SignalFactory(area=area, observation="Stickers bij de sporthal.")
    second = SignalFactory(area=area, observation="Boze reacties in de dorpsapp.")
    url = f"{NEW}?signalen={first.uuid},{second.uuid}"

    form = client.get(url).content.decode()
    assert "Stickers bij de sporthal." in form and "Boze reacties in de dorpsapp." in form
    assert "Een nieuwe casus" in form  # no open case holds them yet

    response = client.post(
        url,
        answers(
            signalen=f"{first.uuid},{second.uuid}",
            case="nieuw",
            new_case_title="Onrust rond de sporthal",
            signals=[first.uuid, second.uuid],
            supporting_signals=[second.uuid],
            outcome="bijeenroepen",
        ),
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bob:assessment_convene", args=[assessment.uuid])
    case = assessment.case
    assert case.title == "Onrust rond de sporthal" and list(case.areas.all()) == [area]
    assert set(case.signals.all()) == {first, second}
    assert Signal.objects.get(pk=first.pk).status == "gekoppeld"
    assert assessment.author == member and set(assessment.signals.all()) == {first, second}
    assert list(assessment.supporting_signals.all()) == [second]
    assert AuditEvent.objects.filter(action="vooraf_afweging.vastgelegd").count() == 1

    convene = reverse("bob:assessment_convene", args=[assessment.uuid])
    page = client.get(convene).content.decode()
    assert "Uw vooraf-afweging" in page
    assert "De raadsvergadering is over drie dagen" in page  # motivation in the agenda
    response = client.post(
        convene,
        {
            "kind": "eerste",
            "date": tomorrow().isoformat(),
            "time": "19:30",
            "location": "Gemeentehuis",
            "agenda": "Motivering: de raadsvergadering is over drie dagen.",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assessment.refresh_from_db()
    assert assessment.session == session
    # Convened once: the link now leads to the session, not to a second one.
    assert client.get(convene)["Location"] == session.get_absolute_url()


def test_the_first_step_of_the_session_shows_the_assessment(client, verified_login):
    verified_login(client, Role.VOORZITTER)
    case = CaseFactory()
    signal = SignalFactory(area=case.areas.first(), observation="Ruit ingegooid bij de moskee.")
    client.post(
        reverse("bob:case_assessment_create", args=[case.uuid]),
        answers(signals=[signal.uuid], outcome="bijeenroepen"),
    )
    assessment = Assessment.objects.get()
    client.post(
        reverse("bob:assessment_convene", args=[assessment.uuid]),
        {"kind": "eerste", "date": tomorrow().isoformat(), "time": "20:00", "location": "Raadzaal"},
    )
    session = Session.objects.get()
    runner = client.get(reverse("bob:session_run", args=[session.uuid])).content.decode()
    assert "Vanuit deze afweging is deze bijeenkomst bijeengeroepen." in runner
    assert "Twee avonden op rij stickers" in runner
    assert "Ruit ingegooid bij de moskee." in runner


def test_only_inform_partners_sends_one_fixed_mail_and_keeps_the_note(
    client, verified_login, only_assessment_sources, mailoutbox
):
    verified_login(client, Role.KERNTEAMLID, first_name="Anouk", last_name="Visser")
    police = UserFactory(roles=[Role.KERNTEAMLID], first_name="Wijkagent")
    welfare = UserFactory(roles=[Role.KERNTEAMLID])
    not_chosen = UserFactory(roles=[Role.KERNTEAMLID])
    case = CaseFactory(title="Spanning rond de opvang")
    response = client.post(
        reverse("bob:case_assessment_create", args=[case.uuid]),
        answers(
            outcome="informeren",
            informed=[police.pk, welfare.pk],
            note_to_partners="Let op de sporthal deze week; geen reden om bijeen te komen.",
        ),
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == assessment.get_absolute_url()
    assert set(assessment.informed.all()) == {police, welfare}

    reminders_send_due(now=timezone.now())
    reminders_send_due(now=timezone.now() + datetime.timedelta(minutes=1))
    assert sorted(m.to[0] for m in mailoutbox) == sorted([police.email, welfare.email])
    mail = mailoutbox[0]
    assert "Vooraf-afweging ter informatie" in mail.subject
    assert "Spanning rond de opvang" not in mail.subject
    assert "sporthal" not in mail.body  # the note stays in SAMOS
    assert assessment.get_absolute_url() in mail.body
    assert not_chosen.email not in [m.to[0] for m in mailoutbox]

    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Let op de sporthal deze week" in page
    assert page.count("bericht verstuurd op") == 2


def test_other_actions_lead_to_a_case_action_that_points_back(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    case = CaseFactory()
    response = client.post(
        reverse("bob:case_assessment_create", args=[case.uuid]), answers(outcome="acties")
    )
    assessment = Assessment.objects.get()
    action_url = response["Location"]
    assert action_url.startswith(reverse("bob:case_action_create", args=[case.uuid]))
    assert f"afweging={assessment.uuid}" in action_url
    form = client.get(action_url).content.decode()
    assert "Deze actie volgt uit uw vooraf-afweging." in form
    response = client.post(
        action_url,
        {
            "afweging": str(assessment.uuid),
            "next": assessment.get_absolute_url(),
            "title": "Gesprek met de sportvereniging",
            "intended_result": "De vereniging weet wat er speelt en meldt wat zij hoort.",
            "due_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            "third_party": "Sportvereniging",
            "arranged_by": coordinator.pk,
            "coordinator": coordinator.pk,
        },
    )
    action = Action.objects.get()
    assert action.assessment == assessment and action.session is None
    assert response["Location"] == assessment.get_absolute_url()
    assert "Gesprek met de sportvereniging" in client.get(response["Location"]).content.decode()


def test_an_action_cannot_point_to_another_case_s_assessment(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    other = Assessment.objects.create(
        case=CaseFactory(),
        author=user,
        what_happened="x",
        picture_sound="ja",
        severity="1",
        urgency="1",
        outcome="acties",
        motivation="x",
    )
    case = CaseFactory()
    client.post(
        reverse("bob:case_action_create", args=[case.uuid]),
        {
            "afweging": str(other.uuid),
            "title": "Gesprek",
            "intended_result": "Beeld van de straat.",
            "due_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            "executor": user.pk,
            "coordinator": coordinator.pk,
        },
    )
    assert Action.objects.get().assessment is None


def test_no_action_now_asks_a_review_date_that_becomes_a_reminder(
    client, verified_login, only_assessment_sources, mailoutbox
):
    member = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    url = reverse("bob:case_assessment_create", args=[case.uuid])
    refused = client.post(url, answers(outcome="geen_actie"))
    assert refused.status_code == 200
    assert "Wanneer kijkt u opnieuw? Kies een datum." in refused.content.decode()
    past = client.post(url, answers(outcome="geen_actie", review_on="2020-01-01"))
    assert "Kies een datum na vandaag." in past.content.decode()
    assert not Assessment.objects.exists()

    review_on = timezone.localdate() + datetime.timedelta(days=7)
    client.post(url, answers(outcome="geen_actie", review_on=review_on.isoformat()))
    assessment = Assessment.objects.get()
    assert assessment.review_on == review_on

    zone = timezone.get_default_timezone()
    before = datetime.datetime.combine(review_on, datetime.time(8, 0), tzinfo=zone)
    on_the_day = datetime.datetime.combine(review_on, datetime.time(9, 5), tzinfo=zone)
    assert reminders_send_due(now=before).sent == 0
    assert reminders_send_due(now=on_the_day).sent == 1
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "Vooraf-afweging opnieuw bekijken" in mailoutbox[0].subject
    assert assessment.get_absolute_url() in mailoutbox[0].body


def test_a_newer_assessment_ends_the_review_reminder(only_assessment_sources, mailoutbox):
    author = UserFactory(roles=[Role.KERNTEAMLID])
    case = CaseFactory()
    review_on = timezone.localdate() + datetime.timedelta(days=3)
    common = {
        "case": case,
        "author": author,
        "what_happened": "x",
        "picture_sound": "ja",
        "severity": "1",
        "urgency": "1",
        "motivation": "x",
    }
    Assessment.objects.create(outcome="geen_actie", review_on=review_on, **common)
    Assessment.objects.create(outcome="bijeenroepen", **common)
    zone = timezone.get_default_timezone()
    on_the_day = datetime.datetime.combine(review_on, datetime.time(9, 5), tzinfo=zone)
    assert reminders_send_due(now=on_the_day).sent == 0


def test_a_refused_assessment_keeps_everything_typed_and_writes_nothing(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    signal = SignalFactory(observation="Graffiti op de brug.")
    url = f"{NEW}?signalen={signal.uuid}"
    response = client.post(
        url,
        {
            "signalen": str(signal.uuid),
            "case": "nieuw",
            "signals": [signal.uuid],
            "what_happened": "Graffiti met een dreigende tekst.",
            "outcome": "informeren",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Kies bij welke casus deze afweging hoort",
        "Geef aan of de signalen een gedegen beeld geven.",
        "Kies hoe ernstig de situatie is.",
        "Waarom deze uitkomst?",
        "Kies ten minste één kernteamlid om te informeren.",
        "Schrijf de korte notitie die de partners krijgen.",
    ):
        assert message in page
    assert "Graffiti met een dreigende tekst." in page  # kept as typed
    assert not Assessment.objects.exists() and not Case.objects.exists()
    assert Signal.objects.get(pk=signal.pk).status == "nieuw"


def test_an_existing_open_case_holding_the_signal_is_preselected(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory(title="Overlast bij de haven")
    signal = SignalFactory(area=case.areas.first())
    case.signals.add(signal, through_defaults={"linked_by": case.opened_by})
    page = client.get(f"{NEW}?signalen={signal.uuid}").content.decode()
    assert f'value="{case.uuid}"' in page and "checked" in page.split(str(case.uuid))[1][:80]
    client.post(
        f"{NEW}?signalen={signal.uuid}",
        answers(
            signalen=str(signal.uuid), case=str(case.uuid), signals=[signal.uuid], outcome="acties"
        ),
    )
    assert Assessment.objects.get().case == case and Case.objects.count() == 1


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.BURGEMEESTER, Role.COMMUNICATIE])
def test_who_may_not_make_one_is_refused(client, verified_login, role):
    verified_login(client, role)
    case = CaseFactory()
    assert client.get(NEW).status_code == 403
    response = client.post(
        reverse("bob:case_assessment_create", args=[case.uuid]), answers(outcome="acties")
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_reading_follows_the_case_and_hides_signals_the_reader_may_not_see(client, verified_login):
    author = UserFactory(roles=[Role.COORDINATOR])
    case = CaseFactory()
    ordinary = SignalFactory(area=case.areas.first(), observation="Gewone waarneming.")
    secret = SignalFactory(area=case.areas.first(), vertrouwelijk=True, observation="Geheim.")
    assessment = Assessment.objects.create(
        case=case,
        author=author,
        what_happened="Onrust",
        picture_sound="ja",
        severity="2",
        urgency="2",
        outcome="bijeenroepen",
        motivation="Samen kijken",
    )
    assessment.signals.set([ordinary, secret])

    verified_login(client, Role.KERNTEAMLID)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Gewone waarneming." in page and "Geheim." not in page
    assert "En 1 signaal dat u niet kunt inzien." in page
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "Vooraf-afwegingen" in case_page and assessment.get_absolute_url() in case_page
    # Only the author convenes from it.
    assert client.get(reverse("bob:assessment_convene", args=[assessment.uuid])).status_code == 403

    client.logout()
    verified_login(client, Role.COMMUNICATIE)
    assert client.get(assessment.get_absolute_url()).status_code in (403, 404)

    case.is_confidential = True
    case.save()
    client.logout()
    verified_login(client, Role.KERNTEAMLID)
    assert client.get(assessment.get_absolute_url()).status_code == 404


def test_the_signal_page_and_list_offer_it(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    signal = SignalFactory()
    page = client.get(signal.get_absolute_url()).content.decode()
    assert "Vooraf-afweging maken" in page
    listing = client.get(reverse("signals:signal_list")).content.decode()
    assert "Vooraf-afweging met de gekozen signalen" in listing
    # The list's buttons say which link: the second is the assessment.
    labels = [
        label
        for label in ("Casus openen met de gekozen signalen", "Vooraf-afweging met de gekozen")
        if label in listing
    ]
    choice = str(len(labels))
    response = client.post(
        reverse("signals:signal_list"), {"signals": [signal.uuid], "open_case": choice}
    )
    assert response["Location"] == f"{NEW}?signalen={signal.uuid}"


def test_the_verslag_names_the_assessment_the_session_came_from(client, verified_login):
    import io

    from pypdf import PdfReader

    session = SessionFactory(bezig=True)
    author = UserFactory(roles=[Role.KERNTEAMLID])
    Assessment.objects.create(
        case=session.case,
        author=author,
        session=session,
        what_happened="Pamfletten op de jaarmarkt",
        picture_sound="ja",
        severity="2",
        urgency="2",
        outcome="bijeenroepen",
        motivation="Raadsbesluit over het windpark volgende week",
    )
    verified_login(client, Role.BURGEMEESTER)
    response = client.get(reverse("bob:session_minutes_pdf", kwargs={"uuid": session.uuid}))
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Vooraf-afwegingen" in text
    assert "Raadsbesluit over het windpark volgende week" in text
    assert "hiervandaan is deze bijeenkomst bijeengeroepen" in text


def test_information_questions_become_tracked_requests_on_the_case(client, verified_login):
    from bob.models import InformationRequest

    member = verified_login(client, Role.KERNTEAMLID)
    police = UserFactory(roles=[Role.KERNTEAMLID])
    case = CaseFactory()
    url = reverse("bob:case_assessment_create", args=[case.uuid])
    deadline = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    # A half-filled row: refused next to its fields, nothing written.
    refused = client.post(
        url, answers(outcome="acties", info_2_question="Wat weet de wijkagent van de groep?")
    )
    page = refused.content.decode()
    assert "Bij wie is de informatie te krijgen?" in page
    assert "Kies het kernteamlid dat de informatie opvraagt." in page
    assert 'id="id_info_2_source"' in page and "Wat weet de wijkagent van de groep?" in page
    assert not Assessment.objects.exists() and not InformationRequest.objects.exists()

    client.post(
        url,
        answers(
            outcome="geen_actie",
            review_on=(timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            info_2_question="Wat weet de wijkagent van de groep?",
            info_2_source="Politie, wijkagent Oldenmere",
            info_2_requested_by=police.pk,
            info_2_deadline=deadline,
        ),
    )
    assessment = Assessment.objects.get()
    info = InformationRequest.objects.get()
    assert info.assessment == assessment and info.case == case and info.session is None
    assert info.requested_by == police and info.created_by == member
    detail = client.get(assessment.get_absolute_url()).content.decode()
    assert "Nadere informatievragen" in detail and "Wat weet de wijkagent" in detail
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "Wat weet de wijkagent van de groep?" in case_page  # open requests of the case


def test_a_coming_review_is_in_my_work_on_the_start_page(client, verified_login):
    member = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory(title="Rust rond de haven, voorlopig")
    Assessment.objects.create(
        case=case,
        author=member,
        what_happened="x",
        picture_sound="ja",
        severity="1",
        urgency="1",
        outcome="geen_actie",
        motivation="Even afwachten",
        review_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    page = client.get("/").content.decode()
    assert "Vooraf-afwegingen om opnieuw te bekijken" in page
    assert "Rust rond de haven, voorlopig" in page
