"""Session pages: convene, prepare, attendance, derden, and the case page's sessions card."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from kernteam.models import Attendee, Preparation, Session
from kernteam.services import preparation_save
from samos.accounts.roles import Role
from tests.factories import (
    AttendeeFactory,
    CaseFactory,
    KernteamMemberFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ALL_ROLES = [
    Role.COORDINATOR,
    Role.KERNTEAMLID,
    Role.VOORZITTER,
    Role.BURGEMEESTER,
    Role.COMMUNICATIE,
    Role.SIGNALEERDER,
    Role.BEHEERDER,
]
KERNTEAM = {Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER}
# Who may convene: the kernteam and the mayor (samos.accounts.permission_table).
CONVENERS = KERNTEAM | {Role.BURGEMEESTER}


def convene_url(case):
    return reverse("kernteam:session_convene", args=[case.uuid])


def prepare_url(session):
    return reverse("kernteam:session_prepare", args=[session.uuid])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def kernteam():
    chair = KernteamMemberFactory(
        user=UserFactory(roles=[Role.VOORZITTER], first_name="Vera", last_name="Voorzitter"),
        is_chair=True,
    ).user
    secretary = KernteamMemberFactory(
        user=UserFactory(roles=[Role.COORDINATOR], first_name="Sem", last_name="Secretaris"),
        is_secretary=True,
    ).user
    member = KernteamMemberFactory(
        user=UserFactory(roles=[Role.KERNTEAMLID], first_name="Pim", last_name="Politie")
    ).user
    return {"chair": chair, "secretary": secretary, "member": member}


# --- convene ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_convene_role_matrix(client, verified_login, role):
    case = CaseFactory()
    verified_login(client, role)
    response = client.get(convene_url(case))
    assert response.status_code == (200 if role in CONVENERS else 403)
    response = client.post(convene_url(case), {"kind": "eerste"})
    assert response.status_code == (200 if role in CONVENERS else 403)
    assert Session.objects.count() == 0


def test_convene_unknown_case_is_404(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    missing = reverse("kernteam:session_convene", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(missing).status_code == 404


def test_convene_form_defaults(client, verified_login, kernteam, django_assert_max_num_queries):
    case = CaseFactory()
    outsider_kernteamlid = UserFactory(roles=[Role.KERNTEAMLID], last_name="Zonder zetel")
    verified_login(client, Role.KERNTEAMLID)
    with django_assert_max_num_queries(14):
        response = client.get(convene_url(case))
    page = text(response)
    assert response.status_code == 200
    # Eerste is chosen; the standing kernteam is checked; the rest can be added.
    assert re.search(r'value="eerste"[^>]*checked', page)
    for person in kernteam.values():
        assert re.search(rf'value="{person.pk}"[^>]*checked', page), person
    assert re.search(rf'value="{outsider_kernteamlid.pk}"(?![^>]*checked)', page)
    assert re.search(rf'<option value="{kernteam["chair"].pk}" selected>', page)
    assert 'type="date"' in page and 'type="time"' in page
    assert page.count("<legend") >= 5  # kind, date/time, members, derden and each row
    assert 'for="id_guest_0_name"' in page
    assert "<script" not in page.split("<main", 1)[1]


def test_convene_form_offers_vervolg_after_a_first_session(client, verified_login):
    case = CaseFactory()
    SessionFactory(case=case, afgerond=True, starts_at=timezone.now() - datetime.timedelta(days=1))
    verified_login(client, Role.COORDINATOR)
    assert re.search(r'value="vervolg"[^>]*checked', text(client.get(convene_url(case))))


def test_convene_through_the_form(client, verified_login, kernteam):
    case = CaseFactory(title="Onrust Oldenmere")
    user = verified_login(client, Role.KERNTEAMLID)
    response = client.post(
        convene_url(case),
        {
            "kind": "eerste",
            "date": tomorrow(),
            "time": "19:30",
            "location": "Gemeentehuis",
            "online_link": "",
            "chair": "",
            "secretary": "",
            "agenda": "Beeld van de week",
            "members": [kernteam["member"].pk],
            "guest_0_name": "J. de Vries",
            "guest_0_organisation": "OBS De Linde",
            "guest_0_role": "directeur",
            "guest_0_email": "j.devries@school.example",
            "guest_1_name": "",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url()
    assert messages_of(response) == [
        "De bijeenkomst is bijeengeroepen; de uitnodigingen worden verstuurd."
    ]
    local = timezone.localtime(session.starts_at, timezone.get_default_timezone())
    assert (local.date().isoformat(), local.strftime("%H:%M")) == (tomorrow(), "19:30")
    assert session.chair == kernteam["chair"]
    assert session.convened_by == user
    assert session.attendees.filter(user__isnull=True).get().guest_name == "J. de Vries"
    assert session.attendees.count() == 5  # user, chair, secretary, member, derde
    assert not session.agenda_for_guests  # not ticked: derden get no agenda


def test_the_convener_may_tick_that_derden_get_the_agenda(client, verified_login, kernteam):
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(convene_url(CaseFactory())).content.decode()
    assert "Bespreekpunten ook in de uitnodiging aan derden" in page
    client.post(
        convene_url(CaseFactory()),
        {
            "kind": "eerste",
            "date": tomorrow(),
            "time": "19:30",
            "location": "Gemeentehuis",
            "agenda": "Beeld van de week",
            "agenda_for_guests": "on",
        },
    )
    assert Session.objects.get().agenda_for_guests


def test_convene_in_the_past_keeps_the_text_and_changes_nothing(client, verified_login):
    case = CaseFactory()
    verified_login(client, Role.KERNTEAMLID)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        convene_url(case),
        {
            "kind": "eerste",
            "date": yesterday,
            "time": "10:00",
            "location": "Wijkcentrum De Vonk",
            "agenda": "Mijn zorgvuldig getypte agenda",
            "guest_2_name": "A. Bakker",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "Deze datum en tijd liggen in het verleden." in page
    assert f'value="{yesterday}"' in page
    assert 'value="Wijkcentrum De Vonk"' in page
    assert "Mijn zorgvuldig getypte agenda" in page
    assert 'value="A. Bakker"' in page
    assert Session.objects.count() == 0


def test_convene_derde_without_a_name(client, verified_login):
    case = CaseFactory()
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(
        convene_url(case),
        {
            "kind": "eerste",
            "date": tomorrow(),
            "time": "10:00",
            "location": "Wijkcentrum",
            "guest_2_organisation": "Jongerenwerk",
            "guest_2_email": "iemand@example.org",
        },
    )
    page = text(response)
    assert "Geef de naam van deze derde." in page
    assert 'id="error_1_id_guest_2_name"' in page  # next to the field it belongs to
    assert 'value="iemand@example.org"' in page
    assert Session.objects.count() == 0


def test_convene_service_errors_land_next_to_their_fields(client, verified_login):
    case = CaseFactory()
    SessionFactory(case=case)  # an eerste already exists
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(
        convene_url(case), {"kind": "eerste", "date": tomorrow(), "time": "09:00"}
    )
    page = text(response)
    assert "Deze casus heeft al een eerste bijeenkomst." in page
    assert "Geef een plaats of een link voor online deelname." in page
    assert Session.objects.count() == 1


def test_convene_invalid_date_and_time(client, verified_login):
    case = CaseFactory()
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(
        convene_url(case), {"kind": "eerste", "date": "morgen", "time": "25:99", "location": "x"}
    )
    page = text(response)
    assert "Geef de datum als dd-mm-jjjj." in page
    assert "Geef de tijd als uu:mm, bijvoorbeeld 19:30." in page


def test_convene_refuses_the_hour_skipped_by_summer_time(client, verified_login):
    case = CaseFactory()
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(
        convene_url(case),
        {"kind": "eerste", "date": "2031-03-30", "time": "02:30", "location": "x"},
    )
    assert "Dit tijdstip bestaat niet door de overgang naar zomertijd." in text(response)
    assert Session.objects.count() == 0


def test_convene_a_closed_case_is_refused(client, verified_login):
    case = CaseFactory(gesloten=True)
    verified_login(client, Role.KERNTEAMLID)
    response = client.get(convene_url(case))
    assert response["Location"] == case.get_absolute_url()
    assert "gesloten" in messages_of(response)[0]


# --- preparation -----------------------------------------------------------------------


@pytest.fixture
def invited_client(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    attendee = AttendeeFactory(user=user)
    return client, attendee


def test_invited_member_prepares(invited_client):
    client, attendee = invited_client
    page = text(client.get(prepare_url(attendee.session)))
    for legend in ("Beeldvorming", "Oordeelsvorming", "Besluitvorming"):
        assert f'<legend class="h5">{legend}</legend>' in page
    assert "Wat is er gebeurd?" in page
    assert 'rows="3"' in page
    assert 'name="version" value="0"' in page
    response = client.post(
        prepare_url(attendee.session),
        {"version": "0", "what_happened": "Vechtpartij", "other_actions": "Buurtgesprek"},
    )
    assert response["Location"] == prepare_url(attendee.session)
    assert messages_of(response) == ["Uw voorbereiding is opgeslagen."]
    preparation = Preparation.objects.get()
    assert (preparation.author, preparation.what_happened) == (attendee.user, "Vechtpartij")
    page = text(client.get(prepare_url(attendee.session)))
    assert "Vechtpartij" in page
    assert 'name="version" value="1"' in page


def test_empty_preparation_is_refused(invited_client):
    client, attendee = invited_client
    response = client.post(prepare_url(attendee.session), {"version": "0"})
    assert "Beantwoord ten minste één vraag." in text(response)
    assert not Preparation.objects.exists()


def test_stale_preparation_keeps_the_typed_text(invited_client):
    client, attendee = invited_client
    preparation_save(
        user=attendee.user, session_uuid=attendee.session.uuid, what_happened="Uit tab 1"
    )
    response = client.post(
        prepare_url(attendee.session),
        {"version": "0", "what_happened": "Mijn nieuwe tekst uit tab 2"},
    )
    page = text(response)
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert "Mijn nieuwe tekst uit tab 2" in page
    assert "Uit tab 1" in page  # the saved text is shown next to it
    assert 'name="version" value="1"' in page  # a second save overwrites on purpose
    assert Preparation.objects.get().what_happened == "Uit tab 1"


@pytest.mark.parametrize("role", [Role.KERNTEAMLID, Role.COORDINATOR, Role.BURGEMEESTER])
def test_preparation_page_is_404_when_not_invited(client, verified_login, role):
    session = SessionFactory()
    AttendeeFactory(session=session)
    verified_login(client, role)
    assert client.get(prepare_url(session)).status_code == 404
    assert client.post(prepare_url(session), {"what_happened": "x"}).status_code == 404
    assert not Preparation.objects.exists()


@pytest.mark.parametrize("role", [Role.COMMUNICATIE, Role.SIGNALEERDER, Role.BEHEERDER])
def test_preparation_page_is_403_without_a_session_role(client, verified_login, role):
    user = verified_login(client, role)
    session = AttendeeFactory(user=user).session
    assert client.get(prepare_url(session)).status_code == 403


def test_preparation_after_the_session_is_read_only(invited_client):
    client, attendee = invited_client
    preparation_save(user=attendee.user, session_uuid=attendee.session.uuid, seriousness="Hoog")
    Session.objects.filter(pk=attendee.session.pk).update(status="afgerond")
    page = text(client.get(prepare_url(attendee.session)))
    assert "kan niet meer worden gewijzigd" in page
    assert "Hoog" in page
    assert "<textarea" not in page
    response = client.post(prepare_url(attendee.session), {"version": "1", "seriousness": "x"})
    assert response.status_code == 302
    assert Preparation.objects.get().seriousness == "Hoog"


# --- attendance and derden -------------------------------------------------------------


def test_attendance_by_the_chair_returns_to_next(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(chair=chair, bezig=True)
    here, away = AttendeeFactory(session=session), AttendeeFactory(session=session)
    back = session.get_absolute_url() + "?stap=opening"
    response = client.post(
        reverse("kernteam:session_attendance", args=[session.uuid]),
        {
            f"aanwezigheid-{here.uuid}": "aanwezig",
            f"aanwezigheid-{away.uuid}": "afwezig_met_bericht",
            "next": back,
        },
    )
    assert response["Location"] == back
    assert messages_of(response) == ["De aanwezigheid is vastgelegd."]
    assert dict(session.attendees.values_list("pk", "attendance")) == {
        here.pk: "aanwezig",
        away.pk: "afwezig_met_bericht",
    }


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_attendance_ignores_an_unsafe_next(client, verified_login, target):
    chair = verified_login(client, Role.KERNTEAMLID)
    session = SessionFactory(chair=chair, bezig=True)
    response = client.post(
        reverse("kernteam:session_attendance", args=[session.uuid]), {"next": target}
    )
    assert response["Location"] == session.get_absolute_url()


def test_attendance_with_a_foreign_attendee_changes_nothing(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(chair=chair, bezig=True)
    mine = AttendeeFactory(session=session)
    response = client.post(
        reverse("kernteam:session_attendance", args=[session.uuid]),
        {
            f"aanwezigheid-{mine.uuid}": "aanwezig",
            f"aanwezigheid-{AttendeeFactory().uuid}": "aanwezig",
        },
    )
    assert messages_of(response) == ["Kies alleen deelnemers van deze bijeenkomst."]
    mine.refresh_from_db()
    assert mine.attendance == ""


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.KERNTEAMLID, 403),  # not the chair or secretary
        (Role.BURGEMEESTER, 302),  # may chair any session, like a voorzitter: saved
        (Role.COMMUNICATIE, 403),
        (Role.SIGNALEERDER, 403),
    ],
)
def test_attendance_only_by_who_runs_the_session(client, verified_login, role, status):
    verified_login(client, role)
    session = SessionFactory(bezig=True)
    url = reverse("kernteam:session_attendance", args=[session.uuid])
    assert client.post(url, {}).status_code == status
    assert client.get(url).status_code in (403, 405)


def test_add_a_guest_through_the_partial(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    session = SessionFactory(convened_by=user)
    back = session.get_absolute_url() + "?stap=opening"
    response = client.post(
        reverse("kernteam:session_add_guest", args=[session.uuid]),
        {
            "name": "P. Jansen",
            "organisation": "Woonstede",
            "email": "p@woonstede.example",
            "next": back,
        },
    )
    assert response["Location"] == back
    assert messages_of(response) == ["P. Jansen is uitgenodigd; de uitnodiging wordt verstuurd."]
    assert session.attendees.get().guest_organisation == "Woonstede"


def test_add_guest_errors_show_next_to_the_field_with_the_text_kept(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    session = SessionFactory()
    response = client.post(
        reverse("kernteam:session_add_guest", args=[session.uuid]),
        {"name": "", "organisation": "Woonstede", "email": "kapot@", "next": "https://evil.x/"},
    )
    page = text(response)
    assert response.status_code == 200
    assert "Geef de naam van de derde." in page
    assert "Dit is geen geldig e-mailadres." in page
    assert 'value="Woonstede"' in page
    assert 'value="kapot@"' in page
    assert "evil.x" not in page
    assert not Attendee.objects.exists()


@pytest.mark.parametrize("role", [Role.COMMUNICATIE, Role.SIGNALEERDER])
def test_add_guest_refused_for_others(client, verified_login, role):
    verified_login(client, role)
    session = SessionFactory()
    url = reverse("kernteam:session_add_guest", args=[session.uuid])
    assert client.post(url, {"name": "X"}).status_code == 403
    assert client.get(url).status_code == 403
    assert not Attendee.objects.exists()


def test_a_member_who_is_not_taking_part_cannot_invite_a_derde(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    session = SessionFactory()  # neither invited, convener, chair nor secretary
    url = reverse("kernteam:session_add_guest", args=[session.uuid])
    assert client.post(url, {"name": "X", "email": "x@buiten.example"}).status_code == 403
    assert not Attendee.objects.exists()


def test_an_invited_member_may_invite_a_derde(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    session = SessionFactory()
    AttendeeFactory(session=session, user=user)
    url = reverse("kernteam:session_add_guest", args=[session.uuid])
    response = client.post(url, {"name": "P. Jansen", "email": "p@woonstede.example"})
    assert response.status_code == 302
    assert session.attendees.filter(guest_name="P. Jansen").exists()


def test_add_guest_to_an_unknown_session_is_404(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    url = reverse("kernteam:session_add_guest", args=["00000000-0000-0000-0000-000000000000"])
    assert client.post(url, {"name": "X"}).status_code == 404


# --- the case page ---------------------------------------------------------------------


def test_case_page_lists_sessions_and_offers_convening(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    page = text(client.get(case.get_absolute_url()))
    assert "Nog geen bijeenkomsten." in page
    assert convene_url(case) in page
    starts = datetime.datetime(2031, 1, 15, 19, 30, tzinfo=timezone.get_default_timezone())
    session = SessionFactory(case=case, starts_at=starts)
    AttendeeFactory(session=session, user=user)
    page = text(client.get(case.get_absolute_url()))
    assert "Nog geen bijeenkomsten." not in page
    assert session.get_absolute_url() in page
    assert "15-01-2031 19:30" in page
    assert "Eerste bijeenkomst" in page
    assert "Gepland" in page
    assert prepare_url(session) in page  # invited: a link to the preparation


def test_case_page_for_other_roles(client, verified_login):
    case = CaseFactory()
    SessionFactory(case=case)
    verified_login(client, Role.BURGEMEESTER)
    page = text(client.get(case.get_absolute_url()))
    assert "Bijeenkomsten" in page  # the mayor reads sessions…
    assert convene_url(case) in page  # …and convenes, like the kernteam
    client.logout()
    verified_login(client, Role.COMMUNICATIE)
    page = text(client.get(case.get_absolute_url()))
    assert "Bijeenkomsten" not in page


def test_no_convening_on_a_closed_case(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory(gesloten=True)
    assert convene_url(case) not in text(client.get(case.get_absolute_url()))


# --- the partials the runner includes --------------------------------------------------


def test_preparations_partial_shows_the_count_and_the_answers_per_question(rf):
    from django.template.loader import render_to_string

    from kernteam.selectors import preparation_overview, session_get_for

    session = SessionFactory()
    anna = AttendeeFactory(
        session=session, user=UserFactory(roles=[Role.KERNTEAMLID], first_name="Anna")
    )
    AttendeeFactory(session=session, user=UserFactory(roles=[Role.KERNTEAMLID], first_name="Bo"))
    AttendeeFactory(session=session, user=None, guest_name="Gast Zonder Account")
    preparation_save(
        user=anna.user, session_uuid=session.uuid, what_happened="Ruzie <b>op</b> het plein"
    )
    viewer = session.chair
    overview = preparation_overview(
        session=session_get_for(user=viewer, uuid=session.uuid), reader=viewer
    )
    html = render_to_string(
        "kernteam/partials/_preparations.html", {"overview": overview}, request=rf.get("/")
    )
    assert "1 van 2 leden hebben zich voorbereid." in html
    assert "Wat is er gebeurd?" in html
    assert f"{anna.user}:</span>" in html
    assert "Ruzie &lt;b&gt;op&lt;/b&gt; het plein" in html  # escaped
    assert "Niemand heeft deze vraag beantwoord." in html
    assert "Gast Zonder Account" not in html  # derden do not prepare


def test_attendance_partial_lists_everyone_and_marks_derden(rf):
    from django.template.loader import render_to_string

    from kernteam.selectors import session_get_for

    session = SessionFactory(bezig=True)
    member = AttendeeFactory(session=session, attendance="te_laat")
    guest = AttendeeFactory(
        session=session, user=None, guest_name="J. de Vries", guest_organisation="OBS De Linde"
    )
    viewer = UserFactory(roles=[Role.VOORZITTER])
    html = render_to_string(
        "kernteam/partials/_attendance.html",
        {"session": session_get_for(user=viewer, uuid=session.uuid), "next": "/terug/"},
        request=rf.get("/"),
    )
    assert f'action="{reverse("kernteam:session_attendance", args=[session.uuid])}"' in html
    assert re.search(rf'name="aanwezigheid-{member.uuid}" value="te_laat"[^>]*checked', html)
    assert re.search(rf'name="aanwezigheid-{guest.uuid}" value=""[^>]*checked', html)
    assert not re.search(rf'name="aanwezigheid-{guest.uuid}" value="aanwezig"[^>]*checked', html)
    assert "later aangeschoven" in html and "afwezig met bericht" in html
    assert "J. de Vries (OBS De Linde)" in html
    assert ">derde</span>" in html
    assert '<legend class="h6">Aanwezigheid</legend>' in html
    assert 'name="next" value="/terug/"' in html
